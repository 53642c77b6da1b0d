package org.plmmonitor.monitor.influx;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.monitor.report.LineUtc;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.NightRecord;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One patient's closed nights of a period as InfluxDB holds them (docs/export.md, "From InfluxDB"): the
 * night's JSON report from its {@code plm_report} pieces, the night from {@code plm_night}, the daemon's
 * line-to-UTC mapping from {@code plm_movement} and the stretches from {@code plm_activity}, assembled by
 * {@link StoredNightReport#assemble} as the local store's nights are. Nothing is scored here.
 */
public final class InfluxNights {
    private final InfluxDB influx;
    private final InfluxConfig cfg;
    private final String patient;

    private InfluxNights(InfluxDB influx, InfluxConfig cfg, String patient) {
        this.influx = influx;
        this.cfg = cfg;
        this.patient = patient;
    }

    /**
     * @param cfg     the server, database and credentials (its own patient id is not used)
     * @param patient the pseudonymous patient whose nights to read ({@code [A-Za-z0-9_-]{1,64}})
     * @param from    first night, included
     * @param to      last night, included
     * @return the patient's closed nights of the period with a report, in order; nights of the period still
     *         open, or closed without a report (forwarded by a monitor older than {@code plm_report}), are named
     *         in {@link Selection#skipped()}
     * @throws InputException naming the server when it cannot be queried, the patient has no night on it, or
     *                        no closed night with a report lies in the period (the patient's nights listed), or
     *                        naming a night whose report is incomplete or damaged
     */
    public static Selection select(InfluxConfig cfg, String patient, LocalDate from, LocalDate to) throws InputException {
        InfluxDB db = InfluxClients.connect(cfg);
        try {
            return new InfluxNights(db, cfg, patient).select(from, to);
        } finally {
            db.close();
        }
    }

    /**
     * @param nights  the nights read, in order
     * @param skipped remarks on nights of the period not exported (still open, or without a report)
     */
    public record Selection(List<ExportNight> nights, List<String> skipped) {
        public Selection {
            nights = List.copyOf(nights);
            skipped = List.copyOf(skipped);
        }
    }

    private String where() {
        // The policy is named because a clinic's monitors often write into a non-default one: a config
        // without influx.retention_policy then reads an empty default and finds "no night".
        return cfg.url() + " (database " + cfg.database() + ", "
                + (cfg.retentionPolicy().isEmpty() ? "its default retention policy" : "retention policy " + cfg.retentionPolicy()) + ")";
    }

    private Selection select(LocalDate from, LocalDate to) throws InputException {
        // Tags compare by equality only in InfluxQL: the patient's nights are few (one point each), filtered here.
        TreeMap<String, List<NightRecord>> byNight = new TreeMap<>();
        for (QueryResult.Series s : query("SELECT * FROM " + from(InfluxPoints.NIGHT) + " WHERE patient = $patient"
                + " GROUP BY night, detector", Map.of())) {
            for (List<Object> row : s.getValues()) {
                byNight.computeIfAbsent(s.getTags().get("night"), k -> new ArrayList<>())
                        .add(night(s.getTags(), columns(s, row)));
            }
        }
        if (byNight.isEmpty()) {
            throw new InputException("--patient " + patient, 0, "no night of this patient on " + where()
                    + ": expected the id its monitor forwards under (its patient.id)");
        }
        List<ExportNight> nights = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (var e : byNight.subMap(from.toString(), true, to.toString(), true).entrySet()) {
            String nightId = e.getKey();
            List<NightRecord> recs = e.getValue();
            TreeMap<String, String> reports = reports(nightId);
            // The newest closed analysis with a report, as the local store shows the night record written last.
            NightRecord rec = recs.stream().filter(r -> r.endUtcMs() != null && reports.containsKey(r.detectorVersion()))
                    .max(Comparator.comparingLong(NightRecord::endUtcMs)).orElse(null);
            if (rec == null) {
                boolean open = recs.stream().anyMatch(r -> r.endUtcMs() == null);
                skipped.add("night " + nightId + (open ? " is still open and is not exported"
                        : " has no plm_report point (forwarded by a monitor older than it) and is not exported"));
                continue;
            }
            String source = where() + " plm_report night " + nightId + " detector " + rec.detectorVersion();
            Map<?, ?> report = StoredNightReport.parse(reports.get(rec.detectorVersion()), source);
            // InfluxDB keeps no write order: the other versions are listed by name.
            List<String> versions = recs.stream().map(NightRecord::detectorVersion).distinct().sorted().toList();
            nights.add(StoredNightReport.assemble(new StoredNightReport.AnalysedNight(rec, versions), report, source,
                    where() + " plm_night, plm_movement, plm_activity of patient " + patient,
                    activity(nightId), onsets(nightId, rec.detectorVersion()), List.of()));
        }
        if (nights.isEmpty()) {
            throw new InputException(where(), 0, "no closed night of patient " + patient + " from " + from + " to " + to
                    + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")") + "; the patient's nights: "
                    + String.join(", ", new TreeSet<>(byNight.keySet())));
        }
        return new Selection(nights, skipped);
    }

    /**
     * The night's reports by detector version, each joined from its pieces in part order. Part 0 says how many
     * pieces there are; pieces beyond are left over from an earlier, longer report of the same night (a night
     * closed again after a restart) and are not part of it.
     */
    private TreeMap<String, String> reports(String nightId) throws InputException {
        TreeMap<String, TreeMap<Integer, Piece>> byDetector = new TreeMap<>();
        for (QueryResult.Series s : query("SELECT report_json, parts FROM " + from(InfluxPoints.REPORT)
                + " WHERE patient = $patient AND night = $night GROUP BY detector, part", Map.of("night", nightId))) {
            for (List<Object> row : s.getValues()) {
                Map<String, Object> c = columns(s, row);
                byDetector.computeIfAbsent(s.getTags().get("detector"), k -> new TreeMap<>()).put(
                        Integer.parseInt(s.getTags().get("part")),
                        new Piece((String) c.get("report_json"), ((Number) c.get("parts")).intValue()));
            }
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (var e : byDetector.entrySet()) {
            TreeMap<Integer, Piece> pieces = e.getValue();
            if (!pieces.containsKey(0)) {
                throw incomplete(nightId, e.getKey(), "its first piece (part 0) is missing; it has parts " + pieces.keySet());
            }
            int n = pieces.get(0).parts();
            List<String> texts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Piece p = pieces.get(i);
                if (p == null || p.parts() != n) {
                    throw incomplete(nightId, e.getKey(), "part 0 says " + n + " pieces, part " + i
                            + (p == null ? " is missing" : " says " + p.parts()));
                }
                texts.add(p.text());
            }
            out.put(e.getKey(), ReportPieces.join(texts));
        }
        return out;
    }

    /** One stored piece of a report and the number of pieces it belongs with. */
    private record Piece(String text, int parts) {
    }

    private InputException incomplete(String nightId, String det, String what) {
        return new InputException(where(), 0, "the plm_report of night " + nightId + " (patient " + patient + ", detector "
                + det + ") is incomplete: " + what);
    }

    private List<ActivitySecond> activity(String nightId) throws InputException {
        List<ActivitySecond> out = new ArrayList<>();
        for (QueryResult.Series s : query("SELECT activity_g, lying, worn FROM " + from(InfluxPoints.ACTIVITY)
                + " WHERE patient = $patient AND night = $night GROUP BY leg", Map.of("night", nightId))) {
            Leg leg = Leg.parse(s.getTags().get("leg"));
            for (List<Object> row : s.getValues()) {
                Map<String, Object> c = columns(s, row);
                out.add(new ActivitySecond(nightId, leg, timeMs(c) / 1000, ((Number) c.get("activity_g")).doubleValue(),
                        (Boolean) c.get("lying"), (Boolean) c.get("worn")));
            }
        }
        return out;
    }

    private List<LineUtc> onsets(String nightId, String detector) throws InputException {
        List<LineUtc> out = new ArrayList<>();
        for (QueryResult.Series s : query("SELECT onset_source_s FROM " + from(InfluxPoints.MOVEMENT)
                + " WHERE patient = $patient AND night = $night AND detector = $detector",
                Map.of("night", nightId, "detector", detector))) {
            for (List<Object> row : s.getValues()) {
                Map<String, Object> c = columns(s, row);
                out.add(new LineUtc(((Number) c.get("onset_source_s")).doubleValue(), timeMs(c)));
            }
        }
        return out;
    }

    /**
     * The measurement in the configured retention policy: the forwarder writes there, and a bare name would
     * read the database's default policy, which holds nothing of a monitor writing elsewhere.
     */
    private String from(String measurement) {
        // Policy and measurement names are plain identifiers (InfluxConfig.NAME; the measurements are ours).
        return cfg.retentionPolicy().isEmpty() ? measurement : cfg.retentionPolicy() + "." + measurement;
    }

    private static NightRecord night(Map<String, String> tags, Map<String, Object> c) {
        boolean open = Boolean.TRUE.equals(c.get("open"));
        return new NightRecord(tags.get("night"), timeMs(c), open ? null : ((Number) c.get("end_utc_ms")).longValue(),
                ZoneId.of((String) c.get("time_zone")), ((Number) c.get("analysable_s")).doubleValue(),
                ((Number) c.get("wear_s")).doubleValue(), (String) c.get("software_version"), tags.get("detector"),
                ScoringStandard.parse((String) c.get("standard")));
    }

    private static long timeMs(Map<String, Object> c) {
        return Math.round(((Number) c.get("time")).doubleValue());
    }

    private static Map<String, Object> columns(QueryResult.Series s, List<Object> row) {
        Map<String, Object> c = new TreeMap<>();
        for (int i = 0; i < s.getColumns().size(); i++) {
            c.put(s.getColumns().get(i), row.get(i));
        }
        return c;
    }

    private List<QueryResult.Series> query(String influxQl, Map<String, String> params) throws InputException {
        BoundParameterQuery.QueryBuilder q = BoundParameterQuery.QueryBuilder.newQuery(influxQl).forDatabase(cfg.database())
                .bind("patient", patient);
        params.forEach(q::bind);
        QueryResult r;
        try {
            r = influx.query(q.create(), TimeUnit.MILLISECONDS);
        } catch (InfluxDBException | IllegalStateException e) {
            throw new InputException(where(), 0, "cannot query InfluxDB: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // influxdb-java wraps connection failures (refused, timeout, unknown host) in plain runtime exceptions.
            throw new InputException(where(), 0, "cannot reach InfluxDB: " + e.getMessage(), e);
        }
        String error = r.hasError() ? r.getError() : r.getResults().get(0).getError();
        if (error != null) {
            throw new InputException(where(), 0, "InfluxDB refused the query: " + error);
        }
        List<QueryResult.Series> series = r.getResults().get(0).getSeries();
        return series == null ? List.of() : series;
    }
}
