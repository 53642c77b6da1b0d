package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.pipeline.VersionedDetector;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.PressureRenderer;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's night with the cuff as a second sensor: telemetry frames stamped by the controller's uptime
 * (wrapping, arriving with a link delay) go through {@link CuffPressureFeed} into the open night's pipeline
 * beside an ankle; what is stored carries each movement's source, and equals what the same pipeline finds
 * offline in the same samples.
 */
class CuffPressureSessionTest {
    private static final VersionedDetector DETECTOR = new VersionedDetector(DetectorConfig.VERSION, DetectorConfig.DEFAULT);

    @TempDir
    Path dir;

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-07-01T22:00:00Z");
    /** The controller's uptime at the night's line time 0: it wraps (2^32 ms) 20 minutes into the night. */
    private static final long UPTIME_AT_0_MS = (1L << 32) - 1_200_000;
    private static final double LINK_DELAY_S = 0.004;

    @Test
    void theCuffsMovementsAreStoredWithTheirSourceAndAsTheOfflinePipelineFindsThem() {
        SyntheticNight sim = SyntheticNight.generate(NightSpec.builder().seed(5).durationS(3600).rateHz(25)
                .plmPerHour(40).build());
        PressureRenderer cuff = new PressureRenderer(sim, Leg.LEFT, PressureRenderer.TELEMETRY_HZ);
        try (LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.defaults(), WALL)) {
            WallClockMapper mapper = new WallClockMapper();
            mapper.observe(0, START, true);
            NightSession s = new NightSession("2026-07-01", mapper.toUtcMs(0), Map.of(Leg.LEFT, 25.0),
                    Map.of(Leg.LEFT, "simulator seed 5"), Map.of(Leg.LEFT, "/dev/plm-cuff"), DETECTOR, ScoringStandard.WASM2016,
                    ZoneOffset.UTC, mapper, store, null);
            CuffPressureFeed feed = new CuffPressureFeed();
            List<double[]> delivered = new ArrayList<>();
            SampleSource ankle = sim.source(Leg.LEFT);
            SampleSource pressure = cuff.source();
            double[] a = new double[4];
            double[] p = new double[4];
            boolean hasP = pressure.next(p);
            long n = 0;
            while (ankle.next(a)) {
                // The frames that have arrived by this ankle sample, as the reader thread adds them.
                while (hasP && p[0] + LINK_DELAY_S <= a[0]) {
                    long uptime = (UPTIME_AT_0_MS + Math.round(p[0] * 1000)) % (1L << 32);
                    feed.add(uptime, Math.round((p[0] + LINK_DELAY_S) * 1e9), p[1]);
                    hasP = pressure.next(p);
                }
                s.sink(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
                if (++n % 25 == 0) {
                    feed.drainTo((t, mmHg) -> {
                        delivered.add(new double[] {t, mmHg});
                        s.pressureSink().accept(t, mmHg);
                    });
                    s.tick();
                }
            }
            ClosedNight closed = s.close(mapper.toUtcMs(3600), dir.resolve("nights"));
            store.flush();

            // The line time of each frame: its uptime unwrapped, on the host's line, within the link delay.
            for (int i = 1; i < delivered.size(); i++) {
                assertTrue(delivered.get(i)[0] > delivered.get(i - 1)[0], "increasing across the uptime's wrap at " + i);
            }
            assertEquals(0.1 * (delivered.size() - 1), delivered.get(delivered.size() - 1)[0] - delivered.get(0)[0], 0.01);

            List<StoredMovement> stored = store.movements("2026-07-01");
            Map<MovementSource, Long> bySource = stored.stream()
                    .collect(Collectors.groupingBy(StoredMovement::source, Collectors.counting()));
            assertTrue(bySource.getOrDefault(MovementSource.CUFF_PRESSURE, 0L) > 0, "cuff alone: " + bySource);
            assertTrue(bySource.getOrDefault(MovementSource.ACCELEROMETER_AND_CUFF, 0L) > 0, "both: " + bySource);
            assertTrue(bySource.getOrDefault(MovementSource.ACCELEROMETER, 0L) > 0, "ankle alone: " + bySource);
            assertTrue(stored.stream().filter(m -> m.source() == MovementSource.CUFF_PRESSURE)
                    .allMatch(m -> Double.isNaN(m.peakG())), "no mmHg in a g column");

            // The report is built from the same movements, and says what each modality could see.
            assertEquals(stored.size(), closed.analysis().result().movements().size());
            Map<MovementSource, Double> analysable = closed.analysis().analysableBySourceS();
            assertTrue(analysable.get(MovementSource.CUFF_PRESSURE) > 0
                    && analysable.get(MovementSource.CUFF_PRESSURE) < analysable.get(MovementSource.ACCELEROMETER),
                    "the cuff sees only its holds: " + analysable);
            String json = readReport(closed.report());
            assertTrue(json.contains("\"analysable_by_source\":{\"accelerometer\":"), json.substring(0, 300));
            assertTrue(json.contains("\"kind\":\"cuff-pressure\""));

            // One code path: the same samples offline through the pipeline give the same movements. The
            // session analyses each sample as its raw recorder stores it, on the 1/4096 g grid, and so does this.
            NightPipeline offline = new NightPipeline(Map.of(Leg.LEFT, 25.0), Map.of(Leg.LEFT, 10.0), DETECTOR,
                    ScoringStandard.WASM2016, Double.POSITIVE_INFINITY, NightPipeline.NONE);
            offline.feed(Leg.LEFT, onStoreGrid(sim.source(Leg.LEFT)));
            offline.endLeg(Leg.LEFT);
            delivered.forEach(d -> offline.pressureSink(Leg.LEFT).accept(d[0], d[1]));
            offline.finish();
            Set<String> live = closed.analysis().result().movements().stream().map(CuffPressureSessionTest::key)
                    .collect(Collectors.toSet());
            Set<String> off = offline.result().movements().stream().map(CuffPressureSessionTest::key).collect(Collectors.toSet());
            assertEquals(off, live);
        }
    }

