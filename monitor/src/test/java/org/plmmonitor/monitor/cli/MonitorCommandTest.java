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
