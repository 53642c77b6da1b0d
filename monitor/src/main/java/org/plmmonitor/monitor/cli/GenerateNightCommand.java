package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.io.AccelCsvWriter;
import org.plmmonitor.analysis.io.CsvLayout;
import org.plmmonitor.analysis.sim.PressureRenderer;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.analysis.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code plm generate-night}: writes a seeded synthetic night as CSV files with its truth. */
@Command(name = "generate-night", mixinStandardHelpOptions = true,
        description = "Write a seeded synthetic night: left.csv (and right.csv) as t,x,y,z, and truth.csv; "
                + "with --pressure also pressure.csv (t,pressure_mmhg) from a cuff on the left calf.")
public final class GenerateNightCommand implements Callable<Integer> {
    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;
    @Option(names = "--hours", description = "Length in hours, 0.02-48 (default ${DEFAULT-VALUE}).", defaultValue = "8")
    double hours;
    @Option(names = "--rate", description = "Sample rate in Hz, 25-100 (default ${DEFAULT-VALUE}).", defaultValue = "100")
    double rate;
    @Option(names = "--bilateral", description = "Two ankles: also write right.csv.")
    boolean bilateral;
    @Option(names = "--plm-per-hour", description = "Target periodic movements per hour, 0-120 (default ${DEFAULT-VALUE}).", defaultValue = "25")
    double plmPerHour;
    @Option(names = "--no-distractors", description = "Leave out posture changes, vibration, tremor, gaps and the rest.")
    boolean noDistractors;
    @Option(names = "--pressure", description = "Also write pressure.csv: a calf cuff on the left leg at 10 Hz "
            + "(inflation cycles, holds with leaks and top-ups, respiration and pulse ripple, drift, the night's leg movements).")
    boolean pressure;
    @Option(names = "--out", required = true, description = "Directory to write into (created if missing).")
    Path out;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws IOException, InputException {
        // Checked here, in the options' own words: the spec's builder would name its internal fields.
        OptionRanges.check(cmd, "--hours", hours, 0.02, 48);
        OptionRanges.check(cmd, "--rate", rate, 25, 100);
        OptionRanges.check(cmd, "--plm-per-hour", plmPerHour, 0, 120);
        OutputFiles.checkDirectory("--out", out);
        NightSpec spec = NightSpec.builder().seed(seed).durationS(hours * 3600).rateHz(rate).bilateral(bilateral)
                .plmPerHour(plmPerHour).distractors(!noDistractors).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw OutputFiles.failure("--out", out, e);
        }
        for (Leg leg : night.legs()) {
            Path f = out.resolve(leg.jsonName() + ".csv");
            long[] n = new long[1];
            OutputFiles.write("--out", f, os -> {
                try (OutputStream b = new BufferedOutputStream(os, 1 << 16)) {
                    n[0] = new AccelCsvWriter(b).writeAll(night.source(leg));
                }
            });
            System.out.printf(Locale.ROOT, "%s: %d samples%n", f, n[0]);
        }
        if (pressure) {
            Path f = out.resolve("pressure.csv");
            PressureRenderer cuff = new PressureRenderer(night, Leg.LEFT, PressureRenderer.TELEMETRY_HZ);
            long[] n = new long[1];
            OutputFiles.write("--out", f, os -> {
                try (OutputStream b = new BufferedOutputStream(os, 1 << 16)) {
                    n[0] = new AccelCsvWriter(b, CsvLayout.PRESSURE).writeAll(cuff.source());
                }
            });
            System.out.printf(Locale.ROOT, "%s: %d samples, %d holds%n", f, n[0], cuff.holds().size());
        }
        OutputFiles.write("--out", out.resolve("truth.csv"), os -> writeTruth(night, os));
        System.out.printf(Locale.ROOT, "%s: %d events; in bed %.0f s of %.0f s%n", out.resolve("truth.csv"),
                night.truth().size(), night.inBedS(), spec.durationS());
        return 0;
    }

    /** Truth as CSV: onset_s,offset_s,leg,kind,visible,peak_g. */
    static void writeTruth(SyntheticNight night, OutputStream os) throws IOException {
        // A Writer, not a PrintWriter: a PrintWriter would swallow a full disk.
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8))) {
            w.write("onset_s,offset_s,leg,kind,visible,peak_g\n");
            for (TruthEvent e : night.truth()) {
                w.write(String.format(Locale.ROOT, "%.3f,%.3f,%s,%s,%s,%.4f%n", e.onsetS(), e.offsetS(), e.leg().jsonName(),
                        e.kind().name().toLowerCase(Locale.ROOT), e.visible(), e.peakG()));
            }
        }
    }
}
