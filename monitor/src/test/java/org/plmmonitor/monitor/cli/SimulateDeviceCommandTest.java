package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.LinkCounters;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SessionConfig;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateDeviceCommandTest {

    @Test
    void aMissingPtyIsABadInputWithAHint(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("simulate-device", "--pty", dir.resolve("nope").toString(), "--role", "cuff");
        assertEquals(2, code);
        assertTrue(err.toString().contains("no such pseudo-terminal"), err.toString());
    }

    @Test
    void aSensorRoleNeedsAnInput(@TempDir Path dir) throws Exception {
        Path pty = Files.createFile(dir.resolve("pty"));
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("simulate-device", "--pty", pty.toString(), "--role", "sensor"));
        assertTrue(err.toString().contains("give --night SEED or --replay FILE"), err.toString());
    }

    @Test
    void replaysACsvOverASocatPair(@TempDir Path dir) throws Exception {
        boolean socat = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            socat |= Files.isExecutable(Path.of(p, "socat"));
        }
        Assumptions.assumeTrue(socat, "socat is not installed (./test.sh installs it)");
        Path csv = dir.resolve("left.csv");
        StringBuilder sb = new StringBuilder("t,x,y,z\n");
        int n = 3000;
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,0,1%n", i / 50.0, (i % 100) / 100.0));
        }
        Files.writeString(csv, sb);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Process p = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(a) && Files.exists(b)) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            AtomicInteger count = new AtomicInteger();
            AtomicReference<double[]> last = new AtomicReference<>();
            SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, new AccelerationSink() {
                @Override
                public void accept(double tS, double xG, double yG, double zG) {
                    count.incrementAndGet();
                    last.set(new double[]{tS, xG, yG, zG});
                }
            });
            // At 200x a starved host lets the simulator's FIFO overrun; the device then drops samples as the
            // protocol says and the counters show the host how many. Every sample must be accounted for.
            AtomicLong missing = new AtomicLong();
            AtomicReference<LinkCounters> links = new AtomicReference<>();
            src.addGapListener(g -> missing.addAndGet(g.missing()));
            // The host connects before the device starts, and a loaded machine may take seconds to start the
            // in-process simulator. With the default 5 s silence threshold the host then reopened its end, and
            // closing a pty discards the bytes not yet read (jSerialComm flushes on close): the samples lost at
            // the start, before any batch set a counter baseline, or at the end, with no later batch to show the
            // jump, were counted nowhere (seen: 950 of 3000 received, 0 counted lost, 11 reconnects). A device
            // that starts late is not a dead link here, so the host waits for it as long as the test does.
            try (DeviceSession host = DeviceSession.overSerial(b.toString(), SerialLinkConfig.DEFAULT,
                    new SessionConfig(SessionConfig.DEFAULT.heartbeatIntervalMs(), 60_000))) {
                host.addListener(src);
                host.start();
                long up = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!host.isConnected() && System.nanoTime() < up) {
                    Thread.sleep(5);
                }
                int code = PlmCommand.commandLine().execute("simulate-device", "--pty", a.toString(), "--replay",
                        csv.toString(), "--speed", "200", "--role", "sensor");
                assertEquals(0, code);
                // A generous bound, left as soon as every sample is in or counted lost: the host end reads on its
                // own thread, which a loaded 2-core machine may starve for seconds (2775 of 3000 in 5 s was seen).
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (count.get() + missing.get() < n && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                links.set(host.counters());
            }
            assertEquals(n, count.get() + missing.get(), "received " + count.get() + ", counted lost " + missing.get()
                    + ", host link " + links.get());
            assertEquals((n - 1) / 50.0, last.get()[0], 1e-9);
            assertEquals(0.99, last.get()[1], 0.001);
        } finally {
            p.destroy();
            p.waitFor(3, TimeUnit.SECONDS);
        }
    }
}
