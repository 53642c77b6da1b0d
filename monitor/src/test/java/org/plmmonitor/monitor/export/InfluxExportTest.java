package org.plmmonitor.monitor.export;

import org.plmmonitor.monitor.cli.PlmRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.daemon.SimulatedNights;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.DaemonOptions;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.influx.InfluxdProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.plmmonitor.monitor.export.ExportFixture.plm;

/**
 * {@code plm export --source influx} against a real influxd holding two patients: the real daemon forwards
 * each patient's night, and the export of one patient from the server equals the export of that patient's
 * own store (docs/export.md, "From InfluxDB").
 */
class InfluxExportTest {
    private static final String NIGHT = "2026-07-01";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsInfluxd() {
        assumeTrue(InfluxdProcess.available(), "influxd is not installed: apt-get install influxdb (test.sh does)");
    }

    /** One night of one patient recorded by the daemon (simulated sensors) and forwarded to {@code url}. */
    private ClosedNight night(String url, String patient, int seed) throws Exception {
        return night(url, "", patient, seed);
    }

    /** As {@link #night(String, String, int)}, forwarded into retention policy {@code policy} (empty: the default). */
    private ClosedNight night(String url, String policy, String patient, int seed) throws Exception {
        MonitorConfig cfg = SimulatedNights.config(dir.resolve(patient), seed)
                .influx(InfluxConfig.builder().url(url).retentionPolicy(policy).patientId(patient).deviceId("pi-" + patient).build())
                .patientId(patient).deviceId("pi-" + patient)
                .build();
        ClosedNight n = SimulatedNights.record(cfg, DaemonOptions.builder().simulatedHours(1.5), SimulatedNights.MORNING);
        assertEquals(NIGHT, n.nightId());
        return n;
    }

    /** A clinic's configuration: the lines given and nothing else (no sensor, no store: docs/export.md). */
    private Path conf(String name, String... lines) throws Exception {
        Path conf = dir.resolve(name);
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }

    /** export.json without the instant it was generated at (the one line two exports differ in). */
    private static String jsonWithoutGenerated(Path p) throws Exception {
        String s = read(p);
        String out = s.replaceAll("\"generated_utc\": ?\"[^\"]*\"", "\"generated_utc\": \"-\"");
        assertNotEquals(s, out, "export.json names when it was generated");
        return out;
    }

