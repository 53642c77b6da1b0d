package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;

/**
 * The in-memory pipeline over a whole seeded 8-h 100 Hz night held in arrays (on the store's grid, as
 * {@code plm analyze} feeds it), timed by this thread's CPU time: on a machine shared with other builds
 * the wall clock and JMH's scores swing by a factor of two, the CPU a thread spent far less. Prints
 * every run and the best. Run: {@code mvn -q -Pbench -pl analysis test -Dtest=PipelineCpuBench [-Druns=12]}.
 */
@Tag("bench")
class PipelineCpuBench {
    @Test
    void eightHoursAt100Hz() {
        int runs = Integer.getInteger("runs", 12);
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(3).rateHz(100).durationS(8 * 3600).build());
        int cap = 8 * 3600 * 100 + 10;
        double[] t = new double[cap];
        double[] x = new double[cap];
        double[] y = new double[cap];
        double[] z = new double[cap];
        int n = 0;
        SampleSource src = night.source(Leg.LEFT);
        double[] s = new double[4];
        while (n < cap && src.next(s)) {
            t[n] = s[0];
            x[n] = AccelerationGrid.onGrid(s[1]);
            y[n] = AccelerationGrid.onGrid(s[2]);
            z[n] = AccelerationGrid.onGrid(s[3]);
            n++;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < runs; r++) {
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            NightPipeline p = new NightPipeline(Map.of(Leg.LEFT, 100.0), DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                    Double.POSITIVE_INFINITY, NightPipeline.NONE);
            AccelerationSink sink = p.sink(Leg.LEFT);
            for (int i = 0; i < n; i++) {
                sink.accept(t[i], x[i], y[i], z[i]);
                if ((i & 1023) == 0) {
                    p.tick();
                }
            }
            p.finish();
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            best = Math.min(best, cpu);
            System.out.printf(Locale.ROOT, "run %2d: %d movements, %.3f s CPU (%.1f M samples/s), %.3f s wall%n",
                    r + 1, p.result().movements().size(), cpu, n / cpu / 1e6, wall);
        }
        System.out.printf(Locale.ROOT, "PipelineCpuBench: %d samples, best %.3f s CPU = %.1f M samples/s on one core (load %s)%n",
                n, best, n / best / 1e6, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
