package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.edf.EventLabels;
import org.plmmonitor.analysis.edf.ImportedNight;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.report.CsvReport;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;

/**
 * {@code plm score}: scores leg movements imported from a CSV, an EDF+ scoring or a RemLogic event
 * export by the selected standard ({@link ImportedNight}) and writes the night report (JSON,
 * optionally a movement CSV).
 */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = PlmCommand.Version.class,
        description = {
                "Score leg movements from a file (CSV onset_s,offset_s[,leg], EDF+ annotations or a RemLogic event "
                        + "export) by WASM 2016 (default) or AASM, and write the night report as JSON (stdout unless "
                        + "--json/--csv). Same-leg events that overlap or are < 0.5 s apart are joined first.",
                "EDF+ labels by default: leg movement 'LM', 'Limb Movement', 'Leg Movement', optionally with "
                        + "L/R/left/right (e.g. 'Limb movement (left)', 'LM R'); respiratory 'Apnea', "
                        + "'Obstructive/Central/Mixed Apnea', 'Hypopnea'; arousal 'Arousal', 'EEG Arousal'; sleep "
                        + "'Sleep stage N1/N2/N3/R' (or 1-4, R), wake 'Sleep stage W', unscored 'Sleep stage ?' and "
                        + "'Movement time' (neither sleep nor wake); RemLogic types PLM-LM, APNEA*, HYPOPNEA*, AROUSAL*, "
                        + "SLEEP-S0..S4/REM. Case-insensitive; override with the --*-label options (Java regular "
                        + "expressions matching the whole label). A stage label is never taken as an event."})
public final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENTS", description = "leg movements: CSV onset_s,offset_s[,leg], EDF+ or RemLogic export")
    Path events;

    @Option(names = "--standard", paramLabel = "wasm2016|aasm", defaultValue = "wasm2016",
            description = "scoring rules (default: ${DEFAULT-VALUE})")
    String standard;

    @Option(names = "--duration", paramLabel = "S",
            description = "recorded seconds (time in bed from 0); default: the EDF+ header, else unknown (rates null)")
    Double durationS;

    @Option(names = "--sleep", paramLabel = "FILE", description = "sleep periods: CSV onset_s,offset_s (wake: the rest), or the stages of an EDF+ or RemLogic hypnogram")
    Path sleep;

    @Option(names = "--respiratory", paramLabel = "FILE", description = "apneas/hypopneas: CSV onset_s,offset_s, EDF+ or RemLogic export")
    Path respiratory;

    @Option(names = "--arousals", paramLabel = "FILE", description = "arousals: CSV onset_s,offset_s, EDF+ or RemLogic export")
    Path arousals;

    @Option(names = "--json", paramLabel = "OUT", description = "write the JSON report here")
    Path json;

    @Option(names = "--csv", paramLabel = "OUT", description = "write one CSV row per movement here")
    Path csv;

    @Option(names = "--lm-label", paramLabel = "REGEX", description = "leg-movement label (EDF+ text or RemLogic event type)")
    String lmLabel;

    @Option(names = "--respiratory-label", paramLabel = "REGEX", description = "respiratory-event label (EDF+ text or RemLogic event type)")
    String respiratoryLabel;

    @Option(names = "--arousal-label", paramLabel = "REGEX", description = "arousal label (EDF+ text or RemLogic event type)")
    String arousalLabel;

    @Option(names = "--sleep-label", paramLabel = "REGEX", description = "sleep-stage label (EDF+ text or RemLogic event type)")
    String sleepLabel;

    @Option(names = "--wake-label", paramLabel = "REGEX", description = "wake-stage label (EDF+ text or RemLogic event type)")
    String wakeLabel;

    @Option(names = "--unscored-label", paramLabel = "REGEX",
            description = "label of epochs scored neither sleep nor wake (default 'Sleep stage ?', 'Movement time', "
                    + "SLEEP-UNSCORED, SLEEP-MT)")
    String unscoredLabel;

    @Override
    public Integer call() throws InputException, IOException {
        ScoringStandard std = parseStandard();
        EventLabels labels = labels();
        if (durationS != null && !(durationS > 0 && Double.isFinite(durationS))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration " + durationS + " must be a positive number of seconds");
        }
        // Before anything is read: --json e.csv used to score e.csv and then write the report over it.
        List<Path> inputs = Arrays.asList(events, sleep, respiratory, arousals);
        OutputFiles.refuseInputs("--json", json, inputs);
        OutputFiles.refuseInputs("--csv", csv, inputs);
        ImportedNight night = ImportedNight.score(
                new ImportedNight.Request(events, durationS, sleep, respiratory, arousals, std, labels));
        ScoringResult result = night.result();
        NightMetrics metrics = night.metrics();
        Provenance prov = new Provenance(SoftwareVersion.get(), null, Map.of(), std,
                List.of(new SensorInfo(events.getFileName().toString(), null, SensorInfo.IMPORTED_EVENTS, null)),
                null, null, night.inputs());

        if (json == null && csv == null) {
            PrintWriter out = spec.commandLine().getOut();
            JsonReport.write(out, result, metrics, prov);
            out.flush();
        }
        if (json != null) {
            OutputFiles.write("--json", json, os -> {
                try (Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                    JsonReport.write(w, result, metrics, prov);
                }
            });
        }
        if (csv != null) {
            OutputFiles.write("--csv", csv, os -> {
                try (Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                    CsvReport.writeMovements(w, result);
                }
            });
        }
        return 0;
    }

    private ScoringStandard parseStandard() {
        try {
            return ScoringStandard.parse(standard);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--standard: " + e.getMessage(), e, null, standard);
        }
    }

    private EventLabels labels() {
        EventLabels l = EventLabels.defaults();
        l = label(l, "--lm-label", EventLabels.Kind.LEG_MOVEMENT, lmLabel);
        l = label(l, "--respiratory-label", EventLabels.Kind.RESPIRATORY, respiratoryLabel);
        l = label(l, "--arousal-label", EventLabels.Kind.AROUSAL, arousalLabel);
        l = label(l, "--sleep-label", EventLabels.Kind.SLEEP, sleepLabel);
        l = label(l, "--wake-label", EventLabels.Kind.WAKE, wakeLabel);
        return label(l, "--unscored-label", EventLabels.Kind.UNSCORED, unscoredLabel);
    }

    private EventLabels label(EventLabels l, String option, EventLabels.Kind kind, String regex) {
        if (regex == null) {
            return l;
        }
        try {
            return l.with(kind, regex);
        } catch (IllegalArgumentException e) {
            String why = e.getCause() instanceof PatternSyntaxException p
                    ? p.getDescription() + " near index " + p.getIndex() : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + regex
                    + "' is not a valid Java regular expression: " + why, e, spec.findOption(option), regex);
        }
    }
}
