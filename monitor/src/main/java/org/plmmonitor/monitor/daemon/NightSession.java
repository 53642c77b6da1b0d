package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.PressureSink;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.report.CuffSessionEntry;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.pipeline.VersionedDetector;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.pipeline.NightAnalysis;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.PlmSeries;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.NightReport;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.StoredMovement;
import org.plmmonitor.monitor.store.StoredSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * One open night as the daemon sees it: a {@link NightPipeline} (which assembles and scores the night
 * exactly as {@code plm analyze} does a file) and, listening to it, the UTC-and-store adapter: everything
 * the pipeline emits is written to the store as it becomes known, with UTC times from the mapper. A
 * movement's UTC onset is fixed at its first emission, so its undecided and decided rows share one key
 * even if the wall clock is re-anchored in between; offsets and series ends keep their distance from
 * that onset on the monotonic line. At close, the pipeline's analysis (built from the same decided
 * movements the store received) is written as the night's JSON report.
 *
 * <p>A night resumed after a restart (the store already holds part of it, e.g. after a kill -9) is one
 * night again: before the first new sample, the stored raw signal of the night is replayed into the
 * pipeline (docs/storage.md, "A night resumed after a kill"), so the report, the series numbers and the
 * time in bed are the whole night's. What the replay re-derives is already stored: movements keep their
 * stored keys, activity seconds and signal gaps inside the stored signal are not written again, and no
 * device event is stored twice. The daemon's downtime (end of the stored signal to the new part's start)
 * is a device event.
 */
final class NightSession implements NightPipeline.Listener {
    /**
     * How far a movement re-derived from the stored signal (a night resumed after a restart) may lie from its
     * stored onset and still be the same movement, ms. The values are the same: the live run is fed the store's
     * 1/4096 g grid too (docs/detector.md, "Input"). The stamps are not quite: a stored chunk keeps its first
     * sample's time in whole UTC ms and spaces the rest at the nominal rate, where the live line follows the
     * device's clock or the host's reads, so a replayed onset can sit some milliseconds from the stored one (and
     * a knife-edge end decision can then fall the other way: docs/detector.md, "Known limits"). 0.25 s is far
     * above that and below the spacing of one leg's onsets: its movements last 0.5 s or more and end after
     * 0.5 s of quiet, so their onsets are 1 s apart or more and cannot take another's row.
     */
    private static final long SAME_ONSET_MS = 250;
    private final String nightId;
    private final long startUtcMs;
    private final Map<Leg, String> names;
    private final String detectorVersion;
    private final ScoringStandard standard;
    private final ZoneId zone;
    private final WallClockMapper mapper;
    private final LocalStore store;
    private final NightPipeline night;
    /** The cuffed leg (at most one) and its controller's name. */
    private final Map<Leg, String> cuffNames;
    /** The controller's telemetry rate, Hz (PROTOCOL.md 7.4: 10 Hz, and a frame at every state change). */
    static final double CUFF_RATE_HZ = 10;

    private final Map<String, Long> onsetUtc = new HashMap<>();
    private final Map<Integer, Long> seriesStartUtc = new HashMap<>();
    /** Posture modes: whether anyone is still in bed, from every leg's seconds. */
    private final InBedJudge inBed;
    private final Prior prior;
    /** A resumed night: where each leg's stored raw signal ends, UTC epoch ms (what lies before is stored). */
    private final Map<Leg, Long> storedUntilMs = new EnumMap<>(Leg.class);
    /** A resumed night: the stored movements' UTC onsets by leg, so a re-derived movement keeps its row. */
    private final Map<Leg, NavigableSet<Long>> storedOnsets = new EnumMap<>(Leg.class);
    /** The night's device events already in the store (a resumed night must not store one twice). */
    private final Set<DeviceEvent> storedEvents = new HashSet<>();
    private final Map<Leg, RawRecorder> raw = new EnumMap<>(Leg.class);
    private int decidedCount;
    private int undecidedCount;

    /**
     * @param nightId    the night's name, fixed for its whole length
     * @param startUtcMs when it opened, UTC epoch ms
     * @param ratesHz    each leg's nominal rate, Hz
     * @param names      each leg's source as named in reports
     * @param detector   the detector, whose version keys what is stored
     * @param standard   scoring rules
     * @param zone       the configured zone
     * @param mapper     line time to UTC (anchored)
     * @param store      where everything goes
     * @param prior      what the store already holds of this night (a restart), or null
     */
    NightSession(String nightId, long startUtcMs, Map<Leg, Double> ratesHz, Map<Leg, String> names,
                 VersionedDetector detector, ScoringStandard standard, ZoneId zone, WallClockMapper mapper, LocalStore store,
                 Prior prior) {
        this(nightId, startUtcMs, ratesHz, names, Map.of(), detector, standard, zone, mapper, store, prior);
    }

