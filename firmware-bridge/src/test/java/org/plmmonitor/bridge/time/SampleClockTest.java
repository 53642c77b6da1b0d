package org.plmmonitor.bridge.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleClockTest {

    /** A sensor whose oscillator runs at nominal x (1 + drift), read every ~pollS with jitter. */
    private static final class Run {
        final double rate;
        final double drift;
        final Random rnd = new Random(42);
        long hostNanos = 1_000_000_000_000L; // arbitrary origin, as System.nanoTime has
        final long startNanos = hostNanos;
        long produced;
        final SampleClock clock;
        double prevT = Double.NaN;
        double prevStep = Double.NaN;
        double maxStepChange;
        double minStep = Double.MAX_VALUE;
        double maxStep;
        double maxAbsOffsetAfterSettle;
        int issued;

        Run(double rate, double drift) {
            this.rate = rate;
            this.drift = drift;
            this.clock = SampleClock.builder(rate, () -> hostNanos).build();
        }

        /** Sensor time of sample k (1-based): produced at k / (rate x (1+drift)) after start. */
        double sampleHostS(long k) {
            return startNanos / 1e9 + k / (rate * (1 + drift));
        }

        void runFor(double seconds, double pollS, double settleS) {
            long end = hostNanos + (long) (seconds * 1e9);
            while (hostNanos < end) {
                hostNanos += (long) ((pollS * (0.5 + rnd.nextDouble())) * 1e9);
                long nowProduced = (long) Math.floor((hostNanos - startNanos) / 1e9 * rate * (1 + drift));
                int n = (int) (nowProduced - produced);
                if (n == 0) {
                    continue;
                }
                double[] t = clock.stamp(n);
                for (int i = 0; i < n; i++) {
                    long k = produced + i + 1;
                    if (!Double.isNaN(prevT)) {
                        double step = t[i] - prevT;
                        assertTrue(step > 0, "stamps must strictly increase, at sample " + k);
                        minStep = Math.min(minStep, step);
                        maxStep = Math.max(maxStep, step);
                        if (!Double.isNaN(prevStep)) {
                            maxStepChange = Math.max(maxStepChange, Math.abs(step - prevStep));
                        }
                        prevStep = step;
                    }
                    prevT = t[i];
                    double trueS = sampleHostS(k);
                    if (trueS - startNanos / 1e9 > settleS) {
                        maxAbsOffsetAfterSettle = Math.max(maxAbsOffsetAfterSettle, Math.abs(t[i] - trueS));
                    }
                    issued++;
                }
                produced = nowProduced;
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz, drift {1}")
    @CsvSource({"100, 0.0", "100, 0.02", "100, -0.02", "25, 0.02", "25, -0.02", "50, 0.035"})
    void tracksADriftingSensorWithoutJumpsOrDuplicates(double rate, double drift) {
        Run run = new Run(rate, drift);
        run.runFor(3600, 0.1, 900);
        double nominal = 1 / rate;
        // A jump would show as a step far from one period; the only step change is the one-off rate estimate.
        assertTrue(run.minStep > nominal * 0.95 && run.maxStep < nominal * 1.05,
                "steps " + run.minStep + ".." + run.maxStep + " s for nominal " + nominal);
        assertTrue(run.maxStepChange < nominal * (Math.abs(drift) + 0.01),
                "consecutive steps changed by " + run.maxStepChange + " s");
        assertEquals(drift, run.clock.rateError(), 0.002, "measured rate error");
        // After settling, stamps stay within a period or so of the true acquisition times.
        assertTrue(run.maxAbsOffsetAfterSettle < 0.03, "offset after settling " + run.maxAbsOffsetAfterSettle + " s");
        assertEquals((long) run.issued, run.produced);
    }

    @Test
    void slewIsBoundedWhenTheHostDisagrees() {
        long[] host = {0};
        SampleClock clock = SampleClock.builder(100, () -> host[0]).maxSlewPpm(500).build();
        host[0] = 1_000_000_000L;
        clock.stamp(10);
        // Host runs 2 s ahead of what the samples say (e.g. samples lost without the reader knowing):
        // the line must not jump; each step is the period estimate stretched by at most 500 ppm.
        double last = clock.lastS();
        for (int i = 0; i < 100; i++) {
            host[0] += 100_000_000L + (i == 0 ? 2_000_000_000L : 0);
            double[] t = clock.stamp(10);
            double period = clock.periodS();
            for (double ti : t) {
                double stretch = (ti - last) / period - 1;
                assertTrue(Math.abs(stretch) <= 500e-6 + 1e-9, "stretch " + stretch + " exceeds the 500 ppm bound");
                assertTrue(ti - last < 0.01 * 1.1 * (1 + 500e-6) + 1e-12, "step " + (ti - last) + " is a jump");
                last = ti;
            }
        }
        assertTrue(clock.offsetS() > 0.5, "the offset is being slewed away, not stepped: " + clock.offsetS());
    }

    @Test
    void restartAfterGapReanchorsToTheHostAndNeverGoesBack() {
        long[] host = {5_000_000_000L};
        SampleClock clock = SampleClock.builder(50, () -> host[0]).build();
        double[] first = clock.stamp(5);
        assertEquals(5.0 - 0.01 - 4 * 0.02, first[0], 1e-9);
        assertEquals(5.0 - 0.01, first[4], 1e-9);
        // Sensor off for 7.3 s; 3 new samples found afterwards.
        host[0] += 7_300_000_000L;
        double before = clock.lastS();
        double[] after = clock.stampAfterGap(3);
        assertEquals(12.3 - 0.01, after[2], 1e-9);
        assertEquals(7.3 - 2 * 0.02, after[0] - before, 1e-9, "the gap length is the host's");
        // A restart observed no later than the last stamp still moves forward.
        double[] again = clock.stampAfterGap(4, 0L);
        assertTrue(again[0] > after[2]);
        for (int i = 1; i < 4; i++) {
            assertTrue(again[i] > again[i - 1]);
        }
    }

    @Test
    void builderNamesTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleClock.builder(100, System::nanoTime).maxSlewPpm(0).build());
        assertTrue(e.getMessage().contains("0.0 ppm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleClock.builder(0, System::nanoTime).build());
        assertThrows(IllegalArgumentException.class, () -> SampleClock.builder(10, System::nanoTime).build().stamp(0));
    }
}
