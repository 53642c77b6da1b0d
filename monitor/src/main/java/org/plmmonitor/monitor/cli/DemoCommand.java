package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.analysis.detect.AccelerometerDetector;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.detect.NightDetection;
import org.plmmonitor.analysis.pipeline.NightAnalysis;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code plm demo}: a seeded simulated night through the same stages as {@code plm analyze}, checked against its truth. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a night (seeded, two ankles, with distractors), analyse it through the same stages "
                + "as 'plm analyze', print the summary and how it compares with the simulation's truth.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--hours", defaultValue = "8", description = "Length in hours (default ${DEFAULT-VALUE}).")
    double hours;
    @Option(names = "--plm-per-hour", defaultValue = "25", description = "Target periodic movements per hour (default ${DEFAULT-VALUE}).")
    double plmPerHour;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NightSpec ns = NightSpec.builder().seed(seed).durationS(hours * 3600).rateHz(50).bilateral(true)
                .plmPerHour(plmPerHour).build();
        SyntheticNight night = SyntheticNight.generate(ns);
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        for (Leg l : night.legs()) {
            rates.put(l, ns.rateHz());
            names.put(l, "simulator seed " + seed + " " + l.jsonName());
        }
        long t0 = System.nanoTime();
        NightDetection nd = new NightDetection(rates, DetectorConfig.DEFAULT, null);
        double[] s = new double[4];
        long samples = 0;
        for (Leg l : night.legs()) {
            SampleSource src = night.source(l);
            AccelerometerDetector d = nd.detector(l);
            while (src.next(s)) {
                d.accept(s[0], s[1], s[2], s[3]);
                samples++;
            }
        }
        nd.finish();
        NightAnalysis a = NightAnalysis.of(nd, rates, names, ScoringStandard.WASM2016, DetectorConfig.DEFAULT, null);
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "Simulated night: seed %d, %.1f h, two ankles at %.0f Hz, %d samples (generated and analysed in %.1f s)%n",
                seed, hours, ns.rateHz(), samples, secs);
        out.print(a.summaryText());
        for (Leg l : night.legs()) {
            Evaluation.Agreement ag = Evaluation.compare(nd.movements(), night.legMovements(l, true), l);
            out.printf(Locale.ROOT, "%s ankle vs the movements the simulated sensor could see: %s%n", l.jsonName(), ag);
        }
        out.flush();
        return 0;
    }
}
