package org.plmmonitor.monitor.report;

import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.html.NightFrame;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoreException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The morning-report view of one closed night from what the daemon stored: the JSON report
 * {@code <data dir>/nights/<night>.json} for every number, and the store for the night in wall-clock
 * time. A night may hold several analyses (one per detector version, docs/storage.md): the newest is shown
 * unless another is asked for, and the page names the version shown and the others.
 */
public final class StoredNightReport {
    private StoredNightReport() {
    }

    /** @return the night's JSON report in a data directory (the analysis the daemon made as the night ran) */
    public static Path reportFile(Path dataDir, String nightId) {
        return dataDir.resolve("nights").resolve(nightId + ".json");
    }

    /**
     * @param dataDir         the directory holding {@code nights/}
     * @param nightId         the night, {@code yyyy-MM-dd}
     * @param detectorVersion the detector version of a re-analysis
     * @return where a re-analysis by that version keeps its JSON report: {@code nights/<night>.<version>.json}
     *         (characters other than letters, digits, '.', '-' and '_' in the version become '_')
     */
    public static Path reanalysisFile(Path dataDir, String nightId, String detectorVersion) {
        return dataDir.resolve("nights").resolve(nightId + "." + detectorVersion.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    /**
     * @param dataDir         the directory holding {@code nights/}
     * @param nightId         the night, {@code yyyy-MM-dd}
     * @param detectorVersion the analysis (a night record's detector version)
     * @return that analysis' JSON report: a re-analysis' own file, else the one the daemon wrote as the night ran
     */
    public static Path analysisFile(Path dataDir, String nightId, String detectorVersion) {
        Path reanalysed = reanalysisFile(dataDir, nightId, detectorVersion);
        return Files.exists(reanalysed) ? reanalysed : reportFile(dataDir, nightId);
    }

    /**
     * @param store   the open store
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return the night's analyses (night records, one per detector version), oldest first, newest last
     * @throws InputException naming the store when it holds no analysis of that night (the known nights listed)
     */
    public static List<NightRecord> analysesOf(LocalStore store, String nightId) throws InputException {
        List<NightRecord> all = store.nights();
        List<NightRecord> recs = all.stream().filter(r -> r.nightId().equals(nightId)).toList();
        if (recs.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            all.forEach(r -> known.add(r.nightId()));
            throw new InputException(store.file().toString(), 0, "no night " + nightId + " in this store; "
                    + (known.isEmpty() ? "it holds no night yet" : "its nights: " + String.join(", ", known)));
        }
        return recs;
    }

    /**
     * Opens the store at {@code db} and loads one night's view (what {@code plm report} and {@code plm demo}
     * render).
     *
     * @param db      the store file ({@code plm.db}); its directory holds {@code nights/}
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return the view
     * @throws InputException as {@link #load(LocalStore, Path, String)}, or naming the store when it cannot be
     *                        read
     */
    public static NightView load(Path db, String nightId) throws InputException {
        return load(db, nightId, null);
    }

    /**
     * As {@link #load(Path, String)}, showing the analysis by one detector version.
     *
     * @param db              the store file ({@code plm.db}); its directory holds {@code nights/}
     * @param nightId         the night, {@code yyyy-MM-dd}
     * @param detectorVersion the analysis to show, or null for the newest
     * @return the view
     * @throws InputException as {@link #load(LocalStore, Path, String, String)}, or naming the store when it cannot
     *                        be read
     */
    public static NightView load(Path db, String nightId, String detectorVersion) throws InputException {
        StoreConfig cfg = StoreConfig.forReading(db);
        try (LocalStore store = LocalStore.open(db, cfg, Clock.systemUTC())) {
            return load(store, cfg.dataDir(), nightId, detectorVersion);
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot read the store: " + e.getMessage(), e);
        }
    }

    /**
     * The newest analysis of the night: {@link #load(LocalStore, Path, String, String)} with no version chosen.
     *
     * @param store   the open store
     * @param dataDir the directory holding {@code nights/}
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return the view
     * @throws InputException as {@link #load(LocalStore, Path, String, String)}
     */
    public static NightView load(LocalStore store, Path dataDir, String nightId) throws InputException {
        return load(store, dataDir, nightId, null);
    }

    /**
     * @param store           the open store
     * @param dataDir         the directory holding {@code nights/}
     * @param nightId         the night, {@code yyyy-MM-dd}
     * @param detectorVersion the analysis to show, or null for the newest (the night record written last); the
     *                        page names the version shown and the other versions the store holds
     * @return the view
     * @throws InputException naming the store or the report file and the problem (unknown night with the
     *                        list of known ones, no analysis by that version, a night still open, a missing or
     *                        damaged report)
     */
    public static NightView load(LocalStore store, Path dataDir, String nightId, String detectorVersion)
            throws InputException {
        return night(store, dataDir, nightId, detectorVersion).view();
    }

    /**
     * The newest analysis of the night as the clinician export takes it: {@link #night(LocalStore, Path, String, String)}
     * with no version chosen.
     *
     * @param store   the open store
     * @param dataDir the directory holding {@code nights/}
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return the night
     * @throws InputException as {@link #load(LocalStore, Path, String, String)}
     */
    public static ExportNight night(LocalStore store, Path dataDir, String nightId) throws InputException {
        return night(store, dataDir, nightId, null);
    }

    /**
     * One analysis of a night as the morning report and the clinician export both take it: its JSON report and
     * its frame in wall-clock time, read once, so that the export and the page show one night alike.
     *
     * @param store           the open store
     * @param dataDir         the directory holding {@code nights/}
     * @param nightId         the night, {@code yyyy-MM-dd}
     * @param detectorVersion the analysis, or null for the newest (the night record written last)
     * @return the night, its report's keys checked once here so that every later reader finds them
     * @throws InputException as {@link #load(LocalStore, Path, String, String)}
     */
    public static ExportNight night(LocalStore store, Path dataDir, String nightId, String detectorVersion)
            throws InputException {
        List<NightRecord> recs = analysesOf(store, nightId);
        List<String> versions = recs.stream().map(NightRecord::detectorVersion).distinct().toList();
        NightRecord rec = detectorVersion == null ? recs.get(recs.size() - 1)
                : recs.stream().filter(r -> r.detectorVersion().equals(detectorVersion)).reduce((a, b) -> b)
                        .orElseThrow(() -> new InputException("--detector", 0, "night " + nightId + " has no analysis by "
                                + "detector " + detectorVersion + "; it has: " + String.join(", ", versions)));
        String det = rec.detectorVersion();
        Path json = analysisFile(dataDir, nightId, det);
        Map<?, ?> report = read(json);
        if (rec.endUtcMs() == null) {
            checkDetector(report, json.toString(), det, versions, nightId);
            throw new InputException(store.file().toString(), 0, "night " + nightId
                    + " is still open: its report is written when it closes");
        }
        List<ActivitySecond> seconds = new ArrayList<>();
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            seconds.addAll(store.activity(nightId, leg));
        }
        List<LineUtc> onsets = store.movements(nightId, det).stream().map(m -> new LineUtc(m.onsetS(), m.onsetUtcMs())).toList();
        List<String> extra = new ArrayList<>();
        try (var parts = Files.list(json.getParent())) {
            parts.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(nightId + ".part") && f.endsWith(".json"))
                    .sorted().forEach(f -> extra.add(f + " exists and is not shown (the daemon restarted that night)"));
        } catch (IOException e) {
            throw new InputException(json.getParent().toString(), 0, "cannot list the nights folder: " + IoErrors.reason(e), e);
        }
        return assemble(new AnalysedNight(rec, versions), report, json.toString(), store.file().toString(), seconds, onsets, extra);
    }

