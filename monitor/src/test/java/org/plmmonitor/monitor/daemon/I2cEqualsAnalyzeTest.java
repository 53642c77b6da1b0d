package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.bridge.i2c.AccelerometerPart;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two I2C accelerometers' night through the daemon (the real {@code I2cSensorSource} and {@code Adxl345}
 * driver on a {@link ReplayingAdxl345Bus} playing a seeded two-ankle night) gives the same whole report as
 * {@code plm analyze} fed the samples the daemon's feeds delivered.
 *
 * <p>How the stamps are made identical: they are taken, not recomputed. The driver stamps each FIFO
 * drain on the daemon's monotonic clock (its {@code SampleClock}, which follows the host's time of each
 * read), and quantises each axis to the part's 1/256 g; the daemon's legs are opened by its own
 * {@link ConfiguredFeeds} behind a {@link FeedRecording}, which keeps every block a feed hands to its route,
 * and {@code plm analyze} reads those samples written in the shortest decimals that read back to the same
 * doubles. The recording is pinned to the parts independently: each leg's values are the counts its part
 * handed the driver, in order, times 1/256 g. To play 10 minutes in 75 s, the injected monotonic clock
 * runs 8 times faster than real time, and the wall clock follows it (so the line never seems to jump). The
 * line is leashed to the parts: it stops one sample short of where a part's 32-sample FIFO would be full
 * until the processing thread reads it, so a loaded machine's stall pauses the night rather than overwriting
 * samples (at 8x on the unleashed line a 160 ms stall did, and the comparison then failed on samples that
 * never came). Short of full, not at full: the driver takes a FIFO read full as a loss, drops the repeats
 * it held and reports a gap, which broke a series in the daemon's night that {@code plm analyze} kept (23
 * candidates against 24 once at load 6; "sample held back though it is no repeat" at load 4).
 */
class I2cEqualsAnalyzeTest {
    private static final double SPEED = 8;
    private static final int RATE_HZ = 25;
    private static final int LEFT = 0x53;
    private static final int RIGHT = 0x1D;

    @TempDir
    Path dir;

    @Test
    void twoI2cSensorsNightEqualsAnalyzeOnWhatTheirFeedsDelivered() throws Exception {
        NightSpec spec = NightSpec.builder().seed(4).durationS(600).rateHz(RATE_HZ).bilateral(true).plmPerHour(120).build();
        SyntheticNight synthetic = SyntheticNight.generate(spec);
        ReplayingAdxl345Bus bus = new ReplayingAdxl345Bus(SPEED, Map.of(LEFT, synthetic.source(Leg.LEFT),
                RIGHT, synthetic.source(Leg.RIGHT)));
        LongSupplier nanos = bus.line();
        Instant base = Instant.now();
        Clock wall = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return base.plusNanos(nanos.getAsLong());
            }
        };
        Path db = dir.resolve("data/plm.db");
        java.time.LocalTime now = base.atZone(ZoneOffset.UTC).toLocalTime();
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.I2c(AccelerometerPart.ADXL345, 1, LEFT, RATE_HZ, 4))
                .sensor(Leg.RIGHT, new SensorConfig.I2c(AccelerometerPart.ADXL345, 1, RIGHT, RATE_HZ, 4))
                .night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                .store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        // Polled every 5 ms of real time (40 ms on the line): the 32-sample FIFO holds 1.28 s at 25 Hz.
        DaemonOptions opt = DaemonOptions.builder().statusInterval(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).build();
        FeedRecording rec = new FeedRecording();
        MonitorDaemon d = new MonitorDaemon(cfg, opt, wall, nanos, t -> true,
                rec.around(new ConfiguredFeeds(cfg, opt, n -> {
                    assertEquals(1, n, "the configured bus");
                    return bus;
                }, nanos)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        ClosedNight night;
        try {
            Future<List<ClosedNight>> run = pool.submit(d::run);
            // The parts are read on the processing thread, which hands what it read to the night in the same
            // step; stop() closes the night after that step. The bound only keeps a broken run from hanging.
            assertTrue(bus.readOut().await(180, TimeUnit.SECONDS), "both parts read to their end: " + rec.counts());
            d.stop();
            List<ClosedNight> nights = run.get(60, TimeUnit.SECONDS);
            assertEquals(1, nights.size(), "the night opened and closed on stop");
            night = nights.get(0);
        } finally {
            pool.shutdownNow();
        }

        for (int address : List.of(LEFT, RIGHT)) {
            Leg leg = address == LEFT ? Leg.LEFT : Leg.RIGHT;
            ReplayingAdxl345Bus.Part part = bus.part(address);
            assertTrue(part.readOut(), leg + " part read to its end");
            List<short[]> counts = part.handedOut();
            List<double[]> got = rec.samples(leg);
            assertEquals(0, part.overflows(), leg + ": the leashed line lets no FIFO overflow");
            assertEquals(0, rec.lost(leg), leg + ": the driver saw no loss (it takes a FIFO read full as one)");
            assertTrue(counts.size() > 0.95 * 600 * RATE_HZ, leg + " samples read: " + counts.size());
            // The driver holds repeats of a sample back until a different one proves the sensor alive: the
            // night's last samples, when they repeat the one before, never come.
            int held = counts.size() - got.size();
            assertTrue(held >= 0 && held < 2 * RATE_HZ, leg + ": " + got.size() + " of " + counts.size() + " samples read reached the feed's sink");
            for (int k = got.size(); k < counts.size(); k++) {
                assertTrue(Arrays.equals(counts.get(got.size() - 1), counts.get(k)),
                        leg + ": sample " + k + " was held back though it is no repeat of the last delivered one");
            }
            for (int k = 0; k < got.size(); k++) {
                for (int a = 0; a < 3; a++) {
                    assertEquals(counts.get(k)[a] / 256.0, got.get(k)[1 + a], leg + " axis " + a + " of sample " + k);
                }
                assertTrue(k == 0 || got.get(k)[0] > got.get(k - 1)[0], leg + " stamps increase at " + k);
            }
        }
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            assertEquals(3L * (rec.samples(Leg.LEFT).size() + rec.samples(Leg.RIGHT).size()),
                    store.rawFootprint(night.nightId()).counts(), "the night held every sample the feeds delivered");
        }

        SameReport.assertDaemonEqualsAnalyze(rec, night, dir, 15);
    }
}
