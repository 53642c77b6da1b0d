package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.edf.EdfAnnotations;
import org.plmmonitor.analysis.edf.EdfEvents;
import org.plmmonitor.analysis.edf.EventCsv;
import org.plmmonitor.analysis.edf.EventLabels;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.report.CsvReport;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code plm score}: scores leg movements imported from a CSV or an EDF+ scoring by the selected
 * standard and writes the night report (JSON, optionally a movement CSV).
 */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = PlmCommand.Version.class,
        description = {
                "Score leg movements from a file (CSV onset_s,offset_s[,leg] or EDF+ annotations) by WASM 2016 "
                        + "(default) or AASM, and write the night report as JSON (stdout unless --json/--csv).",
                "EDF+ labels by default: leg movement 'LM', 'Limb Movement', 'Leg Movement', optionally with "
                        + "L/R/left/right (e.g. 'Limb movement (left)', 'LM R'); respiratory 'Apnea', "
                        + "'Obstructive/Central/Mixed Apnea', 'Hypopnea'; arousal 'Arousal', 'EEG Arousal'; sleep "
                        + "'Sleep stage N1/N2/N3/R' (or 1-4, R), wake 'Sleep stage W'. Case-insensitive; override "
                        + "with the --*-label options (Java regular expressions matching the whole label)."})
public final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENTS", description = "leg movements: CSV onset_s,offset_s[,leg] or EDF+")
    Path events;

    @Option(names = "--standard", paramLabel = "wasm2016|aasm", defaultValue = "wasm2016",
            description = "scoring rules (default: ${DEFAULT-VALUE})")
    String standard;

    @Option(names = "--duration", paramLabel = "S",
            description = "recorded seconds (time in bed from 0); default: the EDF+ header, else unknown (rates null)")
    Double durationS;

    @Option(names = "--sleep", paramLabel = "FILE", description = "sleep periods: CSV onset_s,offset_s or EDF+ stages")
    Path sleep;

    @Option(names = "--respiratory", paramLabel = "FILE", description = "apneas/hypopneas: CSV onset_s,offset_s or EDF+")
    Path respiratory;

    @Option(names = "--arousals", paramLabel = "FILE", description = "arousals: CSV onset_s,offset_s or EDF+")
    Path arousals;

    @Option(names = "--json", paramLabel = "OUT", description = "write the JSON report here")
    Path json;

    @Option(names = "--csv", paramLabel = "OUT", description = "write one CSV row per movement here")
    Path csv;

    @Option(names = "--lm-label", paramLabel = "REGEX", description = "EDF+ leg-movement label")
    String lmLabel;

    @Option(names = "--respiratory-label", paramLabel = "REGEX", description = "EDF+ respiratory-event label")
    String respiratoryLabel;

    @Option(names = "--arousal-label", paramLabel = "REGEX", description = "EDF+ arousal label")
    String arousalLabel;

    @Option(names = "--sleep-label", paramLabel = "REGEX", description = "EDF+ sleep-stage label")
    String sleepLabel;

    @Option(names = "--wake-label", paramLabel = "REGEX", description = "EDF+ wake-stage label")
    String wakeLabel;

    @Override
    public Integer call() throws InputException, IOException {
        ScoringStandard std = parseStandard();
        EventLabels labels = labels();
        if (durationS != null && !(durationS > 0 && Double.isFinite(durationS))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration " + durationS + " must be a positive number of seconds");
        }
        List<String> inputs = new ArrayList<>();
        inputs.add(events.toString());

        List<LegMovement> movements;
        double recordedS = durationS != null ? durationS : Double.NaN;
        if (isEdf(events)) {
            EdfAnnotations f = EdfAnnotations.read(events);
            movements = EdfEvents.legMovements(f, labels, events.toString());
            if (durationS == null && f.recordedS() > 0) {
                recordedS = f.recordedS();
            }
        } else {
            movements = EventCsv.readMovements(events);
        }
        List<TimeInterval> resp = respiratory == null ? null : intervals(respiratory, labels, EventLabels.Kind.RESPIRATORY, inputs);
        List<TimeInterval> aro = arousals == null ? null : intervals(arousals, labels, EventLabels.Kind.AROUSAL, inputs);
        List<TimeInterval> sl = null;
        if (sleep != null) {
            inputs.add(sleep.toString());
            sl = isEdf(sleep) ? EdfEvents.sleep(EdfAnnotations.read(sleep), labels) : EventCsv.readIntervals(sleep);
        }

        ScoringResult result = PlmScorer.scoreAll(movements, std, new ScoringContext(resp, aro));
        List<TimeInterval> analysable = Double.isNaN(recordedS) ? null : List.of(new TimeInterval(0, recordedS));
        NightMetrics metrics = NightMetrics.compute(result, recordedS, analysable, sl);
        Provenance prov = new Provenance(SoftwareVersion.get(), null, Map.of(), std,
                List.of(new SensorInfo(events.getFileName().toString(), null, SensorInfo.IMPORTED_EVENTS, null)),
                null, null, inputs);

        if (json == null && csv == null) {
            PrintWriter out = spec.commandLine().getOut();
            JsonReport.write(out, result, metrics, prov);
            out.flush();
        }
        if (json != null) {
            try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                JsonReport.write(w, result, metrics, prov);
            }
        }
        if (csv != null) {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                CsvReport.writeMovements(w, result);
            }
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
        try {
            l = lmLabel == null ? l : l.with(EventLabels.Kind.LEG_MOVEMENT, lmLabel);
            l = respiratoryLabel == null ? l : l.with(EventLabels.Kind.RESPIRATORY, respiratoryLabel);
            l = arousalLabel == null ? l : l.with(EventLabels.Kind.AROUSAL, arousalLabel);
            l = sleepLabel == null ? l : l.with(EventLabels.Kind.SLEEP, sleepLabel);
            l = wakeLabel == null ? l : l.with(EventLabels.Kind.WAKE, wakeLabel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        return l;
    }

    private static List<TimeInterval> intervals(Path file, EventLabels labels, EventLabels.Kind kind, List<String> inputs)
            throws InputException {
        inputs.add(file.toString());
        return isEdf(file)
                ? EdfEvents.intervals(EdfAnnotations.read(file), labels, kind, file.toString())
                : EventCsv.readIntervals(file);
    }

    /** EDF by content (the version field "0" padded to 8 characters) or by a .edf extension. */
    static boolean isEdf(Path file) throws InputException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edf")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return EdfAnnotations.looksLikeEdf(in.readNBytes(8));
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the file: " + e.getMessage(), e);
        }
    }
}
