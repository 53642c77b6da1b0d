package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.protocol.FrameEncoder;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.serial.Await;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.JSerialCommLink;
import org.plmmonitor.bridge.serial.LinkCounters;
import org.plmmonitor.bridge.serial.RecordingSink;
import org.plmmonitor.bridge.serial.SampleGap;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SocatPair;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real serial I/O over a socat pty pair: simulator on one end, the host session on the other. */
class SerialLinkIntegrationTest {
    static final double RATE = 50;

    @BeforeAll
    static void needsSocat() {
        SocatPair.assumeSocat();
    }

    static DeviceSession hostSession(SocatPair pair, SerialSensorSource src) {
        DeviceSession host = DeviceSession.overSerial(pair.b());
        host.addListener(src);
        host.start();
        Await.until("host connected to " + pair.b(), Duration.ofSeconds(5), host::isConnected);
        return host;
    }

    static void assertSample(double[] s, long i, int leg) {
        assertEquals(i / RATE, s[0], 1e-9, "time of sample " + i);
        assertEquals(PatternSource.x(i, leg), s[1], 0.0006, "x of sample " + i);
        assertEquals(PatternSource.y(i, leg), s[2], 0.0006, "y of sample " + i);
        assertEquals(PatternSource.z(i, leg), s[3], 0.0006, "z of sample " + i);
    }

