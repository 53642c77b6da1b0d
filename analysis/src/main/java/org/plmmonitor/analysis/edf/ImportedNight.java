package org.plmmonitor.analysis.edf;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.SameLegMerge;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A night scored from imported PSG events (what {@code plm score} reports): leg movements from an
 * event CSV, an EDF+ scoring or a RemLogic export; optional sleep, respiratory events and arousals
 * from files of any of those formats (the same file may serve for all). In order: read; join
 * same-leg events that overlap or are less than 0.5 s apart ({@link SameLegMerge}); score; compute
 * the metrics over [0, recorded) with sleep, and with staged wake when a hypnogram gave it.
 *
 * @param result  the scoring
 * @param metrics its metrics
 * @param inputs  the files read, as named, in the order read
 */
public record ImportedNight(ScoringResult result, NightMetrics metrics, List<String> inputs) {

    public ImportedNight {
        inputs = List.copyOf(inputs);
    }

    /** What an input file is. */
    public enum Format {
        /** Event CSV ({@link EventCsv}). */
        CSV,
        /** EDF or EDF+ ({@link EdfAnnotations}). */
        EDF,
        /** RemLogic event export, text ({@link RemLogicExport}). */
        REMLOGIC
    }

    /**
     * What to score.
     *
     * @param events      leg movements (any format)
     * @param durationS   recorded seconds from 0, &gt; 0; null to take the EDF+ header's or the RemLogic
     *                    hypnogram's span (unknown for a CSV: rates null)
     * @param sleep       sleep: a CSV of sleep periods (wake is then the rest) or a hypnogram (EDF+,
     *                    RemLogic: staged sleep and staged wake; unscored epochs are neither); null for none
     * @param respiratory apneas/hypopneas, any format; null for none
     * @param arousals    arousals, any format; null for none
     * @param standard    the rules
     * @param labels      which annotation texts mean what
     */
    public record Request(Path events, Double durationS, Path sleep, Path respiratory, Path arousals,
                          ScoringStandard standard, EventLabels labels) {
        public Request {
            if (events == null || standard == null || labels == null) {
                throw new IllegalArgumentException("an import needs an events file, a standard and labels");
            }
            if (durationS != null && !(durationS > 0 && Double.isFinite(durationS))) {
                throw new IllegalArgumentException("duration " + durationS + " s must be a positive number of seconds");
            }
        }
    }

    /**
     * @param q what to score
     * @return the scored night
     * @throws InputException naming the file, line (or byte) and what was expected
     */
    public static ImportedNight score(Request q) throws InputException {
        EventLabels labels = q.labels();
        List<String> inputs = new ArrayList<>();
        inputs.add(q.events().toString());
        List<LegMovement> movements;
        double fileS = Double.NaN;
        switch (formatOf(q.events())) {
            case EDF -> {
                EdfAnnotations f = annotated(q.events());
                movements = EdfEvents.legMovements(f, labels, q.events().toString());
                fileS = f.recordedS();
            }
            case REMLOGIC -> {
                RemLogicExport x = RemLogicExport.read(q.events(), labels);
                movements = x.legMovements(labels);
                fileS = x.recordedS();
            }
            default -> movements = EventCsv.readMovements(q.events());
        }
        double recordedS = q.durationS() != null ? q.durationS() : fileS > 0 ? fileS : Double.NaN;
        if (q.durationS() != null) {
            for (LegMovement m : movements) {
                if (m.onsetS() >= q.durationS()) {
                    // Outside the recorded time no rate can count it: the duration or the file is wrong.
                    throw new InputException(q.events().toString(), 0, String.format(Locale.ROOT,
                            "a movement at %.3f-%.3f s starts past --duration %.3f s: give the recording's whole "
                                    + "length, or the events of this recording", m.onsetS(), m.offsetS(), q.durationS()));
                }
            }
        }
        // A leg scored on two derivations, or split where the EMG dips, is one movement (WASM's offset rule).
        movements = SameLegMerge.merge(movements);
        List<TimeInterval> resp = q.respiratory() == null ? null
                : intervals(q.respiratory(), labels, EventLabels.Kind.RESPIRATORY, inputs);
        List<TimeInterval> aro = q.arousals() == null ? null
                : intervals(q.arousals(), labels, EventLabels.Kind.AROUSAL, inputs);
        List<TimeInterval> sl = null;
        List<TimeInterval> wk = null; // null: wake is the time outside sleep (a CSV of sleep periods)
        if (q.sleep() != null) {
            inputs.add(q.sleep().toString());
            switch (formatOf(q.sleep())) {
                case EDF -> {
                    EdfAnnotations f = annotated(q.sleep());
                    sl = EdfEvents.sleep(f, labels);
                    wk = EdfEvents.wake(f, labels);
                }
                case REMLOGIC -> {
                    RemLogicExport x = RemLogicExport.read(q.sleep(), labels);
                    sl = x.intervals(labels, EventLabels.Kind.SLEEP);
                    wk = x.intervals(labels, EventLabels.Kind.WAKE);
                }
                default -> sl = EventCsv.readIntervals(q.sleep());
            }
        }
        ScoringResult result = PlmScorer.scoreAll(movements, q.standard(), new ScoringContext(resp, aro));
        List<TimeInterval> analysable = Double.isNaN(recordedS) ? null : List.of(new TimeInterval(0, recordedS));
        NightMetrics metrics = NightMetrics.compute(result, recordedS, analysable, sl, wk);
        return new ImportedNight(result, metrics, inputs);
    }

    /**
     * @param file an EDF or EDF+ file
     * @return its annotations
     * @throws InputException naming the file when it is a plain EDF (no "EDF Annotations" signal): it holds a
     *                        recording, not scored events, and would otherwise score as a night without any
     */
    private static EdfAnnotations annotated(Path file) throws InputException {
        EdfAnnotations f = EdfAnnotations.read(file);
        if (!f.labels().contains(EdfAnnotations.ANNOTATION_LABEL)) {
            throw new InputException(file.toString(), 0, "a plain EDF file without an '" + EdfAnnotations.ANNOTATION_LABEL
                    + "' signal holds no scored events: expected EDF+ with annotations (e.g. a scorer's export)");
        }
        return f;
    }

    private static List<TimeInterval> intervals(Path file, EventLabels labels, EventLabels.Kind kind, List<String> inputs)
            throws InputException {
        inputs.add(file.toString());
        return switch (formatOf(file)) {
            case EDF -> EdfEvents.intervals(annotated(file), labels, kind, file.toString());
            case REMLOGIC -> RemLogicExport.read(file, labels).intervals(labels, kind);
            case CSV -> EventCsv.readIntervals(file);
        };
    }

    /**
     * @param file an input file
     * @return EDF by content (the version field "0" padded to 8 characters) or by a .edf extension; a
     *         RemLogic export by its first line; anything else is read as CSV
     * @throws InputException when the file cannot be read
     */
    public static Format formatOf(Path file) throws InputException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edf")) {
            return Format.EDF;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(32);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the file: " + IoErrors.reason(e), e);
        }
        if (EdfAnnotations.looksLikeEdf(head)) {
            return Format.EDF;
        }
        return RemLogicExport.looksLikeRemLogic(head) ? Format.REMLOGIC : Format.CSV;
    }
}
