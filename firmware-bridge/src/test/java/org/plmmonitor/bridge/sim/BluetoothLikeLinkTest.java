package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.serial.Await;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.LinkCounters;
import org.plmmonitor.bridge.serial.Pacer;
import org.plmmonitor.bridge.serial.RecordingSink;
import org.plmmonitor.bridge.serial.SampleGap;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SessionConfig;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same protocol over a lossy, bursty link with a dropout (what an ankle unit on Bluetooth SPP
 * sees): every sample is either delivered in order with its exact time or inside a reported gap.
 */
class BluetoothLikeLinkTest {
    static final double RATE = 50;

    @Test
    void lossBurstsAndADropoutAreAccountedToTheSample() throws Exception {
        double durationS = 300;
        long n = Math.round(durationS * RATE);
        RadioChannel radio = new RadioChannel(99, 0.002, 40);
        RecordingSink left = new RecordingSink();
        List<SampleGap> gaps = new CopyOnWriteArrayList<>();
        SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, left).addGapListener(gaps::add);
        try (DeviceSession host = new DeviceSession("/dev/rfcomm0", p -> radio.openHostEnd(), SerialLinkConfig.DEFAULT,
                SessionConfig.DEFAULT, Pacer.realTime(), System::nanoTime);
             DeviceSimulator sim = new DeviceSimulator(radio.deviceEnd(),
                     SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(100).build(),
                     List.of(new PatternSource(RATE, durationS, 0)), System::nanoTime)) {
            host.addListener(src);
            host.start();
            sim.start();
            Await.until("a minute streamed", Duration.ofSeconds(10), () -> left.count() > 60 * RATE);
            radio.setDown(true);
            Await.until("host saw the dropout", Duration.ofSeconds(5), () -> host.counters().disconnects() >= 1);
            long before = sim.stats().samplesProduced();
            Await.until("some seconds of samples lost", Duration.ofSeconds(5),
                    () -> sim.stats().samplesProduced() > before + 5 * RATE);
            radio.setDown(false);
            // A clean last stretch: samples after the last one received could not be known missing.
            Await.until("near the end", Duration.ofSeconds(20), () -> sim.stats().samplesProduced() > n - 30 * RATE);
            radio.setPieceLoss(0);
            Await.until("everything accounted", Duration.ofSeconds(20), () -> sim.stats().streamDone()
                            && left.count() + gaps.stream().mapToLong(SampleGap::missing).sum() >= n,
                    () -> left.count() + " " + gaps.size() + " " + host.counters() + " " + sim.stats());
            LinkCounters c = host.counters();
            assertTrue(c.connects() >= 2, c.toString());
            assertTrue(c.rejectedTotal() > 0, "pieces lost inside frames were rejected: " + c);
            assertTrue(c.framesLost() > 0, c.toString());
        }
        BitSet seen = new BitSet();
        long prev = -1;
        for (double[] s : left.samplesCopy()) {
            long i = Math.round(s[0] * RATE);
            assertEquals(i / RATE, s[0], 1e-9);
            assertTrue(i > prev, "in order");
            assertEquals(PatternSource.x(i, 0), s[1], 0.0006);
            seen.set((int) i);
            prev = i;
        }
        long missing = 0;
        for (SampleGap g : gaps) {
            assertEquals(-1, seen.get((int) g.lastCounter() + 1, (int) g.nextCounter()).nextSetBit(0));
            missing += g.missing();
        }
        assertEquals(n, seen.cardinality() + missing, "received plus reported missing is every sample produced");
        assertTrue(gaps.size() > 1, "the dropout and the piece losses each left gaps: " + gaps.size());
    }
}
