package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.SampleBatch;
import org.plmmonitor.bridge.protocol.Message.SensorInfo;
import org.plmmonitor.bridge.protocol.Message.SensorLeg;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialSensorSourceTest {

    static SampleBatch batch(int sensor, long first, int n) {
        short[] xyz = new short[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = (short) (first + i);
            xyz[3 * i + 2] = 1000;
        }
        return new SampleBatch(sensor, first & 0xFFFF_FFFFL, 5000, 1000, xyz);
    }

    @Test
    void samplesAreStampedByCounterOverRateAndScaledToG() {
        RecordingSink left = new RecordingSink();
        SerialSensorSource src = new SerialSensorSource(() -> 0).addSink(Leg.LEFT, left);
        src.onMessage(batch(0, 100, 3));
        assertEquals(3, left.count());
        double[] s = left.samples.get(1);
        assertEquals(101 / 50.0, s[0], 1e-12);
        assertEquals(0.101, s[1], 1e-12);
        assertEquals(1.0, s[3], 1e-12);
    }

    @Test
    void eachLegsRateIsTheOneTheBoardAnnouncedNeverAGuess() {
        SerialSensorSource src = new SerialSensorSource(() -> 0);
        assertEquals(OptionalDouble.empty(), src.rateHz(Leg.LEFT), "nothing said yet");
        // The handshake says it before any sample: 25 Hz on the right (sensor 3), 100 Hz on the left.
        src.onMessage(new Message.Identify(1, 1, Message.Identify.ROLE_SENSOR, 0x0100, 7, 3000, 0, 0,
                List.of(new SensorInfo(3, SensorLeg.RIGHT, 2500, 1000), new SensorInfo(0, SensorLeg.LEFT, 10000, 1000))));
        assertEquals(OptionalDouble.of(25.0), src.rateHz(Leg.RIGHT));
        assertEquals(OptionalDouble.of(100.0), src.rateHz(Leg.LEFT));
        // A board that changes its rate says so in its batches (50 Hz here).
        RecordingSink left = new RecordingSink();
        src.addSink(Leg.LEFT, left);
        src.onMessage(batch(0, 0, 25));
        assertEquals(OptionalDouble.of(50.0), src.rateHz(Leg.LEFT));
        assertEquals(25, left.count());
        // A rate the 0.1-Hz rounding of two stamps would get wrong stays exact.
        SerialSensorSource odd = new SerialSensorSource(() -> 0);
        odd.onMessage(new SampleBatch(0, 0, 3333, 1000, new short[] {1, 2, 3, 4, 5, 6}));
        assertEquals(OptionalDouble.of(33.33), odd.rateHz(Leg.LEFT));
    }

    @Test
    void aCounterJumpIsOneGapWithTheExactNumberOfMissingSamples() {
        RecordingSink left = new RecordingSink();
        List<SampleGap> gaps = new ArrayList<>();
        SerialSensorSource src = new SerialSensorSource(() -> 0).addSink(Leg.LEFT, left).addGapListener(gaps::add);
        src.onMessage(batch(0, 0, 25));
        src.onMessage(batch(0, 75, 25));   // 25..74 lost
        src.onMessage(batch(0, 90, 25));   // overlaps: 90..99 are repeats
        assertEquals(List.of(new SampleGap(Leg.LEFT, 0, 24, 75, 50, 24 / 50.0, 75 / 50.0)), gaps);
        List<double[]> steps = left.stepsLongerThan(1.5 / 50);
        assertEquals(1, steps.size(), "the stamps show the loss as one long step");
        assertEquals(24 / 50.0, steps.get(0)[0], 1e-12);
        assertEquals(75 / 50.0, steps.get(0)[1], 1e-12);
        assertEquals(65, left.count());
        assertEquals(10, src.duplicatesDropped());
        for (int i = 1; i < left.samples.size(); i++) {
            assertEquals(true, left.samples.get(i)[0] > left.samples.get(i - 1)[0], "strictly increasing time");
        }
    }

    @Test
    void theThirtyTwoBitCounterWrapsWithoutAGap() {
        RecordingSink left = new RecordingSink();
        List<SampleGap> gaps = new ArrayList<>();
        SerialSensorSource src = new SerialSensorSource(() -> 0).addSink(Leg.LEFT, left).addGapListener(gaps::add);
        src.onMessage(batch(0, 0xFFFF_FFFEL, 2));
        src.onMessage(batch(0, 0, 2));
        assertEquals(List.of(), gaps);
        assertEquals(4, left.count());
        assertEquals(left.samples.get(1)[0] + 0.02, left.samples.get(2)[0], 1e-6);
    }

    @Test
    void identifyDecidesTheLegAndARestartContinuesAfterTheOldSamples() {
        RecordingSink left = new RecordingSink();
        RecordingSink right = new RecordingSink();
        AtomicLong clock = new AtomicLong();
        List<SampleGap> gaps = new ArrayList<>();
        SerialSensorSource src = new SerialSensorSource(clock::get).addSink(Leg.LEFT, left).addSink(Leg.RIGHT, right)
                .addGapListener(gaps::add);
        src.onMessage(new Message.Identify(1, 1, 1, 0x100, 7, 3000, 0, 0,
                List.of(new SensorInfo(3, SensorLeg.RIGHT, 5000, 1000))));
        src.onMessage(batch(3, 50_000, 10));
        assertEquals(10, right.count());
        assertEquals(0, left.count());
        clock.set(4_000_000_000L); // the board rebooted and came back 4 s later
        src.onMessage(batch(3, 0, 10));
        assertEquals(20, right.count());
        assertEquals(-1, gaps.get(0).missing());
        assertEquals(4.0, gaps.get(0).durationS(), 1e-9);
        assertEquals(right.samples.get(9)[0] + 4.0, right.samples.get(10)[0], 1e-9);
    }

    /**
     * Issue 12: after a socat restart in an accelerated run the two legs of one board ended 829 s apart.
     * A restarted board counts both sensors from one moment; when the first frames of one leg after the
     * restart are lost (here the right leg's first 41,450 samples: 829 s at 50 Hz), that leg used to be
     * placed by its own first counter at "now", the other leg by its own, 829 s apart.
     */
    @Test
    void afterARestartBothLegsOfTheBoardShareOneTimeBaseEvenWhenOneLegsFirstFramesAreLost() {
        RecordingSink left = new RecordingSink();
        RecordingSink right = new RecordingSink();
        AtomicLong clock = new AtomicLong();
        List<SampleGap> gaps = new ArrayList<>();
        SerialSensorSource src = new SerialSensorSource(clock::get).addSink(Leg.LEFT, left).addSink(Leg.RIGHT, right)
                .addGapListener(gaps::add);
        // The old run: 100,000 samples per leg at 50 Hz, played 40 times faster than real time.
        for (long c = 0; c < 100_000; c += 25) {
            src.onMessage(batch(0, c, 25));
            src.onMessage(batch(1, c, 25));
            clock.addAndGet(12_500_000L); // 25 samples = 0.5 s of device time = 12.5 ms of host time
        }
        double oldEnd = Math.max(left.samples.get(left.count() - 1)[0], right.samples.get(right.count() - 1)[0]);
        int leftBefore = left.count();
        int rightBefore = right.count();
        clock.addAndGet(3_000_000_000L); // 3 s of host time without the board
        // The new run: the left leg is heard from its start on, the right leg only from counter 41,450 on.
        long lostRight = 41_450;
        for (long c = 0; c < 50_000; c += 25) {
            src.onMessage(batch(0, c, 25));
            if (c >= lostRight) {
                src.onMessage(batch(1, c, 25));
            }
            clock.addAndGet(12_500_000L);
        }
        double[] firstRight = right.samples.get(rightBefore);
        double[] sameCounterLeft = left.samples.get(leftBefore + (int) lostRight);
        assertEquals(sameCounterLeft[0], firstRight[0], 1e-9, "one counter, one time, on both legs");
        assertEquals(left.samples.get(left.count() - 1)[0], right.samples.get(right.count() - 1)[0], 1e-9,
                "both legs end together");
        assertTrue(left.samples.get(leftBefore)[0] > oldEnd, "the new run comes after the old one");
        List<SampleGap> restarts = gaps.stream().filter(g -> g.missing() == -1).toList();
        assertEquals(2, restarts.size(), "one restart gap per leg: " + gaps);
        SampleGap l = restarts.stream().filter(g -> g.leg() == Leg.LEFT).findFirst().orElseThrow();
        SampleGap r = restarts.stream().filter(g -> g.leg() == Leg.RIGHT).findFirst().orElseThrow();
        assertEquals(left.samples.get(leftBefore)[0], l.toS(), 1e-9);
        assertEquals(firstRight[0], r.toS(), 1e-9);
        assertEquals(l.toS() + lostRight / 50.0, r.toS(), 1e-9, "the right leg's gap also covers its lost frames");
    }
}
