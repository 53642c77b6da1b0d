package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector scored on one synthetic night against what the sensor can see (the visible truth):
 * the one place the accuracy tests and the families benchmark compute a night's figures, so they
 * cannot drift apart. PLM per hour is scored by the same WASM 2016 rules on the truth (over the true
 * time in bed) and on the detections (over the analysable time the pipeline found).
 *
 * @param spec            the night's settings
 * @param byLeg           one-to-one agreement per leg ({@link Evaluation#compare})
 * @param merged          agreement of the movements as scored with both legs merged (the bilateral
 *                        rule: one-leg movements on the two legs that overlap or lie under 0.5 s apart
 *                        are one), detections against truth merged by the same rule, legs ignored
 * @param truthPlmPerH    PLM per hour in bed of the truth, /h (>= 0)
 * @param measuredPlmPerH PLM per hour of analysable time of the detections, /h (>= 0)
 * @param matches         matched pairs, all legs
 * @param truth           the visible truth leg movements, all legs
 * @param structure       merged, split and long movements cut into candidates, summed over the legs
 */
public record NightScore(NightSpec spec, Map<Leg, Evaluation.Agreement> byLeg, Evaluation.Agreement merged,
                         double truthPlmPerH, double measuredPlmPerH, List<Evaluation.Match> matches,
                         List<TruthEvent> truth, Evaluation.Structure structure) {

    /** From this PLM rate on, the error is judged in %; below, in /h. */
    public static final double PERCENT_FROM_PER_H = 10;

    public NightScore {
        byLeg = Map.copyOf(byLeg);
        matches = List.copyOf(matches);
        truth = List.copyOf(truth);
    }

    /**
     * Runs the detector and scorer on a generated night, as {@code plm analyze} would, and scores the
     * result.
     *
     * @param night the generated night
     * @param cfg   detector parameters
     */
    public static NightScore run(SyntheticNight night, DetectorConfig cfg) {
        List<LegMovement> detected = new ArrayList<>();
        NightPipeline pipeline = analyse(night, cfg, new NightPipeline.Listener() {
            @Override
            public void onMovement(LegMovement m) {
                detected.add(m);
            }
        });
        return of(night, detected, pipeline.recordedS(), pipeline.analysable());
    }

    /**
     * Runs the detector and scorer on a generated night, offline (WASM 2016, every leg at the night's
     * rate), as {@code plm analyze} would: the one way the scores and the diagnostic benches analyse it.
     *
     * @param night    the generated night
     * @param cfg      detector parameters
     * @param listener receives what the pipeline finds
     * @return the finished pipeline (its recorded and analysable time)
     */
    public static NightPipeline analyse(SyntheticNight night, DetectorConfig cfg, NightPipeline.Listener listener) {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        night.legs().forEach(l -> rates.put(l, night.spec().rateHz()));
        NightPipeline pipeline = new NightPipeline(rates, cfg, ScoringStandard.WASM2016, Double.POSITIVE_INFINITY, listener);
        for (Leg l : night.legs()) {
            pipeline.feed(l, night.source(l));
        }
        pipeline.finish();
        return pipeline;
    }

    /**
     * @param night      the generated night (its visible truth is the reference)
     * @param detected   one-leg detections, any legs
     * @param recordedS  recorded time the detections come from, s
     * @param analysable analysable time the pipeline found, s on the night's line
     */
    public static NightScore of(SyntheticNight night, List<LegMovement> detected, double recordedS,
                                List<TimeInterval> analysable) {
        Map<Leg, Evaluation.Agreement> byLeg = new EnumMap<>(Leg.class);
        List<Evaluation.Match> matches = new ArrayList<>();
        List<TruthEvent> truth = new ArrayList<>();
        Evaluation.Structure structure = new Evaluation.Structure(0, 0, 0, 0, 0);
        List<LegMovement> truthMoves = new ArrayList<>();
        for (Leg l : night.legs()) {
            List<TruthEvent> t = night.legMovements(l, true);
            byLeg.put(l, Evaluation.compare(detected, t, l));
            matches.addAll(Evaluation.matches(detected, t, l));
            structure = structure.plus(Evaluation.structure(detected, t, l));
            truth.addAll(t);
            for (TruthEvent e : t) {
                truthMoves.add(new LegMovement(e.onsetS(), e.offsetS(), l, e.peakG(), Double.NaN));
            }
        }
        double durationS = night.spec().durationS();
        List<TimeInterval> truthBed = Intervals.complement(night.notInBed(), 0, durationS);
        var truthScored = PlmScorer.scoreAll(truthMoves, ScoringStandard.WASM2016, ScoringContext.NONE);
        var detScored = PlmScorer.scoreAll(detected, ScoringStandard.WASM2016, ScoringContext.NONE);
        Evaluation.Agreement merged = Evaluation.compare(asOne(detScored.movements()), asOneTruth(truthScored.movements()),
                Leg.BILATERAL);
        return new NightScore(night.spec(), byLeg, merged, plmPerHour(truthScored, durationS, truthBed),
                plmPerHour(detScored, recordedS, analysable), matches, truth, structure);
    }

    /** @return agreement summed over the legs */
    public Evaluation.Agreement agreement() {
        Evaluation.Agreement a = new Evaluation.Agreement(0, 0, 0);
        for (Evaluation.Agreement x : byLeg.values()) {
            a = a.plus(x);
        }
        return a;
    }

    /** @return the night's LM F1 over its legs (0-1) */
    public double f1() {
        return agreement().f1();
    }

    /** @return the PLM/h error in % of the truth, or null below {@link #PERCENT_FROM_PER_H} */
    public Double plmErrorPct() {
        return truthPlmPerH >= PERCENT_FROM_PER_H ? 100 * (measuredPlmPerH - truthPlmPerH) / truthPlmPerH : null;
    }

    /** @return the PLM/h error in /h, or null from {@link #PERCENT_FROM_PER_H} on */
    public Double plmErrorPerH() {
        return truthPlmPerH >= PERCENT_FROM_PER_H ? null : measuredPlmPerH - truthPlmPerH;
    }

    /** The movements as scored, bilateral groups as one and their members left out, all on one leg. */
    private static List<LegMovement> asOne(List<ScoredMovement> scored) {
        List<LegMovement> out = new ArrayList<>();
        for (ScoredMovement s : scored) {
            if (!s.flags().contains(ScoredMovement.Flag.MERGED)) {
                LegMovement m = s.movement();
                out.add(new LegMovement(m.onsetS(), m.offsetS(), Leg.BILATERAL, m.peak(), m.rms(), m.source()));
            }
        }
        return out;
    }

    private static List<TruthEvent> asOneTruth(List<ScoredMovement> scored) {
        List<TruthEvent> out = new ArrayList<>();
        for (LegMovement m : asOne(scored)) {
            out.add(new TruthEvent(m.onsetS(), m.offsetS(), Leg.BILATERAL, TruthEvent.Kind.PERIODIC_LM, true, m.peak()));
        }
        return out;
    }

    private static double plmPerHour(org.plmmonitor.analysis.score.ScoringResult r, double recordedS,
                                     List<TimeInterval> bed) {
        Double rate = NightMetrics.compute(r, recordedS, bed, null).analysable().plmPerH();
        return rate == null ? 0 : rate;
    }
}
