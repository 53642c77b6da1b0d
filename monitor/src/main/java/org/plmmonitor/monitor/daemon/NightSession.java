package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.pipeline.NightAnalysis;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.PlmSeries;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoredMovement;
import org.plmmonitor.monitor.store.StoredSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One open night as the daemon sees it: a {@link NightPipeline} (which assembles and scores the night
 * exactly as {@code plm analyze} does a file) and, listening to it, the UTC-and-store adapter: everything
 * the pipeline emits is written to the store as it becomes known, with UTC times from the mapper. A
 * movement's UTC onset is fixed at its first emission, so its undecided and decided rows share one key
 * even if the wall clock is re-anchored in between; offsets and series ends keep their distance from
 * that onset on the monotonic line. At close, the pipeline's analysis (built from the same decided
 * movements the store received) is written as the night's JSON report.
 *
 * <p>A night resumed after a restart (the store already holds part of it) continues the stored night:
 * its series are numbered after the stored ones, its night record keeps the first part's start and adds
 * the time in bed, and its report is written beside the first part's as {@code <night>.part<N>.json}.
 */
final class NightSession implements NightPipeline.Listener {
    private final String nightId;
    private final long startUtcMs;
    private final Map<Leg, String> names;
    private final ScoringStandard standard;
    private final ZoneId zone;
    private final WallClockMapper mapper;
    private final LocalStore store;
    private final NightPipeline night;

    private final Map<String, Long> onsetUtc = new HashMap<>();
    private final Map<Integer, Long> seriesStartUtc = new HashMap<>();
    /** Posture modes: whether anyone is still in bed, from every leg's seconds. */
    private final InBedJudge inBed;
    private final Prior prior;
    private final Map<Leg, RawRecorder> raw = new EnumMap<>(Leg.class);
    private int decidedCount;
    private int undecidedCount;

    /**
     * @param nightId    the night's name, fixed for its whole length
     * @param startUtcMs when it opened, UTC epoch ms
     * @param ratesHz    each leg's nominal rate, Hz
     * @param names      each leg's source as named in reports
     * @param standard   scoring rules
     * @param zone       the configured zone
     * @param mapper     line time to UTC (anchored)
     * @param store      where everything goes
     * @param prior      what the store already holds of this night (a restart), or null
     */
    NightSession(String nightId, long startUtcMs, Map<Leg, Double> ratesHz, Map<Leg, String> names,
                 ScoringStandard standard, ZoneId zone, WallClockMapper mapper, LocalStore store, Prior prior) {
        this.nightId = nightId;
        this.startUtcMs = startUtcMs;
        this.names = new EnumMap<>(names);
        this.standard = standard;
        this.zone = zone;
        this.mapper = mapper;
        this.store = store;
        this.prior = prior;
        this.night = new NightPipeline(ratesHz, DetectorConfig.DEFAULT, standard, NightPipeline.LIVE_MAX_LAG_S, this);
        this.inBed = new InBedJudge(ratesHz.keySet());
        ratesHz.forEach((l, r) -> raw.put(l, new RawRecorder(nightId, l, r, mapper, store, night.sink(l))));
        store.putNight(new NightRecord(nightId, prior != null ? prior.startUtcMs() : startUtcMs, null, zone,
                prior != null ? prior.analysableS() : 0, prior != null ? prior.wearS() : 0, SoftwareVersion.get(),
                DetectorConfig.VERSION, standard));
        if (prior != null) {
            store.putDeviceEvent(new DeviceEvent(nightId, startUtcMs, "monitor", DeviceEventKind.INFO,
                    "night resumed after a restart: part " + prior.part()));
        }
    }

    /**
     * @param forS how long no leg may have lain with its sensor worn (every leg upright, unworn or silent), s
     * @return where the last leg left the bed (line seconds), once that has lasted {@code forS}
     */
    java.util.OptionalDouble outOfBedSince(double forS) {
        return inBed.outFor(forS);
    }

    /** @return the night's name */
    String nightId() {
        return nightId;
    }

    /** @return when it opened, UTC epoch ms */
    long startUtcMs() {
        return startUtcMs;
    }

    /** @return movements emitted so far: undecided emissions and decided ones */
    int[] counts() {
        return new int[] {undecidedCount, decidedCount};
    }

    /** @return the sink for one leg's samples (kept raw, then detected) */
    AccelerationSink sink(Leg leg) {
        RawRecorder r = raw.get(leg);
        if (r == null) {
            throw new IllegalArgumentException("no sensor on leg " + leg + " in night " + nightId);
        }
        return r;
    }

    /** Lets the scorer release what no leg can precede any more (call after each batch). */
    void tick() {
        night.tick();
    }

