package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm monitor --once}: its exit status says whether the night reached everywhere it was meant to go. */
class MonitorCommandTest {

    /** A loopback port nothing listens on (taken, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedTrialStartsNoWeb(@TempDir Path dir) throws Exception {
        // The store's trial (seed 7) has begun: its first night is stored. A web user exists, so an enabled web
        // would serve at once.
        Path db = dir.resolve("store/plm.db");
        java.time.LocalDate start = java.time.LocalDate.of(2026, 12, 8);
        try (org.plmmonitor.monitor.store.LocalStore store = org.plmmonitor.monitor.store.LocalStore.open(db,
                org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build(), java.time.Clock.systemUTC())) {
            org.plmmonitor.monitor.trial.TrialBook.settle(store, org.plmmonitor.monitor.trial.TrialSchedule.draw(
                    new org.plmmonitor.monitor.config.TrialConfig(org.plmmonitor.monitor.config.TrialConfig.Arm.NONE, 4, 12,
                            7, start), org.plmmonitor.monitor.config.CuffTherapy.Policy.SCHEDULED, 29));
            long t0 = start.atTime(22, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            store.putNight(new org.plmmonitor.monitor.store.NightRecord(start.toString(), t0, t0 + 8 * 3_600_000L,
                    ZoneOffset.UTC, 7 * 3600, 8 * 3600, "test", "det-1", org.plmmonitor.analysis.score.ScoringStandard.WASM2016));
            store.flush();
        }
        new org.plmmonitor.monitor.store.WebUsers(db).set("anna", "not-a-real-hash", java.time.Clock.systemUTC());
        int port = closedPort();
        Path conf = dir.resolve("plm.conf");
        Files.writeString(conf, String.join("\n",
                "time_zone = UTC",
                "store.path = " + db,
                "cuff.type = simulator",
                "cuff.policy = scheduled",
                "cuff.symptom_onset = 22:00",
                "cuff.trial = on",
                "cuff.trial_arms = cuff/none",
                "cuff.trial_block_nights = 4",
                "cuff.trial_nights = 12",
                "cuff.trial_seed = 8",
                "cuff.trial_start = " + start,
                "web.enabled = true",
                "web.port = " + port, ""));
        // The web server logs the address it has bound; nothing else tells a port that was bound and closed again.
        java.util.logging.Logger webLog = java.util.logging.Logger.getLogger(
                org.plmmonitor.monitor.web.WebServer.class.getName());
        java.util.List<String> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        webLog.addHandler(h);
        try {
            CommandLine cl = PlmCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));

            int code = cl.execute("monitor", "--config", conf.toString());

            assertEquals(2, code, out + "\n" + err);
            assertTrue(err.toString().contains("key 'cuff.trial_seed': 8 differs from the recorded trial's 7"), err.toString());
            assertEquals(java.util.List.of(), logged, "the web bound no port");
            Path status = dir.resolve("store").resolve("status.json");
            if (Files.exists(status)) {
                String json = Files.readString(status);
                assertTrue(!json.contains("\"serving\"") && !json.contains(":" + port), json);
            }
        } finally {
            webLog.removeHandler(h);
        }
    }

    @Test
    void aOneNightRunWhoseRowsNeverReachedInfluxDbDoesNotExitZero(@TempDir Path dir) throws Exception {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Path conf = dir.resolve("plm.conf");
        Files.writeString(conf, String.join("\n",
                "time_zone = UTC",
                "night.start = " + now.minusHours(1).format(hhmm),
                "night.end = " + now.plusHours(2).format(hhmm),
                "sensor.left.type = simulator",
                "sensor.left.seed = 4",
                "store.path = " + dir.resolve("store/plm.db"),
                "influx.url = http://127.0.0.1:" + closedPort(),
                "web.enabled = false", ""));
        CommandLine cl = PlmCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int code = cl.execute("monitor", "--config", conf.toString(), "--once", "--fast", "--hours", "0.2");

        assertEquals(MonitorCommand.UNDELIVERED, code, out + "\n" + err);
        assertTrue(out.toString().contains("night "), "the night itself was stored and reported:\n" + out);
        String[] lines = err.toString().strip().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("plm monitor: ") && last.contains("did not reach InfluxDB at http://127.0.0.1:")
                && last.endsWith("the local store keeps them and the next run forwards them"), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("store/plm.db")), "the local store holds the night");
    }
}