    /**
     * One analysis of a closed night as the morning report and the clinician export take it, from wherever its
     * parts were read (the local store, or InfluxDB for {@code plm export --source influx}): one assembly, so a
     * night reads alike from both.
     *
     * @param night        the night record chosen and every detector version the night has
     * @param report       the night's JSON report, parsed
     * @param reportSource where the report was read, named in errors and in the page's provenance
     * @param recordSource where the night record, movements and activity seconds were read
     * @param seconds      every leg's activity seconds of the night
     * @param onsets       the analysis' movements' onsets on the report's line beside their UTC times (the daemon's
     *                     line-to-UTC mapping); empty when it has none
     * @param extraSources further remarks on the sources, listed after the two above
     * @return the night, its report's keys checked once here so that every later reader finds them
     * @throws InputException naming {@code reportSource} when the report is of another detector version or is not
     *                        a night report as plm writes it
     */
    public static ExportNight assemble(AnalysedNight night, Map<?, ?> report, String reportSource, String recordSource,
                                       List<ActivitySecond> seconds, List<LineUtc> onsets, List<String> extraSources)
            throws InputException {
        NightRecord rec = night.record();
        String det = rec.detectorVersion();
        checkDetector(report, reportSource, det, night.versions(), rec.nightId());
        if (rec.endUtcMs() == null) {
            throw new IllegalArgumentException("night " + rec.nightId() + " is still open: only a closed night is assembled");
        }
        List<String> others = night.versions().stream().filter(v -> !v.equals(det)).toList();
        ActivitySpans spans = ActivitySpans.of(seconds, rec.startUtcMs(), rec.endUtcMs());
        MovementClock clock = new MovementClock(onsets, fallbackOffsetMs(report, spans, rec));
        List<String> sources = new ArrayList<>(List.of(reportSource, recordSource + " (night record, "
                + (clock.measured() ? "the stored movements' UTC times" : "no stored movement: times placed from the "
                + "first analysable second") + ", activity seconds)"));
        sources.addAll(extraSources);
        NightFrame frame = new NightFrame(rec.nightId(), rec.startUtcMs(), rec.endUtcMs(), rec.timeZone(), clock,
                spans.analysable(), spans.unworn(), spans.noSignal(), others, sources);
        try {
            ExportNight n = ExportNight.of(frame, report);
            n.view();
            return n;
        } catch (IllegalArgumentException e) {
            throw new InputException(reportSource, 0, "not a night report as plm writes it: " + e.getMessage(), e);
        }
    }