    /**
     * Ends the night: finishes the streams, writes the final night record and the JSON report.
     *
     * @param endUtcMs  when it closed, UTC epoch ms
     * @param reportDir where {@code <night-id>.json} goes (created if missing)
     * @return the closed night's analysis and where its report is
     */
    ClosedNight close(long endUtcMs, Path reportDir) {
        raw.values().forEach(RawRecorder::flush);
        writeEdf(reportDir);
        night.finish();
        NightAnalysis a = night.analysis(names, zone.getId());
        NightMetrics m = a.metrics();
        double wear = a.provenance().wearS();
        double analysableS = m.analysable().durationS() == null ? 0 : m.analysable().durationS();
        long firstStart = prior != null ? prior.startUtcMs() : startUtcMs;
        store.putNight(new NightRecord(nightId, firstStart, Math.max(firstStart, endUtcMs), zone,
                analysableS + (prior != null ? prior.analysableS() : 0), wear + (prior != null ? prior.wearS() : 0),
                SoftwareVersion.get(), DetectorConfig.VERSION, standard));
        Path json = reportDir.resolve(prior == null ? nightId + ".json" : nightId + ".part" + prior.part() + ".json");
        writeReport(json, a, Math.max(firstStart, endUtcMs));
        return new ClosedNight(nightId, startUtcMs, endUtcMs, a, json);
    }

    private int seriesBase() {
        return prior == null ? 0 : prior.lastSeriesId();
    }

    /**
     * What the store holds of a night being resumed.
     *
     * @param startUtcMs   when its first part opened, UTC epoch ms
     * @param analysableS  time in bed already counted, s
     * @param wearS        wear time already counted, s
     * @param lastSeriesId highest stored series id (this part's ids follow it)
     * @param part         this part's number, 2 or more
     */
    record Prior(long startUtcMs, double analysableS, double wearS, int lastSeriesId, int part) {
    }

    /** The raw signal of each leg as EDF+ next to the report; a failure is logged, never fatal. */
    private void writeEdf(Path reportDir) {
        try {
            store.flushUnlessFull(); // a full store: the EDF+ holds what it could keep
            for (Leg leg : night.ratesHz().keySet()) {
                NightEdf.write(store, nightId, leg, zone, reportDir);
            }
        } catch (IOException | RuntimeException e) {
            System.getLogger(NightSession.class.getName()).log(System.Logger.Level.WARNING,
                    "night " + nightId + ": the EDF+ file of the raw signal could not be written: " + e.getMessage());
        }
    }

    /**
     * The report, whole or not at all. Out of space, its loss is logged in one line naming the file and
     * filed as a STORAGE event (stored once space allows): the night's movements are in the store.
     */
    private void writeReport(Path file, NightAnalysis a, long atUtcMs) {
        try {
            AtomicFile.replace(file, a::writeJson);
        } catch (IOException e) {
            System.getLogger(NightSession.class.getName()).log(System.Logger.Level.ERROR, "night " + nightId
                    + ": the night report is lost: " + e.getMessage() + " (its movements are in the store)");
            store.putDeviceEvent(new DeviceEvent(nightId, atUtcMs, "monitor", DeviceEventKind.STORAGE,
                    "night report " + file + " not written: " + AtomicFile.reason(e)));
        }
    }

    private static String key(LegMovement m) {
        return m.leg().name() + '@' + m.onsetS();
    }

    @Override
    public void movement(ScoredMovement sm, boolean isDecided) {
        LegMovement lm = sm.movement();
        String k = key(lm);
        Long onset = isDecided ? onsetUtc.remove(k) : onsetUtc.get(k);
        if (onset == null) {
            onset = mapper.toUtcMs(lm.onsetS());
            if (!isDecided) {
                onsetUtc.put(k, onset);
            }
        }
        long offset = onset + Math.round(lm.durationS() * 1000.0);
        store.putMovement(new StoredMovement(nightId, lm.leg(), onset, offset, lm.onsetS(), lm.offsetS(),
                sm.candidate(), sm.periodic(), sm.seriesId() == null ? null : sm.seriesId() + seriesBase(), isDecided, lm.peak(), lm.rms(),
                DetectorConfig.VERSION, standard));
        if (isDecided) {
            decidedCount++;
        } else {
            undecidedCount++;
        }
    }

    @Override
    public void series(PlmSeries s) {
        long start = seriesStartUtc.computeIfAbsent(s.id(), id -> mapper.toUtcMs(s.startS()));
        store.putSeries(new StoredSeries(nightId, s.id() + seriesBase(), start, start + Math.round((s.endS() - s.startS()) * 1000.0),
                s.count(), DetectorConfig.VERSION));
    }

    @Override
    public void onEpoch(Leg leg, Epoch e) {
        inBed.epoch(leg, e);
        if (Double.isFinite(e.activityG()) && e.activityG() >= 0) {
            store.putActivity(new ActivitySecond(nightId, leg, Math.floorDiv(mapper.toUtcMs(e.startS()), 1000L),
                    e.activityG(), e.state() == Epoch.State.ANALYSABLE, e.state() != Epoch.State.UNWORN));
        }
    }

    @Override
    public void onGap(Leg leg, TimeInterval gap) {
        store.putDeviceEvent(new DeviceEvent(nightId, mapper.toUtcMs(gap.startS()), leg.jsonName() + "-sensor",
                DeviceEventKind.SIGNAL_GAP, String.format(Locale.ROOT, "no samples for %.1f s", gap.durationS())));
    }
}
