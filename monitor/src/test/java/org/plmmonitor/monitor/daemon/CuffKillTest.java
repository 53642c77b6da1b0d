package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.cli.PlmCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 of the daemon mid-inflation: a real {@code plm monitor} in a JVM of its own runs a scheduled session on
 * the C firmware's virtual controller over a socat pty; while the controller holds the cuff at about 29 mmHg the
 * JVM is killed with SIGKILL (no shutdown hook, no VENT). The controller alone must vent: its plant log shows
 * the vent open with the watchdog flag at most the watchdog time (3000 ms) after the kill, the pump never running
 * again, and the cuff empty one vent time later. Skipped unless {@code make -C firmware-bridge/firmware host}
 * has built the controller and socat is installed.
 */
class CuffKillTest {
    private static final Path BINARY = Path.of("..", "firmware-bridge", "firmware", "build", "host", "plm-controller");
    private static final int WATCHDOG_MS = 3000;
    /** The kill comes at most this long after the last byte the controller can have read (socat relays it). */
    private static final int DELIVERY_MARGIN_MS = 100;
    /** The plant's vent: time constant 0.5 s (2 mL/mmHg against 4 mL/s/mmHg), 1.7 s from 29 to 1 mmHg. */
    private static final int VENT_MS = 2500;

    @TempDir
    Path dir;

    /** One row of the controller's {@code --log}. */
    private record Row(long tMs, double pressureMmHg, boolean pump, boolean ventOpen, int state, int flags) {
        static Optional<Row> parse(String line) {
            String[] f = line.split(",");
            if (f.length != 7 || !f[0].matches("\\d+")) {
                return Optional.empty(); // the header, or a line being written
            }
            return Optional.of(new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), f[3].equals("1"), f[4].equals("1"),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6])));
        }
    }

    @Test
    void theControllerVentsWithinItsWatchdogAfterTheDaemonIsKilledMidInflation() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "the firmware's host build is missing: run "
                + "`make -C firmware-bridge/firmware host` to build " + BINARY.toAbsolutePath());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed (./test.sh installs it)");
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Path log = dir.resolve("plant.csv");
        Path fwErr = dir.resolve("fw.err");
        List<Process> started = new ArrayList<>();
        try {
            started.add(new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
            await("socat's links", Duration.ofSeconds(10), () -> Files.exists(dev) && Files.exists(host));
            Process fw = new ProcessBuilder(BINARY.toString(), "--pty", dev.toString(), "--movements-per-min", "0",
                    "--log", log.toString()).redirectError(fwErr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            started.add(fw);
            await("the controller's clock line", Duration.ofSeconds(10), () -> read(fwErr).contains("CLOCK_MONOTONIC"));
            Matcher m = Pattern.compile("t_ms 0 is CLOCK_MONOTONIC (\\d+) ms").matcher(read(fwErr));
            assertTrue(m.find(), read(fwErr));
            long t0 = Long.parseLong(m.group(1));

            // The scheduled window (60 min ending 30 min from now) is open: the session starts on connection.
            String onset = LocalTime.now(ZoneOffset.UTC).plusMinutes(30).format(DateTimeFormatter.ofPattern("HH:mm"));
            Path conf = dir.resolve("plm.conf");
            Files.writeString(conf, "time_zone = UTC\ncuff.type = serial\ncuff.path = " + host + "\ncuff.policy = scheduled\n"
                    + "cuff.symptom_onset = " + onset + "\ncuff.inflation_s = 20\ncuff.cycle_s = 30\nstore.path = "
                    + dir.resolve("data/plm.db") + "\nweb.enabled = false\n");
            Files.createDirectories(dir.resolve("data"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process daemon = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    PlmCommand.class.getName(), "monitor", "--config", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
            started.add(daemon);
            await("the cuff held at about 29 mmHg", Duration.ofSeconds(60), () -> last(log)
                    .filter(r -> r.state() == 2 && r.pressureMmHg() > 25).isPresent() || !daemon.isAlive());
            assertTrue(daemon.isAlive(), "daemon log: " + read(dir.resolve("daemon.log")));

            long killMono = System.nanoTime() / 1_000_000;
            daemon.destroyForcibly(); // SIGKILL
            assertTrue(daemon.waitFor(10, TimeUnit.SECONDS));
            long kill = (killMono - t0) & 0xFFFF_FFFFL;
            await("the cuff empty after the kill", Duration.ofSeconds(20), () -> last(log)
                    .filter(r -> r.tMs() > kill + WATCHDOG_MS && r.pressureMmHg() < 1).isPresent());
            fw.destroy();
            assertTrue(fw.waitFor(5, TimeUnit.SECONDS), "the controller stops on SIGTERM");

            List<Row> rows = Files.readAllLines(log).stream().map(Row::parse).flatMap(Optional::stream).toList();
            Row atKill = rows.stream().filter(r -> r.tMs() <= kill).reduce((a, b) -> b).orElseThrow();
            assertTrue(atKill.state() == 1 || atKill.state() == 2, "killed mid-inflation: " + atKill);
            assertTrue(atKill.pump() || !atKill.ventOpen(), "air held in the cuff at the kill: " + atKill);
            Row vented = rows.stream().filter(r -> r.tMs() > kill && r.ventOpen() && (r.flags() & 8) != 0).findFirst()
                    .orElseThrow(() -> new AssertionError("no watchdog vent after the kill"));
            long toVent = vented.tMs() - kill;
            assertTrue(toVent <= WATCHDOG_MS + DELIVERY_MARGIN_MS, "vent open " + toVent + " ms after the kill");
            assertTrue(toVent >= WATCHDOG_MS - 1000 - DELIVERY_MARGIN_MS, "vented by its watchdog, not before the host's last "
                    + "heartbeat could have been 1 s old: " + toVent + " ms");
            assertEquals(List.of(), rows.stream().filter(r -> r.tMs() >= vented.tMs() && (r.pump() || !r.ventOpen())).toList(),
                    "pump off and vent open from then on");
            Row empty = rows.stream().filter(r -> r.tMs() >= vented.tMs() && r.pressureMmHg() < 1).findFirst().orElseThrow();
            long ventTime = empty.tMs() - vented.tMs();
            assertTrue(ventTime <= VENT_MS, "below 1 mmHg " + ventTime + " ms after the vent opened");
            System.out.printf("kill -9 of the daemon at %.1f mmHg: vent open %d ms later (watchdog %d ms), below 1 mmHg "
                    + "%d ms after that (%d ms after the kill)%n", atKill.pressureMmHg(), toVent, WATCHDOG_MS, ventTime,
                    empty.tMs() - kill);
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                Process p = started.get(i);
                p.destroy();
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Optional<Row> last(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<Row> r = Row.parse(lines.get(i));
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls a condition every 20 ms until it holds; fails after {@code limit}. */
    private static void await(String what, Duration limit, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
