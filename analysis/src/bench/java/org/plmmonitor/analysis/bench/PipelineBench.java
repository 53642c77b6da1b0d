package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH: the in-memory detection pipeline on one core, fed one hour of a seeded 100 Hz night held in
 * arrays (so parsing and generation are not measured). Score = samples per second.
 * Run: {@code mvn -q -Pbench -pl analysis test -Dtest=PipelineBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Tag("bench")
public class PipelineBench {
    static final int N = 360_000;
    double[] t;
    double[] x;
    double[] y;
    double[] z;

    @Setup
    public void load() {
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(7).rateHz(100).durationS(3600).build());
        t = new double[N];
        x = new double[N];
        y = new double[N];
        z = new double[N];
        SampleSource src = night.source(Leg.LEFT);
        double[] s = new double[4];
        for (int i = 0; i < N && src.next(s); i++) {
            t[i] = s[0];
            x[i] = s[1];
            y[i] = s[2];
            z[i] = s[3];
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int detectOneHour() {
        NightPipeline nd = new NightPipeline(Map.of(Leg.LEFT, 100.0), DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, NightPipeline.NONE);
        var d = nd.sink(Leg.LEFT);
        for (int i = 0; i < N; i++) {
            d.accept(t[i], x[i], y[i], z[i]);
        }
        nd.finish();
        return nd.result().movements().size();
    }

    @Test
    void jmh() throws Exception {
        new Runner(new OptionsBuilder().include(PipelineBench.class.getName() + ".detectOneHour").build()).run();
    }
}