    /**
     * A night with a cuff's pressure as a second modality too.
     *
     * @param cuffNames  the cuffed leg (at most one) and its controller as named in reports; empty for none.
     *                   Its pressure goes to {@link #pressureSink()} at the telemetry's nominal
     *                   {@link #CUFF_RATE_HZ}; it is not kept raw, so a resumed night re-derives only the ankles'
     * @see #NightSession(String, long, Map, Map, VersionedDetector, ScoringStandard, ZoneId, WallClockMapper, LocalStore, Prior)
     */
    NightSession(String nightId, long startUtcMs, Map<Leg, Double> ratesHz, Map<Leg, String> names,
                 Map<Leg, String> cuffNames, VersionedDetector detector, ScoringStandard standard, ZoneId zone,
                 WallClockMapper mapper, LocalStore store, Prior prior) {
        this.nightId = nightId;
        this.cuffNames = cuffNames.isEmpty() ? new EnumMap<>(Leg.class) : new EnumMap<>(cuffNames);
        Map<Leg, Double> cuffRates = new EnumMap<>(Leg.class);
        this.cuffNames.keySet().forEach(l -> cuffRates.put(l, CUFF_RATE_HZ));
        this.startUtcMs = startUtcMs;
        this.names = new EnumMap<>(names);
        this.detectorVersion = detector.version();
        this.standard = standard;
        this.zone = zone;
        this.mapper = mapper;
        this.store = store;
        this.prior = prior;
        this.night = new NightPipeline(ratesHz, cuffRates, detector, standard, NightPipeline.LIVE_MAX_LAG_S, this);
        this.inBed = new InBedJudge(ratesHz.keySet());
        ratesHz.forEach((l, r) -> raw.put(l, new RawRecorder(nightId, l, r, mapper, store, night.sink(l))));
        if (prior != null) {
            try {
                resume();
            } catch (StoreException e) {
                // The night goes on from its new samples: a store that cannot be read must not end it (issue 12).
                System.getLogger(NightSession.class.getName()).log(System.Logger.Level.WARNING, "night " + nightId
                        + ": the stored part could not be read back (" + e.getMessage() + "); it is not in this report");
            }
        }
        store.putNight(new NightRecord(nightId, firstStartUtcMs(), null, zone, 0, 0, SoftwareVersion.get(),
                detectorVersion, standard));
    }

    /** Replays the stored part of the night into the pipeline and records the restart (and any downtime). */
    private void resume() {
        storedEvents.addAll(store.deviceEvents(nightId));
        for (StoredMovement m : store.movements(nightId, detectorVersion)) {
            storedOnsets.computeIfAbsent(m.leg(), l -> new TreeSet<>()).add(m.onsetUtcMs());
        }
        // A chunk starts at its first sample, at or after the night's start; a minute's margin for a re-anchored clock.
        StoredRawReplay.replay(store, nightId, night.ratesHz().keySet(), prior.startUtcMs() - 60_000, startUtcMs, mapper, night)
                .forEach(storedUntilMs::put);
        putEvent(new DeviceEvent(nightId, startUtcMs, "monitor", DeviceEventKind.INFO, "night resumed after a restart"));
        long downFrom = storedUntilMs.values().stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
        if (downFrom < startUtcMs) {
            putEvent(new DeviceEvent(nightId, downFrom, "monitor", DeviceEventKind.INFO, String.format(Locale.ROOT,
                    "daemon down from %s to %s (%.1f s)", Instant.ofEpochMilli(downFrom),
                    Instant.ofEpochMilli(startUtcMs), (startUtcMs - downFrom) / 1000.0)));
        }
    }

    private long firstStartUtcMs() {
        return prior != null ? Math.min(prior.startUtcMs(), startUtcMs) : startUtcMs;
    }

    /** @return true when a re-derived item of this leg at this time lies inside the stored signal (already stored) */
    private boolean stored(Leg leg, long utcMs) {
        Long until = storedUntilMs.get(leg);
        // The last second before the end is re-derived: the killed run had not yet emitted it.
        return until != null && utcMs < until - 1000;
    }

