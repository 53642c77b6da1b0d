package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.io.AccelFiles;
import org.plmmonitor.analysis.pipeline.NightAnalysis;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.ScoringStandard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code plm analyze}: detect and score leg movements in one or two acceleration CSV files and/or a
 * compression cuff's pressure CSV, as one night.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Detect leg movements in ankle acceleration and/or cuff pressure and score periodic limb movements.",
                "FILE is a CSV with header t,x,y,z (t in s from any origin, x/y/z in g); "
                        + "or give one file per ankle with --left and --right (same time origin).",
                "--pressure FILE is a cuff's CSV with header t,pressure_mmhg (same time origin): movements are seen "
                        + "only while the cuff holds pressure, and each movement names its source."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "One ankle's t,x,y,z CSV (scored as the left leg).")
    Path file;
    @Option(names = "--left", paramLabel = "FILE", description = "Left ankle's t,x,y,z CSV.")
    Path left;
    @Option(names = "--right", paramLabel = "FILE", description = "Right ankle's t,x,y,z CSV.")
    Path right;
    @Option(names = "--pressure", paramLabel = "FILE",
            description = "A calf cuff's t,pressure_mmhg CSV (t in s, pressure in mmHg), alone or with acceleration.")
    Path pressure;
    @Option(names = "--pressure-leg", paramLabel = "left|right", defaultValue = "left",
            description = "The leg wearing the cuff (default ${DEFAULT-VALUE}).")
    String pressureLeg;
    @Option(names = "--standard", paramLabel = "wasm2016|aasm", defaultValue = "wasm2016",
            description = "Scoring rules (default ${DEFAULT-VALUE}).")
    String standard;
    @Option(names = "--json", paramLabel = "OUT",
            description = "Write the full result as JSON (- for standard output; the default when no --json/--csv/--summary).")
    Path json;
    @Option(names = "--csv", paramLabel = "OUT", description = "Write one row per movement as CSV.")
    Path csv;
    @Option(names = "--summary", description = "Print a readable summary: what was measured, per hour of what, the caveat.")
    boolean summary;

    @Override
    public Integer call() throws Exception {
        List<AccelFiles.LegFile> files = new ArrayList<>();
        if (file != null && (left != null || right != null)) {
            throw new ParameterException(spec.commandLine(), "give FILE or --left/--right, not both");
        }
        if (file != null) {
            files.add(new AccelFiles.LegFile(Leg.LEFT, file, file.toString()));
        }
        if (left != null) {
            files.add(new AccelFiles.LegFile(Leg.LEFT, left, left.toString()));
        }
        if (right != null) {
            files.add(new AccelFiles.LegFile(Leg.RIGHT, right, right.toString()));
        }
        List<AccelFiles.LegFile> cuffs = new ArrayList<>();
        if (pressure != null) {
            Leg cuffLeg = switch (pressureLeg) {
                case "left" -> Leg.LEFT;
                case "right" -> Leg.RIGHT;
                default -> throw new ParameterException(spec.commandLine(),
                        "--pressure-leg: '" + pressureLeg + "' is not a leg: expected left or right");
            };
            cuffs.add(new AccelFiles.LegFile(cuffLeg, pressure, pressure.toString()));
        }
        if (files.isEmpty() && cuffs.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "missing input: give FILE, or --left FILE and/or --right FILE, and/or --pressure FILE");
        }
        ScoringStandard std;
        try {
            std = ScoringStandard.parse(standard);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--standard: " + e.getMessage());
        }
        List<Path> inputs = new ArrayList<>(files.stream().map(AccelFiles.LegFile::path).toList());
        cuffs.forEach(c -> inputs.add(c.path()));
        OutputFiles.refuseInputs("--json", json, inputs);
        OutputFiles.refuseInputs("--csv", csv, inputs);
        AccelFiles.Result r = AccelFiles.analyze(files, cuffs, DetectorConfig.DEFAULT, std, NightPipeline.NONE);
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        files.forEach(f -> names.put(f.leg(), f.name()));
        Map<Leg, String> cuffNames = new EnumMap<>(Leg.class);
        cuffs.forEach(f -> cuffNames.put(f.leg(), f.name()));
        NightAnalysis night = r.night().analysis(names, cuffNames, null);
        Outputs.write(night, json, csv, summary, spec.commandLine().getOut());
        return 0;
    }
}
