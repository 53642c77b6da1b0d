package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.detect.AccelerometerDetector;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringListener;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The live path: one detector per leg, their movements merged in global onset order by watermark
 * and fed to the streaming {@link PlmScorer} as soon as no leg can still report an earlier onset.
 * The daemon drives it; a replayed night through it equals {@code plm analyze} on the same file,
 * because both run the same detectors and the same scorer on the same ordered movements.
 * Not thread-safe: feed it from one thread.
 */
public final class StreamingNight implements DetectionListener {
    /** Everything the night produces, in the order it becomes known. */
    public interface Listener extends ScoringListener, DetectionListener {
        @Override
        default void onMovement(LegMovement movement) {
        }
    }

    /** Same ordering as {@link PlmScorer#scoreAll}: onset, then leg. */
    static final Comparator<LegMovement> ORDER = Comparator.comparingDouble(LegMovement::onsetS)
            .thenComparing(LegMovement::leg);

    private final Map<Leg, AccelerometerDetector> detectors = new EnumMap<>(Leg.class);
    private final PriorityQueue<LegMovement> held = new PriorityQueue<>(ORDER);
    /** Gap starts not yet applied: a gap breaks runs exactly where the offline path breaks them. */
    private final PriorityQueue<Double> breaks = new PriorityQueue<>();
    private final PlmScorer scorer;
    private final Listener out;
    private double released = Double.NEGATIVE_INFINITY;
    private long late;
    /** How far behind the leading leg a leg may fall before it stops holding the others back, s. */
    static final double MAX_LAG_S = 30;
    private boolean finished;

    /**
     * @param ratesHz each leg with a sensor and its nominal rate, Hz
     * @param cfg     detector parameters
     * @param std     scoring rules
     * @param out     receives scored movements (first undecided, then decided), series, epochs, gaps
     */
    public StreamingNight(Map<Leg, Double> ratesHz, DetectorConfig cfg, ScoringStandard std, Listener out) {
        this.out = out;
        this.scorer = new PlmScorer(std, ScoringContext.NONE, out);
        for (Map.Entry<Leg, Double> e : ratesHz.entrySet()) {
            detectors.put(e.getKey(), new AccelerometerDetector(e.getKey(), e.getValue(), cfg, this));
        }
    }

    /** @return the sink for one leg's samples */
    public AccelerometerDetector detector(Leg leg) {
        AccelerometerDetector d = detectors.get(leg);
        if (d == null) {
            throw new IllegalArgumentException("no sensor on leg " + leg + "; legs: " + detectors.keySet());
        }
        return d;
    }

    /**
     * Releases to the scorer every held movement no leg can precede any more. Call after each batch
     * of samples (cheap when nothing is held).
     */
    public void tick() {
        double lead = Double.NEGATIVE_INFINITY;
        for (AccelerometerDetector d : detectors.values()) {
            lead = Math.max(lead, d.watermarkS());
        }
        double w = Double.POSITIVE_INFINITY;
        for (AccelerometerDetector d : detectors.values()) {
            double wm = d.watermarkS();
            // A leg that has fallen silent (unplugged, never started) must not hold the others'
            // movements back for the rest of the night.
            if (wm >= lead - MAX_LAG_S) {
                w = Math.min(w, wm);
            }
        }
        release(w);
    }

    /** @return movements that arrived after the scorer had passed their onset (a silent leg's, late) */
    public long lateMovements() {
        return late;
    }

    /** Ends every leg's stream, scores what is left and closes open series. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        detectors.values().forEach(AccelerometerDetector::finish);
        release(Double.POSITIVE_INFINITY);
        scorer.finish();
    }

    private void release(double w) {
        while (!held.isEmpty() && held.peek().onsetS() < w) {
            LegMovement m = held.poll();
            while (!breaks.isEmpty() && breaks.peek() <= m.onsetS()) {
                scorer.breakAt(breaks.poll());
            }
            scorer.accept(m);
        }
        while (!breaks.isEmpty() && breaks.peek() < w) {
            scorer.breakAt(breaks.poll());
        }
        if (w > released && Double.isFinite(w)) {
            released = w;
            scorer.advanceTo(w);
        }
    }

    @Override
    public void onMovement(LegMovement m) {
        if (m.onsetS() < released) {
            // From a leg that lagged more than MAX_LAG_S: the scorer has moved past its onset and
            // cannot take it in order. Listed, decided, not a candidate; counted.
            late++;
            ScoredMovement sm = ScoredMovement.unscored(m);
            out.movement(sm, false);
            out.movement(sm, true);
            return;
        }
        held.add(m);
    }

    @Override
    public void onAnalysable(Leg leg, TimeInterval interval) {
        out.onAnalysable(leg, interval);
    }

    @Override
    public void onGap(Leg leg, TimeInterval gap) {
        breaks.add(gap.startS());
        out.onGap(leg, gap);
    }

    @Override
    public void onEpoch(Leg leg, Epoch epoch) {
        out.onEpoch(leg, epoch);
    }

    @Override
    public void onRejected(Leg leg, TimeInterval span, String reason) {
        out.onRejected(leg, span, reason);
    }
}
