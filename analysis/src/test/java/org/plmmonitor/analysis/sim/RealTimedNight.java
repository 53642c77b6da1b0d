package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.edf.EventLabels;
import org.plmmonitor.analysis.edf.ImportedNight;
import org.plmmonitor.analysis.edf.RemLogicExport;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.SameLegMerge;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One real PSG event export (RemLogic text) rendered as an ankle-accelerometer night and run through
 * the detector and scorer ({@link NightScore#run}), with what {@code plm score} makes of the same
 * export: the movements' timing (onsets, intervals, durations, legs) is a sleep technologist's; their
 * shape is the generator's kinematic model. Shared by RealTimedNightTest and RealTimedNightsBench so
 * both compute a night's figures the same way.
 *
 * <p>In order: the export's leg-movement events ({@code PLM-LM}; every other event, arousals scored on
 * the tibialis channel ({@code AROUSAL-LM}) included, is not rendered); same-leg events that overlap
 * or lie under 0.5 s apart joined as {@code plm score} joins them ({@link SameLegMerge}: BC1's left leg
 * is scored on two derivations); those outside the hypnogram's span, and those of no length (RZ0010
 * has 105 zero-length {@code PLM-LM} events: marks, not movements; to the scorer anything under 0.5 s
 * is not an LM and changes nothing), dropped; the rest rendered on a
 * two-leg night as long as that span, every movement visible (invisible share 0: the question is what
 * the detector does with movements it could see), no distractors.
 *
 * @param export        the file's name
 * @param lmEvents      leg-movement events in the export
 * @param otherEvents   events of any other kind (stages, respiratory events, arousals, desaturations)
 * @param joined        leg movements after joining same-leg overlaps
 * @param outside       of those, how many lie outside [0, recordedS] and were not rendered
 * @param zeroLength    of those, how many last 0 s and were not rendered
 * @param recordedS     the hypnogram's span, s (the night's length and the time in bed)
 * @param plmScorePerH  PLM/h of {@code plm score} on the export alone (WASM 2016, no hypnogram, no
 *                      respiratory events: all recorded time counted), /h
 * @param score         the rendered night as detected and scored
 */
public record RealTimedNight(String export, int lmEvents, int otherEvents, int joined, int outside, int zeroLength,
                             double recordedS,
                             double plmScorePerH, NightScore score) {

    /** The four exports of the real PSG folder's {@code events/}. */
    public static final List<String> EXPORTS = List.of("BC1-Events.txt", "G20877_V1N2 AidRLS-Events.txt",
            "MJ1-Events.txt", "RZ0010_V1N2 RestEaze-Events.txt");

    /**
     * A spread no family has and no tuning loop reads, to see whether figures on real timing hold for
     * another shape: brisker and larger (2-20 degrees in 0.2-1.2 s), fewer feet settling, more dips and
     * vibration, a stronger tremor, a longer shank. Reported apart; never assert on it in a test.
     */
    public static final Kinematics HELD_OUT = new Kinematics(2, 20, 0.2, 1.2, 0.4, 2, 0, 0.3, 0, 0.5, 0.02, 0.35, 0.55);

    /**
     * @param file     a RemLogic event export
     * @param rateHz   sensor rate, Hz, 25 to 100
     * @param k        how movements are shaped
     * @param seed     the night's seed (shapes, sizes, mounting, noise)
     * @return the night's figures
     * @throws InputException when the export cannot be read
     */
    public static RealTimedNight run(Path file, double rateHz, Kinematics k, long seed) throws InputException {
        EventLabels labels = EventLabels.defaults();
        RemLogicExport x = RemLogicExport.read(file, labels);
        List<LegMovement> lms = x.legMovements(labels);
        List<LegMovement> joined = SameLegMerge.merge(lms);
        List<LegMovement> inside = new ArrayList<>();
        int outside = 0;
        int zero = 0;
        for (LegMovement m : joined) {
            if (m.onsetS() < 0 || m.offsetS() > x.recordedS()) {
                outside++;
            } else if (m.durationS() <= 0) {
                zero++;
            } else {
                inside.add(m);
            }
        }
        double plmScore = rate(ImportedNight.score(new ImportedNight.Request(file, null, null, null, null,
                ScoringStandard.WASM2016, labels)).metrics().analysable().plmPerH());
        NightSpec spec = NightSpec.builder().seed(seed).durationS(x.recordedS()).rateHz(rateHz).bilateral(true)
                .invisibleFraction(0).distractors(false).noiseDensity(250e-6).lsbG(0.0039)
                .movementModel(MovementModel.KINEMATIC).kinematics(k).build();
        NightScore s = NightScore.run(SyntheticNight.render(spec, inside), DetectorConfig.DEFAULT);
        return new RealTimedNight(file.getFileName().toString(), lms.size(), x.rows().size() - lms.size(),
                joined.size(), outside, zero, x.recordedS(), plmScore, s);
    }

    private static double rate(Double perH) {
        return perH == null ? 0 : perH;
    }

    /** @return F1 on one leg, or NaN when the leg has no truth and no detection */
    public double f1(Leg leg) {
        Evaluation.Agreement a = score.byLeg().get(leg);
        return a.tp() + a.fp() + a.fn() == 0 ? Double.NaN : a.f1();
    }

    /** @return median detected-minus-true onset of the matched movements, s (NaN when none matched) */
    public double onsetMedianS() {
        return median(score.matches().stream().mapToDouble(Evaluation.Match::onsetErrorS).toArray());
    }

    /** @return median detected-minus-true offset of the matched movements, s (NaN when none matched) */
    public double offsetMedianS() {
        return median(score.matches().stream().mapToDouble(Evaluation.Match::offsetErrorS).toArray());
    }

    /**
     * @return truth movements no detection matched that last under 0.5 s: rendered (they are real EMG
     *         events) but not LMs to the scorer, so missing them costs F1 and no PLM
     */
    public int missedUnderHalfSecond() {
        int n = 0;
        for (TruthEvent t : score.truth()) {
            boolean matched = score.matches().stream().anyMatch(m -> m.truth().equals(t));
            n += !matched && t.offsetS() - t.onsetS() < 0.5 ? 1 : 0;
        }
        return n;
    }

    /** @return measured minus truth PLM/h (detection and scoring's loss), /h */
    public double plmErrorPerH() {
        return score.measuredPlmPerH() - score.truthPlmPerH();
    }

    /** @return one line: where rendering, detection and scoring each lose on this night */
    public String line() {
        Evaluation.Structure st = score.structure();
        return String.format(Locale.ROOT, "%-32s %3.0f Hz  LM %3d->%3d joined (%d outside, %d of 0 s; %d other events)  "
                        + "F1 L %s R %s all %.3f merged %.3f (fp %d fn %d, %d of them < 0.5 s)  onset %+.2f offset %+.2f s  long cut %d/%d  "
                        + "PLM/h plm score %.2f truth %.2f measured %.2f",
                export, score.spec().rateHz(), lmEvents, joined, outside, zeroLength, otherEvents,
                fmt(f1(Leg.LEFT)), fmt(f1(Leg.RIGHT)), score.f1(), score.merged().f1(), score.agreement().fp(),
                score.agreement().fn(), missedUnderHalfSecond(), onsetMedianS(), offsetMedianS(),
                st.longSplit(), st.longMovements(), plmScorePerH, score.truthPlmPerH(), score.measuredPlmPerH());
    }

    private static String fmt(double f1) {
        return Double.isNaN(f1) ? "  -  " : String.format(Locale.ROOT, "%.3f", f1);
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
