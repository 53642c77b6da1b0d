package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.detect.AccelerometerDetector;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.detect.PressureDetector;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.PlmSeries;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringListener;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.PressureSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one thing that assembles a night, for files ({@code plm analyze}, {@code plm demo}) and for the
 * daemon alike: one detector per leg, their movements merged in global onset order by watermark and
 * scored by the streaming {@link PlmScorer} as soon as no leg can still report an earlier onset, and
 * every per-night total (recorded span, seconds per epoch state per leg, analysable stretches, gap
 * starts, the decided movements and the series). {@link #analysis} builds the night's
 * {@link NightAnalysis} from exactly the scored movements the listener saw, so whatever a caller
 * stores from the listener and the report agree by construction.
 *
 * <p>Every acceleration sample enters on {@link AccelerationGrid}'s 1/4096 g grid, here and nowhere
 * else: the daemon stores a sample as counts of that grid, so a live night, the same night resumed or
 * re-analysed from the store, and {@code plm analyze} of the samples the daemon received all see
 * identical input whoever feeds them.
 *
 * <p>A compression cuff is a second modality: its {@link PressureDetector} (per cuffed leg) feeds the same
 * merge and scorer; on a leg with both, {@link ModalityJoin} makes one movement of what both saw.
 *
 * <p>Not thread-safe: feed every leg from one thread (file readers hand their blocks to that thread).
 */
public final class NightPipeline implements DetectionListener {
    /** Everything the night produces, in the order it becomes known; every method defaults to nothing. */
    public interface Listener extends ScoringListener, DetectionListener {
        @Override
        default void movement(ScoredMovement m, boolean decided) {
        }

        /** A leg's detector reported a movement (before scoring; the scorer's emissions follow). */
        @Override
        default void onMovement(LegMovement movement) {
        }
    }

    /** A listener that wants nothing (offline analysis reads the totals at the end). */
    public static final Listener NONE = new Listener() {
    };

    /**
     * How long a live leg may go without samples, behind the latest sample of any leg, before it stops
     * holding the others back, s. A movement it reports later, with an onset the scorer has passed, is
     * listed as decided and not a candidate (counted by {@link #lateMovements()}). A leg still sending
     * samples is never passed by, however long its movement under way; a leg yet to send its first sample
     * counts as silent since the first sample of any leg (docs/contracts.md, "Streaming").
     */
    public static final double LIVE_MAX_LAG_S = 30;

    /** Same ordering as {@link PlmScorer#scoreAll}: onset, then leg. */
    static final Comparator<LegMovement> ORDER = Comparator.comparingDouble(LegMovement::onsetS)
            .thenComparing(LegMovement::leg);
    private static final Comparator<ScoredMovement> SCORED_ORDER = Comparator.comparingDouble(ScoredMovement::onsetS)
            .thenComparing(m -> m.movement().leg());

    private final Map<Leg, Double> ratesHz;
    private final DetectorConfig cfg;
    private final String version;
    private final ScoringStandard standard;
    private final double maxLagS;
    private final Listener out;
    private final Map<Leg, AccelerometerDetector> detectors = new EnumMap<>(Leg.class);
    /** Each leg's entry: its detector behind the grid. */
    private final Map<Leg, AccelerationSink> inputs = new EnumMap<>(Leg.class);
    private final Set<Leg> ended = EnumSet.noneOf(Leg.class);
    private final Map<Leg, Double> cuffRatesHz;
    private final Map<Leg, PressureDetector> cuffs = new EnumMap<>(Leg.class);
    private final Set<Leg> cuffsEnded = EnumSet.noneOf(Leg.class);
    private final Map<Leg, List<TimeInterval>> cuffAnalysable = new EnumMap<>(Leg.class);
    private final PlmScorer scorer;
    private final PriorityQueue<LegMovement> held = new PriorityQueue<>(ORDER);
    /** Movements complete (joined where two modalities saw them), waiting for the scorer's turn. */
    private final PriorityQueue<LegMovement> ready = new PriorityQueue<>(ORDER);
    private final ModalityJoin join;
    /** Gap starts not yet applied: a gap breaks runs before the first movement at or after it. */
    private final PriorityQueue<Double> breaks = new PriorityQueue<>();

    private final Map<Leg, List<TimeInterval>> analysable = new EnumMap<>(Leg.class);
    private final Map<Leg, double[]> secondsByState = new EnumMap<>(Leg.class);
    private final List<Double> gapStarts = new ArrayList<>();
    private final List<ScoredMovement> decided = new ArrayList<>();
    private final Map<Integer, PlmSeries> series = new TreeMap<>();

    private double released = Double.NEGATIVE_INFINITY;
    private long late;
    private boolean finished;

    /**
     * @param ratesHz  each leg with a sensor and its nominal rate, Hz (10-1000)
     * @param cfg      detector parameters
     * @param standard scoring rules
     * @param maxLagS  how long a leg may go without samples, behind the latest sample of any leg, before
     *                 it stops holding the others' movements back, s, positive: {@link #LIVE_MAX_LAG_S} for live sources (a leg may fall
     *                 silent for good); {@link Double#POSITIVE_INFINITY} where the feeder merges legs by
     *                 time and ends each with {@link #endLeg} (files: a leg is never silent, only ahead)
     * @param out      receives, on the feeding thread, scored movements (undecided, then decided),
     *                 series, epochs, analysable stretches, gaps and rejections
     */
    public NightPipeline(Map<Leg, Double> ratesHz, DetectorConfig cfg, ScoringStandard standard, double maxLagS,
                         Listener out) {
        this(ratesHz, Map.of(), new VersionedDetector(DetectorConfig.VERSION, cfg), standard, maxLagS, out);
    }

    /**
     * As {@link #NightPipeline(Map, DetectorConfig, ScoringStandard, double, Listener)}, with the detector's
     * version named: the analysis' provenance reports it.
     *
     * @param ratesHz  each leg with a sensor and its nominal rate, Hz (10-1000)
     * @param detector the detector's parameters and version
     * @param standard scoring rules
     * @param maxLagS  as the other constructor, s, positive
     * @param out      as the other constructor
     */
    public NightPipeline(Map<Leg, Double> ratesHz, VersionedDetector detector, ScoringStandard standard, double maxLagS,
                         Listener out) {
        this(ratesHz, Map.of(), detector, standard, maxLagS, out);
    }

    /**
     * A night with cuff pressure too (or only).
     *
     * @param ratesHz     each leg with an ankle accelerometer and its nominal rate, Hz (10-1000); may be
     *                    empty when a cuff is given
     * @param cuffRatesHz each leg wearing a compression cuff and its telemetry rate, Hz (5-200); may be empty
     * @param detector    the accelerometer detector's parameters and version
     * @param standard    scoring rules
     * @param maxLagS     as for the other constructor, s, positive
     * @param out         as for the other constructor (a cuff's holds and gaps are totals here, not events)
     */
    public NightPipeline(Map<Leg, Double> ratesHz, Map<Leg, Double> cuffRatesHz, VersionedDetector detector,
                         ScoringStandard standard, double maxLagS, Listener out) {
        DetectorConfig cfg = detector.config();
        this.version = detector.version();
        if (ratesHz.isEmpty() && cuffRatesHz.isEmpty()) {
            throw new IllegalArgumentException("a night needs at least one leg with a sensor");
        }
        if (!(maxLagS > 0)) {
            throw new IllegalArgumentException("maximum lag between legs must be positive, s: " + maxLagS);
        }
        this.ratesHz = ratesHz.isEmpty() ? new EnumMap<>(Leg.class) : new EnumMap<>(ratesHz);
        this.cuffRatesHz = cuffRatesHz.isEmpty() ? new EnumMap<>(Leg.class) : new EnumMap<>(cuffRatesHz);
        this.cfg = cfg;
        this.standard = standard;
        this.maxLagS = maxLagS;
        this.out = out;
        this.scorer = new PlmScorer(standard, ScoringContext.NONE, new ScoringListener() {
            @Override
            public void movement(ScoredMovement m, boolean isDecided) {
                if (isDecided) {
                    decided.add(m);
                }
                out.movement(m, isDecided);
            }

            @Override
            public void series(PlmSeries s) {
                series.put(s.id(), s);
                out.series(s);
            }
        });
        for (Map.Entry<Leg, Double> e : this.ratesHz.entrySet()) {
            AccelerometerDetector d = new AccelerometerDetector(e.getKey(), e.getValue(), cfg, this);
            detectors.put(e.getKey(), d);
            inputs.put(e.getKey(), new OnGrid(d));
            analysable.put(e.getKey(), new ArrayList<>());
            secondsByState.put(e.getKey(), new double[Epoch.State.values().length]);
        }
        Set<Leg> both = EnumSet.noneOf(Leg.class);
        for (Map.Entry<Leg, Double> e : this.cuffRatesHz.entrySet()) {
            cuffs.put(e.getKey(), new PressureDetector(e.getKey(), e.getValue(), cfg.minDurationS(), new CuffEvents()));
            cuffAnalysable.put(e.getKey(), new ArrayList<>());
            if (this.ratesHz.containsKey(e.getKey())) {
                both.add(e.getKey());
            }
        }
        join = new ModalityJoin(both, ready::add);
    }

    /**
     * @param leg a leg given a cuff at construction
     * @return the sink for that cuff's pressure, stamped on the source's monotonic line
     */
    public PressureSink pressureSink(Leg leg) {
        return cuff(leg);
    }

    /**
     * A cuff's stream has ended for good, as {@link #endLeg}.
     *
     * @param leg a leg given a cuff at construction
     */
    public void endCuff(Leg leg) {
        PressureDetector d = cuff(leg);
        if (cuffsEnded.add(leg)) {
            d.finish();
            tick();
        }
    }

    private PressureDetector cuff(Leg leg) {
        PressureDetector d = cuffs.get(leg);
        if (d == null) {
            throw new IllegalArgumentException("no cuff on leg " + leg + "; cuffs: " + cuffs.keySet());
        }
        return d;
    }

    /**
     * @param leg a leg given at construction
     * @return the sink for that leg's samples, stamped on the source's monotonic line, in g as received
     *         (each is put on {@link AccelerationGrid} before the detector sees it)
     */
    public AccelerationSink sink(Leg leg) {
        detector(leg);
        return inputs.get(leg);
    }

    /** The pipeline's one entry for acceleration: every sample onto the store's grid, then the detector. */
    private record OnGrid(AccelerometerDetector detector) implements AccelerationSink {
        @Override
        public void accept(double tS, double xG, double yG, double zG) {
            detector.accept(tS, AccelerationGrid.onGrid(xG), AccelerationGrid.onGrid(yG), AccelerationGrid.onGrid(zG));
        }
    }

    /**
     * Feeds one leg's whole recording from a pull source (the generator, a replay), offline: the pipeline
     * holds the leg's movements until the other legs have caught up, so legs may be fed one after another.
     *
     * @param leg    a leg given at construction
     * @param source its samples in time order, to their end
     */
    public void feed(Leg leg, SampleSource source) {
        AccelerationSink sink = sink(leg);
        double[] s = new double[4];
        while (source.next(s)) {
            sink.accept(s[0], s[1], s[2], s[3]);
        }
    }

    private AccelerometerDetector detector(Leg leg) {
        AccelerometerDetector d = detectors.get(leg);
        if (d == null) {
            throw new IllegalArgumentException("no sensor on leg " + leg + "; legs: " + detectors.keySet());
        }
        return d;
    }

    /** @return each leg's nominal rate, Hz */
    public Map<Leg, Double> ratesHz() {
        return new EnumMap<>(ratesHz);
    }

    /**
     * Releases to the scorer every held movement no leg can precede any more. Call after each batch
     * of samples (cheap when nothing is held).
     */
    public void tick() {
        // {watermark, first sample, last sample} of each leg still live; an ended leg reports nothing more.
        List<double[]> live = new ArrayList<>();
        detectors.forEach((leg, d) -> {
            if (!ended.contains(leg)) {
                live.add(new double[]{d.watermarkS(), d.firstSampleS(), d.lastSampleS()});
            }
        });
        cuffs.forEach((leg, d) -> {
            if (!cuffsEnded.contains(leg)) {
                live.add(new double[]{d.watermarkS(), d.firstSampleS(), d.lastSampleS()});
            }
        });
        double lead = Double.NEGATIVE_INFINITY;
        double start = Double.POSITIVE_INFINITY;
        for (double[] l : live) {
            if (!Double.isNaN(l[2])) {
                lead = Math.max(lead, l[2]);
                start = Math.min(start, l[1]);
            }
        }
        double w = Double.POSITIVE_INFINITY;
        for (double[] l : live) {
            // A live leg that has fallen silent (unplugged, never started) must not hold the others'
            // movements back for the rest of the night. Silence is judged by the samples, not by the
            // watermark: a leg still sending holds the others back while a movement of its is under
            // way, however long (a long movement in wake), so that none of its movements comes late.
            // A leg not heard from yet has been silent since the first sample of any leg: a sensor
            // that starts a moment after the other (its watermark is then -infinity) holds it back.
            double heard = Double.isNaN(l[2]) ? start : l[2];
            if (heard >= lead - maxLagS) {
                w = Math.min(w, l[0]);
            }
        }
        if (Double.isFinite(w)) {
            release(w);
        }
    }

    /**
     * One leg's stream has ended for good (its file is read): its detector flushes, and it holds the
     * other legs back no more.
     *
     * @param leg a leg given at construction
     */
    public void endLeg(Leg leg) {
        AccelerometerDetector d = detector(leg);
        if (ended.add(leg)) {
            d.finish();
            tick();
        }
    }

    /** Ends every leg's stream, scores what is left and closes open series. Idempotent. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Map.Entry<Leg, AccelerometerDetector> e : detectors.entrySet()) {
            if (ended.add(e.getKey())) {
                e.getValue().finish();
            }
        }
        for (Map.Entry<Leg, PressureDetector> e : cuffs.entrySet()) {
            if (cuffsEnded.add(e.getKey())) {
                e.getValue().finish();
            }
        }
        release(Double.POSITIVE_INFINITY);
        scorer.finish();
    }

    private void release(double w) {
        while (!held.isEmpty() && held.peek().onsetS() < w) {
            LegMovement m = held.poll();
            if (join.handles(m.leg())) {
                join.add(m);
            } else {
                ready.add(m);
            }
        }
        join.closeBefore(w);
        // A group still open on a two-modality leg may yet start the earliest movement to score.
        double until = Math.min(w, join.openOnsetS());
        while (!ready.isEmpty() && ready.peek().onsetS() < until) {
            LegMovement m = ready.poll();
            while (!breaks.isEmpty() && breaks.peek() <= m.onsetS()) {
                scorer.breakAt(breaks.poll());
            }
            scorer.accept(m);
        }
        while (!breaks.isEmpty() && breaks.peek() < until) {
            scorer.breakAt(breaks.poll());
        }
        if (until > released && Double.isFinite(until)) {
            released = until;
            scorer.advanceTo(until);
        }
    }

    /** @return movements that arrived after the scorer had passed their onset (a lagging leg's) */
    public long lateMovements() {
        return late;
    }

    /** @return recorded time: last minus first sample over all legs, s (0 if nothing was seen) */
    public double recordedS() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (AccelerometerDetector d : detectors.values()) {
            if (!Double.isNaN(d.firstSampleS())) {
                first = Math.min(first, d.firstSampleS());
                last = Math.max(last, d.lastSampleS());
            }
        }
        for (PressureDetector d : cuffs.values()) {
            if (!Double.isNaN(d.firstSampleS())) {
                first = Math.min(first, d.firstSampleS());
                last = Math.max(last, d.lastSampleS());
            }
        }
        return last > first ? last - first : 0;
    }

    /**
     * Time that counts for rates: with two sensors, time when either leg was analysable (a leg that
     * fell off does not void the other's night; the report states each leg's own time too).
     *
     * @return closed analysable stretches so far, s on the source's line, merged, in time order
     */
    public List<TimeInterval> analysable() {
        List<TimeInterval> all = new ArrayList<>();
        analysable.values().forEach(all::addAll);
        cuffAnalysable.values().forEach(all::addAll);
        return Intervals.union(all);
    }

    /**
     * @return per modality given (accelerometer, cuff pressure), the seconds it could see movements: the
     *         union over its legs of closed analysable stretches (for the cuff, its holds)
     */
    public Map<MovementSource, Double> analysableBySourceS() {
        Map<MovementSource, Double> out = new EnumMap<>(MovementSource.class);
        if (!detectors.isEmpty()) {
            List<TimeInterval> all = new ArrayList<>();
            analysable.values().forEach(all::addAll);
            out.put(MovementSource.ACCELEROMETER, seconds(all));
        }
        if (!cuffs.isEmpty()) {
            List<TimeInterval> all = new ArrayList<>();
            cuffAnalysable.values().forEach(all::addAll);
            out.put(MovementSource.CUFF_PRESSURE, seconds(all));
        }
        return out;
    }

    private static double seconds(List<TimeInterval> intervals) {
        double s = 0;
        for (TimeInterval i : Intervals.union(intervals)) {
            s += i.durationS();
        }
        return s;
    }

    /**
     * @param leg a leg given at construction
     * @return that leg's closed analysable stretches in time order
     */
    public List<TimeInterval> analysable(Leg leg) {
        detector(leg);
        return List.copyOf(analysable.get(leg));
    }

    /** @return the start (last sample before) of every gap seen on any leg, s, in time order */
    public List<Double> gapStarts() {
        List<Double> copy = new ArrayList<>(gapStarts);
        copy.sort(null);
        return copy;
    }

    /**
     * @param leg a leg given at construction
     * @return seconds of closed epochs in each state for that leg (index by {@link Epoch.State#ordinal()})
     */
    public double[] secondsByState(Leg leg) {
        detector(leg);
        return secondsByState.get(leg).clone();
    }

    /**
     * The night's scoring: the decided movements the listener was given, in onset order (one-leg
     * before bilateral at equal onsets), and each series in its last state. Call after {@link #finish}.
     *
     * @return the scored night
     * @throws IllegalStateException before {@link #finish}
     */
    public ScoringResult result() {
        if (!finished) {
            throw new IllegalStateException("the night is still streaming; call finish() before reading its result");
        }
        List<ScoredMovement> ms = new ArrayList<>(decided);
        ms.sort(SCORED_ORDER);
        return new ScoringResult(standard, ms, new ArrayList<>(series.values()), ScoringContext.NONE);
    }

    /**
     * The closed night. Call after {@link #finish}.
     *
     * @param names each leg's input as the user named it (file, device, simulator); missing legs use the leg's name
     * @param zone  IANA time zone the night is named in, null offline
     * @return scoring, metrics and provenance from this pipeline's own totals
     */
    public NightAnalysis analysis(Map<Leg, String> names, String zone) {
        return analysis(names, Map.of(), zone);
    }

    /**
     * The closed night, naming the cuffs' inputs too. Call after {@link #finish}.
     *
     * @param names     each accelerometer leg's input as the user named it; missing legs use the leg's name
     * @param cuffNames each cuff's input (a file, the controller's device); missing ones are called {@code cuff}
     * @param zone      IANA time zone the night is named in, null offline
     * @return scoring, metrics and provenance from this pipeline's own totals
     */
    public NightAnalysis analysis(Map<Leg, String> names, Map<Leg, String> cuffNames, String zone) {
        return NightAnalysis.of(result(), recordedS(), analysable(), ratesHz, names, new EnumMap<>(secondsByState),
                new VersionedDetector(version, cfg), zone, new NightAnalysis.Cuffs(cuffRatesHz, cuffNames, analysableBySourceS()));
    }

    /**
     * What a cuff's detector reports, routed apart from the accelerometers': its movements join the same
     * merge; its holds are the cuff's analysable time; its gaps and the ends of its holds break runs
     * only when no accelerometer watches the night (time nothing could see is not an interval).
     */
    private final class CuffEvents implements DetectionListener {
        @Override
        public void onMovement(LegMovement movement) {
            NightPipeline.this.onMovement(movement);
        }

        @Override
        public void onAnalysable(Leg leg, TimeInterval interval) {
            cuffAnalysable.get(leg).add(interval);
            if (detectors.isEmpty()) {
                breaks.add(interval.endS());
            }
        }

        @Override
        public void onGap(Leg leg, TimeInterval gap) {
            if (detectors.isEmpty()) {
                breaks.add(gap.startS());
            }
        }

        @Override
        public void onRejected(Leg leg, TimeInterval span, String reason) {
            out.onRejected(leg, span, reason);
        }
    }

    @Override
    public void onMovement(LegMovement m) {
        out.onMovement(m);
        if (m.onsetS() < released) {
            // From a leg that lagged more than maxLagS: the scorer has moved past its onset and cannot
            // take it in order. Listed, decided, not a candidate; counted.
            late++;
            ScoredMovement sm = ScoredMovement.unscored(m);
            out.movement(sm, false);
            decided.add(sm);
            out.movement(sm, true);
            return;
        }
        held.add(m);
    }

    @Override
    public void onAnalysable(Leg leg, TimeInterval interval) {
        analysable.get(leg).add(interval);
        out.onAnalysable(leg, interval);
    }

    @Override
    public void onGap(Leg leg, TimeInterval gap) {
        breaks.add(gap.startS());
        gapStarts.add(gap.startS());
        out.onGap(leg, gap);
    }

    @Override
    public void onEpoch(Leg leg, Epoch epoch) {
        secondsByState.get(leg)[epoch.state().ordinal()] += epoch.endS() - epoch.startS();
        out.onEpoch(leg, epoch);
    }

    @Override
    public void onRejected(Leg leg, TimeInterval span, String reason) {
        out.onRejected(leg, span, reason);
    }
}