    private void putEvent(DeviceEvent e) {
        if (storedEvents.add(e)) {
            store.putDeviceEvent(e);
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

    /** @return the sink for the cuff's pressure on the monotonic line, or null when the night has no cuff */
    PressureSink pressureSink() {
        return cuffNames.isEmpty() ? null : night.pressureSink(cuffNames.keySet().iterator().next());
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
        return close(endUtcMs, reportDir, false);
    }

    /**
     * Ends the night as {@link #close(long, Path)}, its report listing the night's stored cuff therapy sessions
     * ({@code cuff_sessions[]}, in the report's time base) when a cuff is configured.
     *
     * @param endUtcMs     when it closed, UTC epoch ms
     * @param reportDir    where {@code <night-id>.json} goes (created if missing)
     * @param cuffSessions whether a cuff is configured: the report then carries {@code cuff_sessions}, possibly empty
     * @return the closed night's analysis and where its report is
     */
    ClosedNight close(long endUtcMs, Path reportDir, boolean cuffSessions) {
        raw.values().forEach(RawRecorder::flush);
        writeEdf(reportDir);
        night.finish();
        NightAnalysis a = night.analysis(names, cuffNames, zone.getId());
        NightMetrics m = a.metrics();
        double wear = a.provenance().wearS();
        double analysableS = m.analysable().durationS() == null ? 0 : m.analysable().durationS();
        long firstStart = firstStartUtcMs();
        // A resumed night's analysis covers every part (the stored one replayed): its time in bed is the night's.
        store.putNight(new NightRecord(nightId, firstStart, Math.max(firstStart, endUtcMs), zone, analysableS, wear,
                SoftwareVersion.get(), detectorVersion, standard));
        Path json = reportDir.resolve(nightId + ".json");
        // Read after the flush of writeEdf: a session the night's close ended was put just before.
        List<CuffSessionEntry> sessions = cuffSessions ? store.cuffSessions(nightId).stream().map(this::entry).toList() : null;
        writeReport(json, a, sessions, firstStart, Math.max(firstStart, endUtcMs));
        return new ClosedNight(nightId, firstStart, endUtcMs, a, json);
    }

    /**
     * What the store holds of a night being resumed.
     *
     * @param startUtcMs when its first part opened, UTC epoch ms
     */
    record Prior(long startUtcMs) {
        /**
         * What the store holds of a night this run opens again (the daemon was restarted mid-night). Never
         * throws out of the night: a full store (issue 12) commits what it can and the committed records are
         * read; a store that cannot even be read leaves the night to start as a new part (logged).
         *
         * @param store           the open store
         * @param nightId         the night being opened
         * @param detectorVersion the version of the detector this run analyses with (another's analysis is not resumed)
         * @return the stored night's start, or null when the store holds no analysis of it by this detector
         */
        static Prior find(LocalStore store, String nightId, String detectorVersion) {
            System.Logger log = System.getLogger(NightSession.class.getName());
            try {
                if (!store.flushUnlessFull()) {
                    log.log(System.Logger.Level.INFO, "night " + nightId + ": the store is full; looking for a stored "
                            + "part of it among what was committed");
                }
                for (NightRecord rec : store.nights()) {
                    if (rec.nightId().equals(nightId) && rec.detectorVersion().equals(detectorVersion)) {
                        log.log(System.Logger.Level.INFO, "night " + nightId + " is in the store already: resuming it");
                        return new Prior(rec.startUtcMs());
                    }
                }
            } catch (StoreException e) {
                log.log(System.Logger.Level.WARNING, "night " + nightId + ": could not read the store to see whether "
                        + "part of the night is stored (" + e.getMessage() + "); the night starts here");
            }
            return null;
        }
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
    /**
     * Writes the report file and stores the same text for InfluxDB ({@code plm_report}): rendered once, so the
     * server holds the file's content exactly.
     */
    private void writeReport(Path file, NightAnalysis a, List<CuffSessionEntry> sessions, long startUtcMs, long atUtcMs) {
        StringBuilder text = new StringBuilder();
        a.writeJson(text, sessions);
        store.putNightReport(new NightReport(nightId, detectorVersion, startUtcMs, text.toString()));
        try {
            AtomicFile.replace(file, out -> out.append(text));
        } catch (IOException e) {
            System.getLogger(NightSession.class.getName()).log(System.Logger.Level.ERROR, "night " + nightId
                    + ": the night report is lost: " + e.getMessage() + " (its movements are in the store)");
            store.putDeviceEvent(new DeviceEvent(nightId, atUtcMs, "monitor", DeviceEventKind.STORAGE,
                    "night report " + file + " not written: " + AtomicFile.reason(e)));
        }
    }

    /** A stored session on the report's line: the mapper's inverse, as the movements' line times are its image. */
    private CuffSessionEntry entry(CuffSession c) {
        double start = mapper.toLineS(c.startUtcMs());
        return new CuffSessionEntry(start, start + c.durationS(), c.trigger().word(), c.cycles(), c.maxPressureMmHg(),
                c.outcome().word());
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
            onset = storedOnset(lm.leg(), mapper.toUtcMs(lm.onsetS()));
            if (!isDecided) {
                onsetUtc.put(k, onset);
            }
        }
        store.putMovement(stored(nightId, sm, onset, isDecided, detectorVersion, standard));
        if (isDecided) {
            decidedCount++;
        } else {
            undecidedCount++;
        }
    }

    @Override
    public void series(PlmSeries s) {
        long start = seriesStartUtc.computeIfAbsent(s.id(), id -> mapper.toUtcMs(s.startS()));
        store.putSeries(stored(nightId, s, start, detectorVersion));
    }

    /**
     * A scored movement as the store keeps it (the night session and a re-analysis store alike).
     *
     * @param onsetUtcMs its UTC onset, epoch ms (the offset keeps its distance on the line)
     * @param decided    whether its series membership is final
     */
    static StoredMovement stored(String nightId, ScoredMovement sm, long onsetUtcMs, boolean decided, String detectorVersion,
                                 ScoringStandard standard) {
        LegMovement lm = sm.movement();
        // The store's amplitude is in g: a movement only the cuff saw keeps its mmHg in the night's JSON.
        boolean inG = lm.source().amplitudeInG();
        return new StoredMovement(nightId, lm.leg(), onsetUtcMs, onsetUtcMs + Math.round(lm.durationS() * 1000.0),
                lm.onsetS(), lm.offsetS(), sm.candidate(), sm.periodic(), sm.seriesId(), decided,
                inG ? lm.peak() : Double.NaN, inG ? lm.rms() : Double.NaN, detectorVersion, standard, lm.source());
    }

    /**
     * A series as the store keeps it.
     *
     * @param startUtcMs its UTC start, epoch ms (the end keeps its distance on the line)
     */
    static StoredSeries stored(String nightId, PlmSeries s, long startUtcMs, String detectorVersion) {
        return new StoredSeries(nightId, s.id(), startUtcMs, startUtcMs + Math.round((s.endS() - s.startS()) * 1000.0),
                s.count(), detectorVersion);
    }

    @Override
    public void onEpoch(Leg leg, Epoch e) {
        inBed.epoch(leg, e);
        long utc = mapper.toUtcMs(e.startS());
        if (Double.isFinite(e.activityG()) && e.activityG() >= 0 && !stored(leg, utc)) {
            store.putActivity(new ActivitySecond(nightId, leg, Math.floorDiv(utc, 1000L),
                    e.activityG(), e.state() == Epoch.State.ANALYSABLE, e.state() != Epoch.State.UNWORN));
        }
    }

    @Override
    public void onGap(Leg leg, TimeInterval gap) {
        long utc = mapper.toUtcMs(gap.startS());
        if (!stored(leg, utc)) {
            putEvent(new DeviceEvent(nightId, utc, leg.jsonName() + "-sensor", DeviceEventKind.SIGNAL_GAP,
                    String.format(Locale.ROOT, "no samples for %.1f s", gap.durationS())));
        }
    }

    /**
     * @return the stored onset of this leg's movement within {@link #SAME_ONSET_MS} of {@code utcMs} (a movement
     *         re-derived from the stored signal keeps its row), else {@code utcMs}
     */
    private long storedOnset(Leg leg, long utcMs) {
        NavigableSet<Long> onsets = storedOnsets.get(leg);
        if (onsets == null) {
            return utcMs;
        }
        Long below = onsets.floor(utcMs);
        Long above = onsets.ceiling(utcMs);
        if (below != null && utcMs - below <= SAME_ONSET_MS) {
            return below;
        }
        return above != null && above - utcMs <= SAME_ONSET_MS ? above : utcMs;
    }
}
