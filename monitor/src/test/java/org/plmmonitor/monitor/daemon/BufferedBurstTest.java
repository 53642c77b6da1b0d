package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.bridge.serial.ConnectionListener;
import org.plmmonitor.bridge.serial.JSerialCommLink;
import org.plmmonitor.bridge.serial.Pacer;
import org.plmmonitor.bridge.serial.ReconnectingLink;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: after a restart onto a board that kept streaming, the backlog a pty buffered arrives in one burst;
 * its samples were stamped up to 10.9 s ahead of the wall clock. A board (the device simulator) streams in real
 * time into a real socat pty for 8 s while nobody reads it; then the daemon's {@link SerialBoard} opens the other
 * end and reads on. The board and the host share one injected monotonic clock, advanced by the test a frame at a
 * time (each step awaited, never slept on): no sample may be stamped after it arrived, the spacing stays the
 * board's, and once the backlog is read the line sits at the host's time.
 */
class BufferedBurstTest {
    private static final double RATE_HZ = 25;
    private static final int BATCH = 25; // one frame per leg per second
    private static final long SECOND_NS = 1_000_000_000L;

    @TempDir
    Path dir;

    /** A still leg, lying: the content does not matter here, only the times. */
    private static SampleSource still() {
        return new SampleSource() {
            private long i;

            @Override
            public double rateHz() {
                return RATE_HZ;
            }

            @Override
            public boolean next(double[] txyz) {
                txyz[0] = i++ / RATE_HZ;
                txyz[1] = 0;
                txyz[2] = 0;
                txyz[3] = 1;
                return true;
            }
        };
    }

    /** One stamped sample and the host's clock when it was handed on, both s on the monotonic line. */
    private record Seen(double lineS, double handedS) {
    }

    @Test
    void aBacklogReadInOneBurstIsNeverStampedAheadOfItsArrival() throws Exception {
        assumeSocat();
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Process socat = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        AtomicLong clock = new AtomicLong(1000 * SECOND_NS);
        Map<Leg, List<Seen>> seen = new EnumMap<>(Leg.class);
        DeviceSimulator sim = null;
        SerialBoard board = null;
        try {
            await("socat's links", () -> Files.exists(dev) && Files.exists(host), () -> "none");
            SerialLinkConfig lc = SerialLinkConfig.DEFAULT;
            sim = new DeviceSimulator(new ReconnectingLink(dev.toString(), JSerialCommLink.factory(lc), lc, Pacer.realTime(),
                    new ConnectionListener() {
                    }), SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(1).batchSamples(BATCH).build(),
                    List.of(still(), still()), clock::get);
            sim.start();
            // Eight seconds stream into the pty while the daemon is away.
            int backlogS = 8;
            clock.addAndGet(backlogS * SECOND_NS);
            DeviceSimulator s = sim;
            await("the backlog is sent", () -> s.stats().framesSent() >= 2 * backlogS, () -> s.stats().toString());

            board = new SerialBoard(host.toString(), 115200, clock::get);
            for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
                List<Seen> list = new ArrayList<>();
                seen.put(leg, list);
                board.addSink(leg, new SampleSink() {
                    @Override
                    public void accept(SampleBlock b) {
                        synchronized (list) {
                            for (int i = 0; i < b.count(); i++) {
                                list.add(new Seen(b.tS()[i], clock.get() / 1e9));
                            }
                        }
                    }
                });
            }
            board.start();
            // Then real time, a frame a second: the clock moves on only once the host has read all the board sent.
            int totalS = backlogS + 20;
            SerialBoard b = board;
            for (int t = backlogS; t <= totalS; t++) {
                if (t > backlogS) {
                    clock.addAndGet(SECOND_NS);
                }
                await("the frames up to " + t + " s read", () -> b.counters().framesReceived() >= s.stats().framesSent(),
                        () -> b.counters() + "; " + s.stats());
            }
            // Held until the line started (SETTLE_S of real-time frames after the backlog), then all handed on.
            long want = (long) (totalS * RATE_HZ);
            await("every sample handed on", () -> count(seen, Leg.LEFT) >= want && count(seen, Leg.RIGHT) >= want,
                    () -> count(seen, Leg.LEFT) + " left, " + count(seen, Leg.RIGHT) + " right; " + s.stats());
            assertEquals(0, sim.stats().framesDropped(), "the pty held the whole backlog: " + sim.stats());
        } finally {
            if (board != null) {
                board.close();
            }
            if (sim != null) {
                sim.close();
            }
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            List<Seen> list = seen.get(leg);
            synchronized (list) {
                for (int i = 0; i < list.size(); i++) {
                    Seen x = list.get(i);
                    assertTrue(x.lineS() <= x.handedS() + 1e-9, leg + " sample " + i + " stamped " + (x.lineS() - x.handedS())
                            + " s after it arrived");
                    if (i > 0) {
                        assertEquals(1 / RATE_HZ, x.lineS() - list.get(i - 1).lineS(), 1e-6, leg + " spacing at sample " + i);
                    }
                }
                // Sample k was taken at host 1000 + k / rate (the board started with the clock at 1000 s): the line
                // puts it there, give or take a frame's bunching, from the backlog on.
                for (int k = 0; k < list.size(); k++) {
                    double taken = 1000 + k / RATE_HZ;
                    assertEquals(taken, list.get(k).lineS(), 1.0 + 1e-9, leg + " sample " + k);
                }
            }
        }
        assertEquals(seen.get(Leg.LEFT).get(0).lineS(), seen.get(Leg.RIGHT).get(0).lineS(), 1e-9, "one line for both legs");
    }

    private static int count(Map<Leg, List<Seen>> seen, Leg leg) {
        List<Seen> list = seen.get(leg);
        synchronized (list) {
            return list.size();
        }
    }

    private static void await(String what, BooleanSupplier cond, Supplier<String> seen) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what + "; seen " + seen.get());
            }
            Thread.sleep(5);
        }
    }

    private static void assumeSocat() {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(p, "socat"));
        }
        Assumptions.assumeTrue(found, "socat is not installed (./test.sh installs it)");
    }
}
