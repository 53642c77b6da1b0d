package org.plmmonitor.bridge.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class I2cSensorSourceTest {

    private static I2cSensorConfig config(AccelerometerPart part, int rateHz) {
        return I2cSensorConfig.builder(part).name("left").rateHz(rateHz).rangeG(4).build();
    }

    /** Asserts the delivered samples are exactly indexes first..last, in order. */
    private static void assertConsecutive(Rig rig, List<RecordingSink.Sample> samples, long first) {
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(first + i, rig.index(samples.get(i)), "sample " + i + " out of sequence");
        }
    }

    @ParameterizedTest
    @EnumSource(AccelerometerPart.class)
    void aPauseTheFifoCanHoldLosesNothing(AccelerometerPart part) {
        // 25 Hz: 32 samples are 1.28 s; with a 3-sample watermark and 50 ms polls, a 1.0 s pause fits.
        Rig rig = new Rig(config(part, 25), 0.0);
        rig.run(10, 0.05);
        rig.pause(1.0);
        rig.run(10, 0.05);
        assertEquals(0, rig.fake.overwritten());
        assertEquals(0, rig.sink.gaps.size());
        assertConsecutive(rig, rig.sink.samples, 1);
        assertEquals(rig.fake.produced() - rig.fake.fifoSize(), rig.sink.samples.size());
        SensorHealth h = rig.source.health();
        assertEquals(rig.sink.samples.size(), h.samples());
        assertEquals(0, h.gaps());
        assertEquals(SourceState.RUNNING, h.state());
        assertNull(h.lastFault());
    }

    @ParameterizedTest
    @EnumSource(AccelerometerPart.class)
    void aTwoSecondPauseAt100HzOverflowsAndIsOneGapOfTheRightLength(AccelerometerPart part) {
        Rig rig = new Rig(config(part, 100), 0.0);
        rig.run(5, 0.05);
        int before = rig.sink.samples.size();
        rig.pause(2.0);
        rig.run(5, 0.05);
        assertTrue(rig.fake.overwritten() > 150, "the fake lost " + rig.fake.overwritten());
        assertEquals(1, rig.sink.gaps.size());
        RecordingSink.Gap gap = rig.sink.gaps.get(0);
        assertEquals(before, gap.beforeSample());
        long lastBefore = rig.index(rig.sink.samples.get(before - 1));
        long firstAfter = rig.index(rig.sink.samples.get(before));
        assertEquals(rig.fake.overwritten(), firstAfter - lastBefore - 1, "samples missing across the gap");
        double trueGapS = rig.fake.sampleHostS(firstAfter) - rig.fake.sampleHostS(lastBefore);
        assertEquals(trueGapS, gap.toS() - gap.fromS(), 0.02, "gap length");
        assertConsecutive(rig, rig.sink.samples.subList(0, before), 1);
        assertConsecutive(rig, rig.sink.samples.subList(before, rig.sink.samples.size()), firstAfter);
        SensorHealth h = rig.source.health();
        assertEquals(1, h.gaps());
        assertEquals(1, h.overflows());
        assertEquals(0, h.faults(), "an overflow needs no re-initialisation");
    }

    @Test
    void aTwoSecondPauseAt25HzAlsoOverflowsBecause32SamplesAre128Seconds() {
        Rig rig = new Rig(config(AccelerometerPart.ADXL345, 25), 0.0);
        rig.run(5, 0.05);
        rig.pause(2.0);
        rig.run(5, 0.05);
        assertEquals(1, rig.sink.gaps.size());
        assertTrue(rig.fake.overwritten() >= 18 && rig.fake.overwritten() <= 23, "lost " + rig.fake.overwritten());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AccelerometerPart.class)
    void driftingSensorClocksAreTrackedWithoutJumps(AccelerometerPart part) {
        for (double drift : new double[] {0.02, -0.02}) {
            Rig rig = new Rig(config(part, 100), drift);
            rig.run(1200, 0.05);
            List<RecordingSink.Sample> s = rig.sink.samples;
            assertConsecutive(rig, s, 1);
            double maxLate = 0;
            for (int i = 1; i < s.size(); i++) {
                double step = s.get(i).tS() - s.get(i - 1).tS();
                assertTrue(step > 0.0095 && step < 0.0105, "step " + step + " at sample " + i + ", drift " + drift);
                double trueS = rig.fake.sampleHostS(rig.index(s.get(i)));
                if (trueS - rig.fake.sampleHostS(1) > 600) {
                    maxLate = Math.max(maxLate, Math.abs(s.get(i).tS() - trueS));
                }
            }
            assertTrue(maxLate < 0.02, "after 10 min stamps are within " + maxLate + " s of acquisition, drift " + drift);
            assertEquals(drift, rig.source.health().rateError(), 0.001);
            assertEquals(0, rig.sink.gaps.size());
        }
    }

    /** One injected fault, how long it lasts, and what the source must call it. */
    enum Fault {
        ONE_FAILED_TRANSFER(FaultKind.IO_ERROR, 0, f -> f.failNextTransfers(1), f -> { }),
        VANISHED_FOR_3_S(FaultKind.IO_ERROR, 3, f -> f.setVanished(true), f -> f.setVanished(false)),
        REPLACED_ID_FOR_8_S(FaultKind.WRONG_ID, 8, f -> f.setIdOverride(0x00), f -> f.setIdOverride(-1)),
        FROZEN(FaultKind.FROZEN_DATA, 0, FakeAccelerometer::freeze, f -> { }),
        ALL_ZERO(FaultKind.ZERO_DATA, 0, FakeAccelerometer::zero, f -> { }),
        POWER_CYCLED(FaultKind.STALLED, 0, FakeAccelerometer::powerCycle, f -> { });

        final FaultKind kind;
        final double lastsS;
        final Consumer<FakeAccelerometer> start;
        final Consumer<FakeAccelerometer> end;

        Fault(FaultKind kind, double lastsS, Consumer<FakeAccelerometer> start, Consumer<FakeAccelerometer> end) {
            this.kind = kind;
            this.lastsS = lastsS;
            this.start = start;
            this.end = end;
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void eachFaultIsOneGapAndRecovers(Fault fault) {
        for (AccelerometerPart part : AccelerometerPart.values()) {
            Rig rig = new Rig(config(part, 50), 0.0);
            rig.run(10, 0.05);
            int before = rig.sink.samples.size();
            double faultAtS = rig.nanos.getAsLong() / 1e9;
            fault.start.accept(rig.fake);
            rig.run(fault.lastsS, 0.05);
            fault.end.accept(rig.fake);
            rig.run(60, 0.05);

            String what = part + " " + fault;
            assertEquals(1, rig.sink.gaps.size(), what + ": gaps");
            RecordingSink.Gap gap = rig.sink.gaps.get(0);
            SensorHealth h = rig.source.health();
            assertEquals(fault.kind, h.lastFault(), what);
            assertEquals(SourceState.RUNNING, h.state(), what);
            assertEquals(1, h.gaps(), what);
            assertTrue(h.reinitialisations() >= 1, what + ": reinitialisations " + h.reinitialisations());
            assertTrue(h.lastError().contains("left"), what + ": " + h.lastError());
            // The gap runs from around the fault to after it ended, and data flows for the rest.
            assertTrue(gap.fromS() <= faultAtS + 2.1 && gap.toS() >= faultAtS + fault.lastsS, what + ": " + gap);
            int after = rig.sink.samples.size() - gap.beforeSample();
            assertTrue(after > 50 * 50, what + ": only " + after + " samples after recovery");
            assertConsecutive(rig, rig.sink.samples.subList(0, before), 1);
            long firstAfter = rig.index(rig.sink.samples.get(gap.beforeSample()));
            assertConsecutive(rig, rig.sink.samples.subList(gap.beforeSample(), rig.sink.samples.size()), firstAfter);
            // Frozen or zero data never reaches the sink beyond the run's first sample.
            if (fault.kind == FaultKind.ZERO_DATA) {
                assertEquals(0, rig.sink.samples.stream().filter(s -> s.x() == 0 && s.y() == 0 && s.z() == 0).count());
            }
            if (fault.kind == FaultKind.FROZEN_DATA) {
                long lastGood = rig.index(rig.sink.samples.get(gap.beforeSample() - 1));
                assertTrue(gap.beforeSample() - before <= 12,
                        what + ": " + (gap.beforeSample() - before) + " samples delivered after the freeze, last " + lastGood);
            }
        }
    }

    @Test
    void aFreezeThatSurvivesReinitialisationIsStillOneGapAndDeliversNothingFrozen() {
        Rig rig = new Rig(config(AccelerometerPart.ADXL345, 50), 0.0);
        rig.run(10, 0.05);
        rig.fake.freezeForGood();
        rig.run(30, 0.05);
        SensorHealth during = rig.source.health();
        assertTrue(during.reinitialisations() >= 3, "re-initialised " + during.reinitialisations() + " times");
        assertEquals(FaultKind.FROZEN_DATA, during.lastFault());
        assertEquals(0, rig.sink.gaps.size(), "no gap closed while frozen");
        int deliveredWhileFrozen = rig.sink.samples.size();
        rig.fake.thaw();
        rig.run(30, 0.05);
        assertEquals(1, rig.sink.gaps.size());
        RecordingSink.Gap gap = rig.sink.gaps.get(0);
        assertEquals(deliveredWhileFrozen, gap.beforeSample());
        // At most the first sample of the frozen value got through (before anyone could know).
        RecordingSink.Sample frozen = rig.sink.samples.get(gap.beforeSample() - 1);
        long same = rig.sink.samples.stream()
                .filter(s -> s.x() == frozen.x() && s.y() == frozen.y() && s.z() == frozen.z()).count();
        assertTrue(same <= 2, same + " samples carry the frozen value");
    }

    @Test
    void aPersistentIoErrorBacksOffAndReportsOneGapWhenItClears() {
        Rig rig = new Rig(config(AccelerometerPart.LIS3DH, 50), 0.0);
        rig.run(5, 0.05);
        rig.fake.setVanished(true);
        long transactionsBefore = rig.fake.transactions();
        rig.run(120, 0.05);
        long attempts = rig.fake.transactions() - transactionsBefore;
        // 2 min at 20 polls/s would be 2400 transfers; backoff 0.5 s doubling to 30 s makes about 10.
        assertTrue(attempts >= 6 && attempts <= 14, "attempts while vanished: " + attempts);
        SensorHealth h = rig.source.health();
        assertEquals(SourceState.RECOVERING, h.state());
        assertEquals(0, h.gaps(), "a gap is reported when data returns, with its real end");
        assertTrue(h.lastError().contains("Remote I/O error"), h.lastError());
        rig.fake.setVanished(false);
        rig.run(31, 0.05);
        assertEquals(1, rig.sink.gaps.size());
        assertEquals(SourceState.RUNNING, rig.source.health().state());
        RecordingSink.Gap gap = rig.sink.gaps.get(0);
        assertTrue(gap.toS() - gap.fromS() > 120, "gap " + (gap.toS() - gap.fromS()) + " s");
    }

    @Test
    void aSensorAbsentAtStartReportsNoGapWhenItAppears() {
        Rig rig = new Rig(config(AccelerometerPart.ADXL345, 50), 0.0);
        rig.fake.setVanished(true);
        rig.run(5, 0.05);
        assertEquals(SourceState.STARTING, rig.source.health().state());
        assertTrue(rig.source.health().failedInits() >= 3);
        rig.fake.setVanished(false);
        rig.run(20, 0.05);
        assertEquals(0, rig.sink.gaps.size());
        assertEquals(SourceState.RUNNING, rig.source.health().state());
        assertEquals(0, rig.source.health().reinitialisations());
        assertConsecutive(rig, rig.sink.samples, 1);
    }

    @Test
    void leftAndRightOnOneBusShareTheTimeLineAndFailIndependently() {
        FakeNanos nanos = new FakeNanos();
        FakeI2cBus bus = new FakeI2cBus();
        Rig left = new Rig(I2cSensorConfig.builder(AccelerometerPart.ADXL345).name("left").address(0x53)
                .rateHz(50).rangeG(4).build(), 0.015, nanos, bus);
        Rig right = new Rig(I2cSensorConfig.builder(AccelerometerPart.ADXL345).name("right").address(0x1D)
                .rateHz(50).rangeG(4).build(), -0.01, nanos, bus);
        for (int i = 0; i < 600 * 20; i++) {
            nanos.advanceS(0.05);
            left.source.poll();
            right.source.poll();
            if (i == 400 * 20) {
                right.fake.setVanished(true);
            }
            if (i == 403 * 20) {
                right.fake.setVanished(false);
            }
        }
        assertEquals(0, left.sink.gaps.size());
        assertConsecutive(left, left.sink.samples, 1);
        assertEquals(1, right.sink.gaps.size());
        assertEquals("right", right.source.health().name());
        assertEquals(0x1D, right.source.health().address());
        // Same instant on both legs: their stamps for samples taken at the same host time agree.
        for (Rig rig : List.of(left, right)) {
            RecordingSink.Sample last = rig.sink.samples.get(rig.sink.samples.size() - 1);
            double trueS = rig.fake.sampleHostS(rig.index(last));
            assertEquals(trueS, last.tS(), 0.03, rig.source.health().name());
        }
    }
}