    @Test
    void aPatientsNightsFromInfluxEqualTheExportOfItsOwnStore() throws Exception {
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start()) {
            ClosedNight a = night(influxd.url(), "p-0001", 11);
            ClosedNight b = night(influxd.url(), "p-0002", 12);
            assertNotEquals(a.analysis().result().movements().size() + "/" + a.startUtcMs(),
                    b.analysis().result().movements().size() + "/" + b.startUtcMs(), "two different nights");
            Path conf = conf("clinic.conf", "influx.url = " + influxd.url());
            for (String fmt : List.of("csv", "json")) {
                for (String patient : List.of("p-0001", "p-0002")) {
                    Path fromInflux = dir.resolve("influx-" + fmt + "-" + patient);
                    Path fromStore = dir.resolve("store-" + fmt + "-" + patient);
                    PlmRun ri = plm("export", "--source", "influx", "--config", conf.toString(), "--patient", patient,
                            "--from", NIGHT, "--to", NIGHT, "--format", fmt, "--out", fromInflux.toString());
                    assertEquals(0, ri.code(), ri.err());
                    assertTrue(ri.out().startsWith("exported 1 night (" + NIGHT + " to " + NIGHT + ", patient " + patient + ")"), ri.out());
                    PlmRun rs = plm("export", "--dir", dir.resolve(patient).toString(), "--patient", patient,
                            "--from", NIGHT, "--to", NIGHT, "--format", fmt, "--out", fromStore.toString());
                    assertEquals(0, rs.code(), rs.err());
                    if (fmt.equals("csv")) {
                        for (String f : List.of(ExportFiles.MOVEMENTS_CSV, ExportFiles.NIGHTS_CSV)) {
                            assertEquals(read(fromStore.resolve(f)), read(fromInflux.resolve(f)), patient + " " + f);
                        }
                        List<List<String>> rows = ExportFixture.csv(read(fromInflux.resolve(ExportFiles.MOVEMENTS_CSV)));
                        ClosedNight n = patient.equals("p-0001") ? a : b;
                        assertEquals(n.analysis().result().movements().size() + 1, rows.size(), "only " + patient + "'s movements");
                    } else {
                        assertEquals(jsonWithoutGenerated(fromStore.resolve(ExportFiles.JSON)),
                                jsonWithoutGenerated(fromInflux.resolve(ExportFiles.JSON)), patient + " export.json");
                    }
                }
            }
            assertNotEquals(read(dir.resolve("influx-csv-p-0001").resolve(ExportFiles.MOVEMENTS_CSV)),
                    read(dir.resolve("influx-csv-p-0002").resolve(ExportFiles.MOVEMENTS_CSV)), "the patients are told apart");

            // EDF+: the annotation file only; the output says the raw signal is not on the server.
            Path edf = dir.resolve("influx-edf");
            PlmRun r = plm("export", "--source", "influx", "--config", conf.toString(), "--patient", "p-0001",
                    "--from", NIGHT, "--to", NIGHT, "--format", "edf", "--out", edf.toString());
            assertEquals(0, r.code(), r.err());
            try (Stream<Path> files = Files.list(edf)) {
                assertEquals(List.of(NIGHT + "-movements.edf"), files.map(f -> f.getFileName().toString()).sorted().toList());
            }
            assertTrue(r.out().contains("note: no raw signal EDF+") && r.out().contains("not forwarded to InfluxDB"), r.out());
            Path local = dir.resolve("store-edf");
            assertEquals(0, plm("export", "--dir", dir.resolve("p-0001").toString(), "--patient", "p-0001", "--from", NIGHT,
                    "--to", NIGHT, "--format", "edf", "--out", local.toString()).code());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(local.resolve(NIGHT + "-movements.edf")),
                    Files.readAllBytes(edf.resolve(NIGHT + "-movements.edf"))), "the annotation EDF+ equals the local one");

            // The PDF and the FHIR bundle (which refers to the files written beside it) come out too.
            for (String fmt : List.of("pdf", "fhir")) {
                Path o = dir.resolve("influx-" + fmt);
                PlmRun rf = plm("export", "--source", "influx", "--config", conf.toString(), "--patient", "p-0001",
                        "--from", NIGHT, "--to", NIGHT, "--format", fmt, "--out", o.toString());
                assertEquals(0, rf.code(), rf.err());
                Path written = o.resolve(fmt.equals("pdf") ? ExportFiles.PDF : ExportFiles.FHIR);
                assertTrue(Files.size(written) > 1000, written.toString());
            }
            String bundle = read(dir.resolve("influx-fhir").resolve(ExportFiles.FHIR));
            assertTrue(bundle.contains(NIGHT + "-movements.edf") && !bundle.contains(NIGHT + "-left.edf"), "the bundle "
                    + "refers to the annotation EDF+ written, not to raw files that are not");

            // A monitor's own file serves too, its other sections unchecked (a sensor value its daemon would refuse).
            Path monitorConf = conf("monitor.conf", "sensor.left.type = simulator", "sensor.left.rate_hz = 5000",
                    "store.path = " + dir.resolve("nowhere").resolve("plm.db"), "influx.url = " + influxd.url());
            Path viaMonitor = dir.resolve("influx-monitor-conf");
            PlmRun rm = plm("export", "--source", "influx", "--config", monitorConf.toString(), "--patient",
                    "p-0001", "--from", NIGHT, "--to", NIGHT, "--format", "csv", "--out", viaMonitor.toString());
            assertEquals(0, rm.code(), rm.err());
            assertEquals(read(dir.resolve("influx-csv-p-0001").resolve(ExportFiles.NIGHTS_CSV)),
                    read(viaMonitor.resolve(ExportFiles.NIGHTS_CSV)));
            // A mistyped key of the influx part is named by file, line and key; nothing is written.
            Path typo = conf("typo.conf", "influx.url = " + influxd.url(), "influx.databse = plm");
            Path typoOut = dir.resolve("influx-typo");
            PlmRun rt = plm("export", "--source", "influx", "--config", typo.toString(), "--patient", "p-0001",
                    "--from", NIGHT, "--to", NIGHT, "--format", "csv", "--out", typoOut.toString());
            assertEquals(2, rt.code(), rt.out() + rt.err());
            assertEquals("", rt.out());
            assertEquals("plm: configuration refused:\n" + typo + ":2: key 'influx.databse': unknown key; did you mean "
                    + "'influx.database'?\n", rt.err());
            assertFalse(Files.exists(typoOut.resolve(ExportFiles.NIGHTS_CSV)), "nothing written");

            // Bad arguments: exit 2, one line, nothing written.
            assertBad(List.of("--source", "influx", "--config", conf.toString(), "--patient", "p-0404"), NIGHT, "p-0404",
                    "no night of this patient");
            assertBad(List.of("--source", "influx", "--config", conf.toString(), "--patient", "p-0001"), "2026-06-01",
                    "no closed night of patient p-0001 from 2026-06-01", "the patient's nights: " + NIGHT);
            assertBad(List.of("--source", "influx", "--config", conf.toString()), NIGHT, "--patient", "missing");
            assertBad(List.of("--source", "cloud", "--config", conf.toString(), "--patient", "p-0001"), NIGHT, "--source",
                    "expected store or influx");
            Path noInflux = conf("no-influx.conf", "patient.id = p-0001");
            assertBad(List.of("--source", "influx", "--config", noInflux.toString(), "--patient", "p-0001"), NIGHT,
                    noInflux.toString(), "no influx.url configured");
            Path wrongDb = conf("wrong-db.conf", "influx.url = " + influxd.url(), "influx.database = elsewhere");
            assertBad(List.of("--source", "influx", "--config", wrongDb.toString(), "--patient", "p-0001"), NIGHT,
                    "database elsewhere", "refused the query");

            // A piece beyond part 0's count is a leftover of a longer report and is not read; a count that no
            // longer matches the pieces makes the night incomplete (docs/influxdb-schema.md, plm_report).
            String nightJson = read(dir.resolve("p-0002").resolve("nights").resolve(NIGHT + ".json"));
            int parts = (int) influxd.scalar("plm", "SELECT count(parts) FROM plm_report WHERE patient = 'p-0002'");
            assertEquals(org.plmmonitor.monitor.influx.ReportPieces.split(nightJson,
                    org.plmmonitor.monitor.influx.ReportPieces.MAX_BYTES).size(), parts);
            String detector = java.util.Objects.requireNonNull((String) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) org.plmmonitor.analysis.report.JsonReader.parse(nightJson))
                            .get("provenance")).get("detector_version"));
            writePiece(influxd, b.startUtcMs(), detector, parts, parts + 1, "leftover");
            Path again = dir.resolve("influx-csv-again");
            assertEquals(0, plm("export", "--source", "influx", "--config", conf.toString(), "--patient", "p-0002", "--from",
                    NIGHT, "--to", NIGHT, "--format", "csv", "--out", again.toString()).code());
            assertEquals(read(dir.resolve("store-csv-p-0002").resolve(ExportFiles.NIGHTS_CSV)), read(again.resolve(ExportFiles.NIGHTS_CSV)));
            writePiece(influxd, b.startUtcMs(), detector, 0, parts + 2, nightJson.substring(0, 10));
            assertBad(List.of("--source", "influx", "--config", conf.toString(), "--patient", "p-0002"), NIGHT,
                    "plm_report of night " + NIGHT, "incomplete", "part 0 says " + (parts + 2) + " pieces, part " + parts
                            + " says " + (parts + 1));
            writePiece(influxd, b.startUtcMs(), detector, parts, parts + 2, "x");
            assertBad(List.of("--source", "influx", "--config", conf.toString(), "--patient", "p-0002"), NIGHT,
                    "incomplete", "part " + (parts + 1) + " is missing");
        }
    }

    @Test
    void theExportReadsTheConfiguredRetentionPolicy() throws Exception {
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start()) {
            // As docs/install.md provisions a clinic's server: the monitors write into plm_1y, which is not the
            // database's default policy (autogen).
            influxd.scalar("plm", "CREATE DATABASE plm");
            influxd.scalar("plm", "CREATE RETENTION POLICY plm_1y ON plm DURATION 52w REPLICATION 1");
            night(influxd.url(), "plm_1y", "p-0001", 11);
            assertEquals(0, influxd.scalar("plm", "SELECT count(end_utc_ms) FROM plm_night"), "the default policy is empty");
            assertTrue(influxd.scalar("plm", "SELECT count(end_utc_ms) FROM plm_1y.plm_night") > 0, "the night is in plm_1y");

            Path conf = conf("clinic.conf", "influx.url = " + influxd.url(), "influx.retention_policy = plm_1y");
            Path fromInflux = dir.resolve("influx-rp");
            PlmRun ri = plm("export", "--source", "influx", "--config", conf.toString(), "--patient", "p-0001",
                    "--from", NIGHT, "--to", NIGHT, "--format", "csv", "--out", fromInflux.toString());
            assertEquals(0, ri.code(), ri.err());
            assertTrue(ri.out().startsWith("exported 1 night (" + NIGHT + " to " + NIGHT + ", patient p-0001)"), ri.out());
            Path fromStore = dir.resolve("store-rp");
            PlmRun rs = plm("export", "--dir", dir.resolve("p-0001").toString(), "--patient", "p-0001",
                    "--from", NIGHT, "--to", NIGHT, "--format", "csv", "--out", fromStore.toString());
            assertEquals(0, rs.code(), rs.err());
            for (String f : List.of(ExportFiles.MOVEMENTS_CSV, ExportFiles.NIGHTS_CSV)) {
                assertEquals(read(fromStore.resolve(f)), read(fromInflux.resolve(f)), f + " from plm_1y");
            }

            // Without the key the default policy is read, and it holds no night of the patient.
            Path noPolicy = conf("no-policy.conf", "influx.url = " + influxd.url());
            assertBad(List.of("--source", "influx", "--config", noPolicy.toString(), "--patient", "p-0001"), NIGHT,
                    "no night of this patient", "(database plm, its default retention policy)");
            Path otherPolicy = conf("other-policy.conf", "influx.url = " + influxd.url(), "influx.retention_policy = autogen");
            assertBad(List.of("--source", "influx", "--config", otherPolicy.toString(), "--patient", "p-0001"), NIGHT,
                    "no night of this patient", "(database plm, retention policy autogen)");
        }
    }

    /** Writes one plm_report piece of patient p-0002's night straight to the server. */
    private static void writePiece(InfluxdProcess influxd, long startMs, String detector, int part, int parts, String text) {
        try (org.influxdb.InfluxDB db = org.influxdb.InfluxDBFactory.connect(influxd.url())) {
            db.write("plm", "", org.influxdb.dto.Point.measurement("plm_report")
                    .time(startMs, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .tag("patient", "p-0002").tag("device", "pi-p-0002").tag("night", NIGHT).tag("detector", detector)
                    .tag("part", Integer.toString(part)).addField("parts", (long) parts).addField("report_json", text).build());
        }
    }

    private void assertBad(List<String> args, String night, String... said) throws Exception {
        Path out = dir.resolve("bad-" + Math.abs(String.join(" ", args).hashCode()) + night);
        List<String> all = new java.util.ArrayList<>(List.of("export"));
        all.addAll(args);
        all.addAll(List.of("--from", night, "--to", night, "--format", "csv", "--out", out.toString()));
        PlmRun r = plm(all.toArray(String[]::new));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        for (String s : said) {
            assertTrue(err.contains(s), "'" + s + "' in: " + err);
        }
        assertFalse(Files.exists(out.resolve(ExportFiles.MOVEMENTS_CSV)), "nothing written");
    }
}
