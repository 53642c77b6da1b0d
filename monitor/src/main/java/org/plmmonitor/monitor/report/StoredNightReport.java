package org.plmmonitor.monitor.report;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.html.NightFrame;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.StoredMovement;

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
 * time. The detector version shown is the one that wrote the JSON report; other versions the store
 * holds the night from are named on the page.
 */
public final class StoredNightReport {
    private StoredNightReport() {
    }

    /** @return the night's JSON report in a data directory */
    public static Path reportFile(Path dataDir, String nightId) {
        return dataDir.resolve("nights").resolve(nightId + ".json");
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
        StoreConfig cfg = StoreConfig.builder().path(db).build();
        try (LocalStore store = LocalStore.open(db, cfg, Clock.systemUTC())) {
            return load(store, cfg.dataDir(), nightId);
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot read the store: " + e.getMessage(), e);
        }
    }

    /**
     * @param store   the open store
     * @param dataDir the directory holding {@code nights/}
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return the view
     * @throws InputException naming the store or the report file and the problem (unknown night with the
     *                        list of known ones, a night still open, a missing or damaged report)
     */
    public static NightView load(LocalStore store, Path dataDir, String nightId) throws InputException {
        ExportNight n = night(store, dataDir, nightId);
        try {
            return n.view();
        } catch (IllegalArgumentException e) {
            throw damaged(dataDir, nightId, e);
        }
    }

    /**
     * The same night as the clinician export takes it: its JSON report and its frame in wall-clock time,
     * read once, so that the export and the morning report show one night alike.
     *
     * @param store   the open store
     * @param dataDir the directory holding {@code nights/}
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return the night
     * @throws InputException as {@link #load(LocalStore, Path, String)}
     */
    public static ExportNight night(LocalStore store, Path dataDir, String nightId) throws InputException {
        List<NightRecord> all = store.nights();
        List<NightRecord> recs = all.stream().filter(r -> r.nightId().equals(nightId)).toList();
        if (recs.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            all.forEach(r -> known.add(r.nightId()));
            throw new InputException(store.file().toString(), 0, "no night " + nightId + " in this store; "
                    + (known.isEmpty() ? "it holds no night yet" : "its nights: " + String.join(", ", known)));
        }
        Path json = reportFile(dataDir, nightId);
        Map<?, ?> report = read(json);
        Object det = report.get("provenance") instanceof Map<?, ?> p ? p.get("detector_version") : null;
        NightRecord rec = recs.stream().filter(r -> r.detectorVersion().equals(det)).reduce((a, b) -> b)
                .orElseThrow(() -> new InputException(json.toString(), 0, "provenance.detector_version '" + det
                        + "' matches none of the store's analyses of night " + nightId + " ("
                        + String.join(", ", recs.stream().map(NightRecord::detectorVersion).toList()) + ")"));
        if (rec.endUtcMs() == null) {
            throw new InputException(store.file().toString(), 0, "night " + nightId
                    + " is still open: its report is written when it closes");
        }
        List<String> others = recs.stream().map(NightRecord::detectorVersion).filter(v -> !v.equals(det)).distinct().toList();
        List<ActivitySecond> seconds = new ArrayList<>();
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            seconds.addAll(store.activity(nightId, leg));
        }
        ActivitySpans spans = ActivitySpans.of(seconds, rec.startUtcMs(), rec.endUtcMs());
        List<StoredMovement> moved = store.movements(nightId, rec.detectorVersion());
        MovementClock clock = new MovementClock(moved, fallbackOffsetMs(report, spans, rec));
        List<String> sources = new ArrayList<>(List.of(json.toString(), store.file() + " (night record, "
                + (clock.measured() ? "the stored movements' UTC times" : "no stored movement: times placed from the "
                + "first analysable second") + ", activity seconds)"));
        try (var parts = Files.list(json.getParent())) {
            parts.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(nightId + ".part") && f.endsWith(".json"))
                    .sorted().forEach(f -> sources.add(f + " exists and is not shown (the daemon restarted that night)"));
        } catch (IOException e) {
            throw new InputException(json.getParent().toString(), 0, "cannot list the nights folder: " + IoErrors.reason(e), e);
        }
        NightFrame frame = new NightFrame(nightId, rec.startUtcMs(), rec.endUtcMs(), rec.timeZone(), clock,
                spans.analysable(), spans.unworn(), spans.noSignal(), others, sources);
        ExportNight n = ExportNight.of(frame, report);
        try {
            n.view(); // the report's keys checked once here, so every later reader finds them
        } catch (IllegalArgumentException e) {
            throw damaged(dataDir, nightId, e);
        }
        return n;
    }

    private static InputException damaged(Path dataDir, String nightId, IllegalArgumentException e) {
        return new InputException(reportFile(dataDir, nightId).toString(), 0, "not a night report as plm writes it: "
                + e.getMessage(), e);
    }

    /** Without stored movements: the report's hour origin (first analysable time) is the first analysable second. */
    private static long fallbackOffsetMs(Map<?, ?> report, ActivitySpans spans, NightRecord rec) {
        double origin = report.get("summary") instanceof Map<?, ?> s && s.get("hour_origin_s") instanceof Number n
                ? n.doubleValue() : 0;
        double firstS = spans.analysable().isEmpty() ? 0 : spans.analysable().get(0).startS();
        return rec.startUtcMs() + Math.round(firstS * 1000) - Math.round(origin * 1000);
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
        try {
            if (JsonReader.parse(text) instanceof Map<?, ?> m) {
                return m;
            }
            throw new InputException(json.toString(), 0, "damaged report: expected a JSON object");
        } catch (IllegalArgumentException e) {
            throw new InputException(json.toString(), 0, "damaged report: " + e.getMessage(), e);
        }
    }
}
