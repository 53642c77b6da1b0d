package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.pipeline.NightAnalysis;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.pipeline.VersionedDetector;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.score.PlmSeries;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.RawChunk;
import org.plmmonitor.monitor.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code plm reanalyze}: a closed night analysed again from its stored raw signal by another detector version,
 * kept beside the analyses it already has and never over them (docs/storage.md, "Re-analysis of a stored
 * night"). The stored signal is played through the one {@link NightPipeline} by the replay a resumed night uses;
 * the decided movements, the series and a night record go to the store under the detector's version, and the
 * JSON report to {@code nights/<night>.<version>.json}. Activity seconds, device events and the raw signal belong
 * to the recording and are not written again.
 */
public final class NightReanalysis {
    /** How far before the night's start its first raw chunk may begin, ms (as a resumed night allows). */
    private static final long MARGIN_MS = 60_000;
    /** The span searched at a time for a leg's first stored chunk, ms. */
    private static final long PROBE_MS = 600_000;

    /**
     * What a re-analysis added.
     *
     * @param nightId         the night
     * @param detectorVersion the version it is stored under
     * @param others          the versions the night was analysed by before
     * @param report          its JSON report
     * @param analysis        the analysis
     */
    public record Result(String nightId, String detectorVersion, List<String> others, Path report, NightAnalysis analysis) {
    }

    private NightReanalysis() {
    }

    /**
     * @param store    the open store (opened without forwarding: a re-analysis writes no outbox rows)
     * @param dataDir  the directory holding {@code nights/}
     * @param nightId  the night, {@code yyyy-MM-dd}
     * @param detector the detector to analyse with
     * @return what was added
     * @throws InputException naming the store or the night when it cannot be re-analysed (unknown, still open, no raw
     *                        signal, already analysed by this version), or the report file or the store when the
     *                        result cannot be written (the report file is then removed again)
     */
    public static Result run(LocalStore store, Path dataDir, String nightId, VersionedDetector detector) throws InputException {
        List<NightRecord> recs = StoredNightReport.analysesOf(store, nightId);
        String where = store.file().toString();
        List<String> others = recs.stream().map(NightRecord::detectorVersion).distinct().toList();
        if (recs.stream().anyMatch(r -> r.endUtcMs() == null)) {
            throw new InputException(where, 0, "night " + nightId + " is still open: re-analyse it once it has closed");
        }
        if (others.contains(detector.version())) {
            throw new InputException(where, 0, "night " + nightId + " is already analysed by detector " + detector.version()
                    + " (this one); a re-analysis adds another detector's analysis beside it, so there is nothing to add");
        }
        NightRecord base = recs.get(recs.size() - 1);
        long fromMs = base.startUtcMs() - MARGIN_MS;
        long untilMs = base.endUtcMs();
        Map<Leg, Double> rates = rates(store, nightId, fromMs, untilMs);
        if (rates.isEmpty()) {
            throw new InputException(where, 0, "night " + nightId + " has no raw signal left in the store (it is kept "
                    + "store.raw_retention_days days): it cannot be re-analysed");
        }
        String version = detector.version();
        WallClockMapper mapper = new WallClockMapper();
        mapper.observe(0, Instant.ofEpochMilli(fromMs), true);
        NightPipeline night = new NightPipeline(rates, detector, base.standard(), NightPipeline.LIVE_MAX_LAG_S,
                new NightPipeline.Listener() {
                    @Override
                    public void movement(ScoredMovement m, boolean decided) {
                        if (decided) {
                            store.putMovement(NightSession.stored(nightId, m, mapper.toUtcMs(m.movement().onsetS()), true,
                                    version, base.standard()));
                        }
                    }

                    @Override
                    public void series(PlmSeries s) {
                        store.putSeries(NightSession.stored(nightId, s, mapper.toUtcMs(s.startS()), version));
                    }
                });
        StoredRawReplay.replay(store, nightId, rates.keySet(), fromMs, untilMs, mapper, night);
        night.finish();
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        rates.keySet().forEach(l -> names.put(l, "stored raw signal of night " + nightId + ", " + l.jsonName() + " leg"));
        NightAnalysis a = night.analysis(names, base.timeZone().getId());
        Double analysable = a.metrics().analysable().durationS();
        Path json = StoredNightReport.reanalysisFile(dataDir, nightId, version);
        try {
            AtomicFile.replace(json, a::writeJson);
        } catch (IOException e) {
            throw new InputException(json.toString(), 0, "cannot write the re-analysis' report: " + AtomicFile.reason(e), e);
        }
        store.putNight(new NightRecord(nightId, base.startUtcMs(), untilMs, base.timeZone(),
                analysable == null ? 0 : analysable, a.provenance().wearS(), SoftwareVersion.get(), version, base.standard()));
        try {
            store.flush();
        } catch (StoreException e) {
            try {
                Files.deleteIfExists(json);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw new InputException(where, 0, "cannot store the re-analysis of night " + nightId + ": " + e.getMessage(), e);
        }
        return new Result(nightId, version, others, json, a);
    }

    /** @return each leg's rate as its first stored chunk of the night says, Hz; legs without signal absent */
    private static Map<Leg, Double> rates(LocalStore store, String nightId, long fromMs, long untilMs) {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            List<RawChunk> first = new ArrayList<>(1);
            for (long from = fromMs; from < untilMs && first.isEmpty(); from += PROBE_MS) {
                store.rawChunks(nightId, leg, from, Math.min(untilMs, from + PROBE_MS), c -> {
                    if (first.isEmpty()) {
                        first.add(c);
                    }
                });
            }
            if (!first.isEmpty()) {
                rates.put(leg, first.get(0).rateHz());
            }
        }
        return rates;
    }
}