    /** @return {@code source} with every acceleration rounded to the store's grid ({@link AccelerationGrid}) */
    private static SampleSource onStoreGrid(SampleSource source) {
        return new SampleSource() {
            @Override
            public double rateHz() {
                return source.rateHz();
            }

            @Override
            public boolean next(double[] txyz) {
                if (!source.next(txyz)) {
                    return false;
                }
                for (int a = 1; a <= 3; a++) {
                    txyz[a] = AccelerationGrid.onGrid(txyz[a]);
                }
                return true;
            }
        };
    }

    @Test
    void framesAreKeptForTheNightUpToABoundAndForgottenOutsideOne() {
        CuffPressureFeed feed = new CuffPressureFeed();
        for (int i = 0; i < CuffPressureFeed.MAX_QUEUED + 5; i++) {
            feed.add(1000L + 100L * i, 1_000_000_000L + 100_000_000L * i, 20);
        }
        assertEquals(5, feed.dropped());
        List<Double> times = new ArrayList<>();
        assertEquals(CuffPressureFeed.MAX_QUEUED, feed.drainTo((t, mmHg) -> times.add(t)));
        assertEquals(1.0 + 0.1 * 5, times.get(0), 1e-6, "the oldest went first; the line starts at the host's first arrival");
        feed.add(1000L + 100L * (CuffPressureFeed.MAX_QUEUED + 5), 0, 20);
        assertEquals(1, feed.drainTo(null));
        assertEquals(0, feed.drainTo((t, mmHg) -> times.add(t)));
    }

    private static String key(ScoredMovement m) {
        return m.movement().leg() + "@" + Math.round(m.onsetS() * 1000) + "/" + Math.round(m.movement().offsetS() * 1000)
                + " " + m.movement().source() + " #" + m.seriesId();
    }

    private static String readReport(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError("report " + p + " unreadable", e);
        }
    }
}