    @Test
    void everySampleOfASimulatedHourArrivesInOrder(@TempDir Path dir) throws Exception {
        int n = (int) (3600 * RATE);
        RecordingSink left = new RecordingSink();
        RecordingSink right = new RecordingSink();
        SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, left).addSink(Leg.RIGHT, right);
        try (SocatPair pair = new SocatPair(dir).start();
             DeviceSession host = hostSession(pair, src);
             DeviceSimulator sim = DeviceSimulator.overSerial(pair.a(),
                     SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(1500).build(),
                     List.of(new PatternSource(RATE, 3600, 0), new PatternSource(RATE, 3600, 1)))) {
            sim.start();
            Await.until("an hour of samples on both legs", Duration.ofSeconds(40),
                    () -> left.count() >= n && right.count() >= n,
                    () -> left.count() + "/" + right.count() + " " + host.counters() + " " + sim.stats());
            LinkCounters c = host.counters();
            assertEquals(0, c.rejectedTotal(), c.toString());
            assertEquals(0, c.framesLost(), c.toString());
            assertEquals(0, sim.stats().framesDropped(), sim.stats().toString());
            assertTrue(host.identity().isPresent(), "IDENTIFY answered the HELLO");
            assertEquals(2, host.identity().get().sensors().size());
        }
        assertEquals(n, left.count());
        assertEquals(n, right.count());
        assertEquals(List.of(), left.stepsLongerThan(1.5 / RATE), "no step longer than a period");
        List<double[]> l = left.samplesCopy();
        List<double[]> r = right.samplesCopy();
        for (int i = 0; i < n; i++) {
            assertSample(l.get(i), i, 0);
            assertSample(r.get(i), i, 1);
        }
    }

    @Test
    void damagedFramesAreRejectedExactlyAndTheReaderResynchronises(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(2024);
        FrameEncoder enc = new FrameEncoder();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int frames = 400;
        int damaged = 0;
        int garbageRuns = 0;
        BitSet intact = new BitSet();
        for (int i = 0; i < frames; i++) {
            short[] xyz = new short[3 * 25];
            for (int k = 0; k < xyz.length; k++) {
                xyz[k] = (short) (i * 25 + k / 3);
            }
            byte[] f = enc.encode(new Message.SampleBatch(0, 25L * i, 5000, 1000, xyz));
            switch (i % 10) {
                case 3 -> { // bit flip, never to 0x00
                    int pos = rnd.nextInt(f.length - 1);
                    int bit = rnd.nextInt(8);
                    if ((f[pos] ^ (1 << bit)) == 0) {
                        bit = (bit + 1) % 8;
                    }
                    f[pos] ^= (byte) (1 << bit);
                    damaged++;
                }
                case 6 -> { // truncated: the sender restarted mid-frame
                    byte[] t = new byte[1 + rnd.nextInt(f.length - 2) + 1];
                    System.arraycopy(f, 0, t, 0, t.length - 1);
                    f = t;
                    damaged++;
                }
                case 8 -> { // line noise between frames
                    byte[] g = new byte[1 + rnd.nextInt(30)];
                    for (int k = 0; k < g.length; k++) {
                        g[k] = (byte) (1 + rnd.nextInt(255));
                    }
                    stream.writeBytes(g);
                    stream.write(0);
                    garbageRuns++;
                    intact.set(i);
                }
                default -> intact.set(i);
            }
            stream.writeBytes(f);
        }
        byte[] data = stream.toByteArray();
        RecordingSink left = new RecordingSink();
        List<SampleGap> gaps = new CopyOnWriteArrayList<>();
        SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, left).addGapListener(gaps::add);
        int expectRuns = intact.cardinality() + damaged + garbageRuns;
        try (SocatPair pair = new SocatPair(dir).start();
             DeviceSession host = hostSession(pair, src);
             JSerialCommLink device = JSerialCommLink.open(pair.a(), SerialLinkConfig.DEFAULT)) {
            for (int off = 0; off < data.length; ) {
                int len = Math.min(data.length - off, 1 + rnd.nextInt(300));
                device.write(data, off, len);
                off += len;
            }
            Await.until("every run judged", Duration.ofSeconds(10),
                    () -> host.counters().framesReceived() + host.counters().rejectedTotal() >= expectRuns,
                    () -> host.counters().toString());
            LinkCounters c = host.counters();
            assertEquals(intact.cardinality(), c.framesReceived(), c.toString());
            assertEquals(damaged + garbageRuns, c.rejectedTotal(), c.toString());
            assertEquals(damaged, c.framesLost(), "the sequence numbers of the damaged frames are missing: " + c);
        }
        List<double[]> got = left.samplesCopy();
        assertEquals(intact.cardinality() * 25, got.size());
        int k = 0;
        for (int i = intact.nextSetBit(0); i >= 0; i = intact.nextSetBit(i + 1)) {
            for (int s = 0; s < 25; s++) {
                double[] v = got.get(k++);
                assertEquals((i * 25 + s) / RATE, v[0], 1e-9);
                assertEquals((i * 25 + s) / 1000.0, v[1], 1e-9);
            }
        }
        long missing = gaps.stream().mapToLong(SampleGap::missing).sum();
        assertEquals((frames - intact.cardinality()) * 25L - countTrailingDamaged(intact, frames) * 25L, missing,
                "the gaps account for every sample in a damaged frame");
    }

    private static int countTrailingDamaged(BitSet intact, int frames) {
        int n = 0;
        for (int i = frames - 1; i >= 0 && !intact.get(i); i--) {
            n++;
        }
        return n;
    }

    @Test
    void unplugAndReplugReconnectsAndReportsTheExactGap(@TempDir Path dir) throws Exception {
        double durationS = 400;
        long n = Math.round(durationS * RATE);
        RecordingSink left = new RecordingSink();
        RecordingSink right = new RecordingSink();
        List<SampleGap> gaps = new CopyOnWriteArrayList<>();
        SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, left).addSink(Leg.RIGHT, right)
                .addGapListener(gaps::add);
        SocatPair pair = new SocatPair(dir).start();
        try (DeviceSession host = hostSession(pair, src);
             DeviceSimulator sim = DeviceSimulator.overSerial(pair.a(),
                     SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(100).build(),
                     List.of(new PatternSource(RATE, durationS, 0), new PatternSource(RATE, durationS, 1)))) {
            sim.start();
            Await.until("samples flowing", Duration.ofSeconds(10), () -> left.count() > 2000);
            pair.stop();
            Await.until("host noticed the unplug", Duration.ofSeconds(5), () -> !host.isConnected());
            Await.until("simulator dropping frames", Duration.ofSeconds(5), () -> sim.stats().framesDropped() > 10);
            pair.start();
            // A generous bound: only a host that never reconnects fails it (ReconnectBench measures how soon).
            Await.until("host reconnected", Duration.ofSeconds(10), () -> host.counters().connects() >= 2,
                    host.counters()::toString);
            Await.until("the rest of the night", Duration.ofSeconds(20),
                    () -> sim.stats().streamDone() && accounted(left, gaps, Leg.LEFT) == n && accounted(right, gaps, Leg.RIGHT) == n,
                    () -> left.count() + " " + right.count() + " " + gaps + " " + sim.stats());
        } finally {
            pair.close();
        }
        assertFalse(gaps.isEmpty(), "the unplug left a gap");
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            RecordingSink sink = leg == Leg.LEFT ? left : right;
            BitSet seen = new BitSet();
            long prev = -1;
            for (double[] s : sink.samplesCopy()) {
                long i = Math.round(s[0] * RATE);
                assertTrue(i > prev, "in order");
                assertSample(s, i, leg == Leg.LEFT ? 0 : 1);
                seen.set((int) i);
                prev = i;
            }
            for (SampleGap g : gaps) {
                if (g.leg() == leg) {
                    assertEquals(g.nextCounter() - g.lastCounter() - 1, g.missing());
                    assertTrue(seen.get((int) g.lastCounter()) && seen.get((int) g.nextCounter()));
                    assertEquals(-1, seen.get((int) g.lastCounter() + 1, (int) g.nextCounter()).nextSetBit(0),
                            "nothing was received inside a reported gap");
                    assertEquals(g.missing() / RATE + 1 / RATE, g.durationS(), 1e-9);
                }
            }
            assertEquals(n, seen.cardinality() + gaps.stream().filter(g -> g.leg() == leg).mapToLong(SampleGap::missing).sum(),
                    "received plus reported missing is every sample the device produced");
            // The sink hears of no gap: its stamps show each one, exactly where the listener was told it is.
            List<double[]> sinkGaps = sink.stepsLongerThan(1.5 / RATE);
            List<SampleGap> legGaps = gaps.stream().filter(g -> g.leg() == leg).toList();
            assertEquals(legGaps.size(), sinkGaps.size());
            for (int i = 0; i < legGaps.size(); i++) {
                assertEquals(legGaps.get(i).fromS(), sinkGaps.get(i)[0], 1e-9);
                assertEquals(legGaps.get(i).toS(), sinkGaps.get(i)[1], 1e-9);
            }
        }
        System.out.println("gaps: " + gaps);
    }

    private static long accounted(RecordingSink sink, List<SampleGap> gaps, Leg leg) {
        return sink.count() + gaps.stream().filter(g -> g.leg() == leg).mapToLong(SampleGap::missing).sum();
    }
}