    /**
     * A night record chosen for showing, with every detector version its night was analysed by.
     *
     * @param record   the analysis shown
     * @param versions every detector version of the night (the shown one included), oldest first
     */
    public record AnalysedNight(NightRecord record, List<String> versions) {
        public AnalysedNight {
            versions = List.copyOf(versions);
        }
    }

    private static void checkDetector(Map<?, ?> report, String reportSource, String det, List<String> versions, String nightId)
            throws InputException {
        Object written = report.get("provenance") instanceof Map<?, ?> p ? p.get("detector_version") : null;
        if (!det.equals(written)) {
            throw new InputException(reportSource, 0, "provenance.detector_version '" + written + "' is not the "
                    + "analysis to show (" + det + "; the source has " + String.join(", ", versions) + " for night "
                    + nightId + ")");
        }
    }

    /** Without stored movements: the report's hour origin (first analysable time) is the first analysable second. */
    private static long fallbackOffsetMs(Map<?, ?> report, ActivitySpans spans, NightRecord rec) {
        double origin = report.get("summary") instanceof Map<?, ?> s && s.get("hour_origin_s") instanceof Number n
                ? n.doubleValue() : 0;
        double firstS = spans.analysable().isEmpty() ? 0 : spans.analysable().get(0).startS();
        return rec.startUtcMs() + Math.round(firstS * 1000) - Math.round(origin * 1000);
    }

    /**
     * Parses a night's JSON report text.
     *
     * @param text   the report's text
     * @param source where it was read, named in the error
     * @return the report object
     * @throws InputException naming {@code source} when the text is not a JSON object
     */
    public static Map<?, ?> parse(String text, String source) throws InputException {
        try {
            if (JsonReader.parse(text) instanceof Map<?, ?> m) {
                return m;
            }
            throw new InputException(source, 0, "damaged report: expected a JSON object");
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 0, "damaged report: " + e.getMessage(), e);
        }
    }

    static Map<?, ?> read(Path json) throws InputException {
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(json.toString(), 0, "no report for this night: the daemon writes it at the night's "
                    + "close, and removes it after store.retention_days", e);
        } catch (CharacterCodingException e) {
            throw new InputException(json.toString(), 0, "damaged report: not UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(json.toString(), 0, "cannot read the report: " + IoErrors.reason(e), e);
        }
        return parse(text, json.toString());
    }
}
