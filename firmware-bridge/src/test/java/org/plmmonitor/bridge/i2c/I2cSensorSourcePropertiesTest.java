package org.plmmonitor.bridge.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the bus and the poller do, no sample is lost silently: between two reported gaps the
 * delivered samples are exactly consecutive, time only moves forward in steps of about one period, every
 * gap marks a real discontinuity, and once the bus is healthy the source recovers.
 */
class I2cSensorSourcePropertiesTest {

    /** One stretch of a night: polls at some period, then something happens. */
    record Step(double pollS, int polls, double pauseS, Injection injection) {
    }

    /** What the bus or the part does after a stretch of polls. */
    enum Injection {
        NOTHING, ONE_FAILED_TRANSFER, FIVE_FAILED_TRANSFERS, POWER_CYCLE, FREEZE, ZEROS, VANISH, REAPPEAR,
        WRONG_ID, RIGHT_ID;

        void apply(FakeAccelerometer f) {
            switch (this) {
                case ONE_FAILED_TRANSFER: f.failNextTransfers(1); break;
                case FIVE_FAILED_TRANSFERS: f.failNextTransfers(5); break;
                case POWER_CYCLE: f.powerCycle(); break;
                case FREEZE: f.freeze(); break;
                case ZEROS: f.zero(); break;
                case VANISH: f.setVanished(true); break;
                case REAPPEAR: f.setVanished(false); break;
                case WRONG_ID: f.setIdOverride(0x00); break;
                case RIGHT_ID: f.setIdOverride(-1); break;
                default: break;
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> nights() {
        return steps().list().ofMinSize(1).ofMaxSize(25);
    }

    private static Arbitrary<Step> steps() {
        return Combinators.combine(
                Arbitraries.doubles().between(0.01, 0.15),
                Arbitraries.integers().between(1, 200),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0.0)),
                        Tuple.of(3, Arbitraries.doubles().between(0.0, 3.0))),
                Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(Injection.NOTHING)),
                        Tuple.of(4, Arbitraries.of(Injection.class))))
                .as(Step::new);
    }

    @Property(tries = 200, seed = "20240611")
    void noSilentLoss(@ForAll("nights") List<Step> night,
                      @ForAll @DoubleRange(min = -0.04, max = 0.04) double drift,
                      @ForAll @IntRange(min = 0, max = 5) int setting) {
        AccelerometerPart part = setting % 2 == 0 ? AccelerometerPart.ADXL345 : AccelerometerPart.LIS3DH;
        int rate = new int[] {25, 50, 100}[setting % 3];
        Rig rig = new Rig(I2cSensorConfig.builder(part).name("left").rateHz(rate).build(), drift);
        for (Step step : night) {
            for (int i = 0; i < step.polls(); i++) {
                rig.nanos.advanceS(step.pollS());
                rig.source.poll();
            }
            rig.pause(step.pauseS());
            step.injection().apply(rig.fake);
        }
        // Whatever happened, once the bus is healthy again the source is back within the longest backoff.
        rig.fake.setVanished(false);
        rig.fake.setIdOverride(-1);
        rig.fake.failNextTransfers(0);
        rig.run(70, 0.05);
        int before = rig.sink.samples.size();
        rig.run(5, 0.05);
        assertEquals(SourceState.RUNNING, rig.source.health().state());
        assertTrue(rig.sink.samples.size() - before >= 4 * rate, "data flows again");

        List<RecordingSink.Sample> s = rig.sink.samples; // the sink itself asserts strictly increasing time
        int g = 0;
        for (int i = 1; i < s.size(); i++) {
            boolean gapHere = g < rig.sink.gaps.size() && rig.sink.gaps.get(g).beforeSample() == i;
            long prev = rig.index(s.get(i - 1));
            long cur = rig.index(s.get(i));
            if (gapHere) {
                if (prev + 1 == cur) {
                    // Only a FIFO found exactly full may give a gap without a loss (no register says).
                    assertTrue(rig.source.health().overflows() > 0, "a gap without a loss at " + i);
                }
                g++;
            } else {
                assertEquals(prev + 1, cur, "sample(s) lost without a gap at " + i);
                double step = s.get(i).tS() - s.get(i - 1).tS();
                assertTrue(step > 0.9 / rate && step < 1.1 / rate, "step " + step + " s at " + i);
            }
        }
        assertEquals(rig.sink.gaps.size(), g, "every gap sits between two delivered samples");
        SensorHealth h = rig.source.health();
        assertEquals(s.size(), h.samples());
        assertEquals(rig.sink.gaps.size(), h.gaps());
    }
}
