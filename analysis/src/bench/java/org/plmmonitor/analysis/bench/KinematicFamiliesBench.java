package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The current detector on every {@link Family}, tuning and held-out families reported apart: LM F1,
 * precision and recall against what the sensor can see, PLM/h error, onset and offset error, merged
 * and split movements, long movements cut into candidates.
 *
 * <pre>mvn -B -o -Pbench -pl analysis test -Dtest=KinematicFamiliesBench -Dnights=6 -Dhours=4</pre>
 * Options: {@code -Dnights=N} per family (6), {@code -Dhours=H} per night (4),
 * {@code -Dfamilies=A,B} (all), {@code -Dcfg=tiltOnG=0.1,holdMaxS=2} (detector parameters by their
 * builder names, to measure what a stage does: the ablation table of docs/detector.md).
 */
@Tag("bench")
class KinematicFamiliesBench {
    /** Lower edges of the peak bands recall is broken down by, g. */
    static final double[] BANDS_G = {0, 0.03, 0.06, 0.12};

    /** What one family (or a pool of them) scored. */
    private static final class Tally {
        Evaluation.Agreement agreement = new Evaluation.Agreement(0, 0, 0);
        Evaluation.Structure structure = new Evaluation.Structure(0, 0, 0, 0, 0);
        final List<Double> nightF1 = new ArrayList<>();
        final List<Double> plmErrPct = new ArrayList<>();
        final List<Double> plmErrAbsLow = new ArrayList<>();
        final List<Double> onset = new ArrayList<>();
        final List<Double> offset = new ArrayList<>();
        /** Truth movements and matched ones by peak band (see BANDS_G). */
        final int[] bandTruth = new int[BANDS_G.length];
        final int[] bandFound = new int[BANDS_G.length];
        int nights;

        void add(Tally o) {
            agreement = agreement.plus(o.agreement);
            structure = structure.plus(o.structure);
            nightF1.addAll(o.nightF1);
            plmErrPct.addAll(o.plmErrPct);
            plmErrAbsLow.addAll(o.plmErrAbsLow);
            onset.addAll(o.onset);
            offset.addAll(o.offset);
            nights += o.nights;
            for (int i = 0; i < BANDS_G.length; i++) {
                bandTruth[i] += o.bandTruth[i];
                bandFound[i] += o.bandFound[i];
            }
        }

        String line(String name) {
            Evaluation.Agreement a = agreement;
            Evaluation.Structure s = structure;
            return String.format(Locale.ROOT,
                    "%-18s n=%2d  F1 %.3f P %.3f R %.3f | night F1 median %.3f min %.3f | PLM/h err%% median %.1f max %.1f (>=10/h, n=%d); |err|/h max %.2f (<10/h, n=%d)"
                            + " | onset |err| median %.2f p90 %.2f bias %+.2f; offset |err| median %.2f p90 %.2f bias %+.2f s"
                            + " | merged %d split %d | long %d, split into candidates %d (%d fragments)",
                    name, nights, a.f1(), a.precision(), a.recall(), pct(nightF1, 50), min(nightF1),
                    pct(abs(plmErrPct), 50), max(abs(plmErrPct)), plmErrPct.size(), max(abs(plmErrAbsLow)), plmErrAbsLow.size(),
                    pct(abs(onset), 50), pct(abs(onset), 90), pct(onset, 50),
                    pct(abs(offset), 50), pct(abs(offset), 90), pct(offset, 50),
                    s.merged(), s.split(), s.longMovements(), s.longSplit(), s.longFragments()) + bands();
        }

        private String bands() {
            StringBuilder b = new StringBuilder(" | recall by peak:");
            for (int i = 0; i < BANDS_G.length; i++) {
                b.append(String.format(Locale.ROOT, " >=%.0f mg %d/%d", BANDS_G[i] * 1000, bandFound[i], bandTruth[i]));
            }
            return b.toString();
        }
    }

    static final DetectorConfig CONFIG = config(System.getProperty("cfg", ""));

    /** The default configuration with {@code name=value} pairs applied through the builder's methods. */
    static DetectorConfig config(String spec) {
        DetectorConfig.Builder b = DetectorConfig.builder();
        for (String kv : spec.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.split("=");
            try {
                DetectorConfig.Builder.class.getMethod(p[0].trim(), double.class).invoke(b, Double.parseDouble(p[1].trim()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("-Dcfg: cannot set " + kv + " (expected builder name=number)", e);
            }
        }
        return b.build();
    }

    @Test
    void run() {
        int nights = Integer.getInteger("nights", 6);
        double hours = Double.parseDouble(System.getProperty("hours", "4"));
        List<Family> families = System.getProperty("families") == null ? List.of(Family.values())
                : Arrays.stream(System.getProperty("families").split(",")).map(Family::valueOf).toList();
        Map<Family, Tally> byFamily = new EnumMap<>(Family.class);
        long t0 = System.nanoTime();
        for (Family f : families) {
            Tally t = new Tally();
            for (int i = 0; i < nights; i++) {
                night(f, f.night(i, hours * 3600), t);
            }
            byFamily.put(f, t);
            System.out.println(t.line(f.name()));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, DetectorConfig.VERSION + " (" + System.getProperty("cfg", "defaults") + "), %d nights of %.1f h per family, %.0f s wall%n",
                nights, hours, (System.nanoTime() - t0) / 1e9);
        for (Family.Split split : Family.Split.values()) {
            Tally pool = new Tally();
            for (Family f : Family.of(split)) {
                if (byFamily.containsKey(f)) {
                    System.out.println(byFamily.get(f).line(f.name()));
                    pool.add(byFamily.get(f));
                }
            }
            System.out.println(pool.line("POOLED " + split));
        }
        Tally all = new Tally();
        byFamily.values().forEach(all::add);
        System.out.println(all.line("POOLED ALL"));
    }

    private static void night(Family f, NightSpec spec, Tally t) {
        SyntheticNight night = SyntheticNight.generate(spec);
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        night.legs().forEach(l -> rates.put(l, spec.rateHz()));
        List<LegMovement> detected = new ArrayList<>();
        NightPipeline nd = new NightPipeline(rates, CONFIG, ScoringStandard.WASM2016,
                Double.POSITIVE_INFINITY, new NightPipeline.Listener() {
                    @Override
                    public void onMovement(LegMovement m) {
                        detected.add(m);
                    }
                });
        for (Leg l : night.legs()) {
            nd.feed(l, night.source(l));
        }
        nd.finish();
        Evaluation.Agreement nightAgreement = new Evaluation.Agreement(0, 0, 0);
        List<LegMovement> truthMoves = new ArrayList<>();
        for (Leg l : night.legs()) {
            List<TruthEvent> truth = night.legMovements(l, true);
            nightAgreement = nightAgreement.plus(Evaluation.compare(detected, truth, l));
            List<Evaluation.Match> matches = Evaluation.matches(detected, truth, l);
            for (Evaluation.Match m : matches) {
                t.onset.add(m.onsetErrorS());
                t.offset.add(m.offsetErrorS());
                t.bandFound[band(m.truth().peakG())]++;
            }
            for (TruthEvent e : truth) {
                t.bandTruth[band(e.peakG())]++;
            }
            t.structure = t.structure.plus(Evaluation.structure(detected, truth, l));
            for (TruthEvent e : truth) {
                truthMoves.add(new LegMovement(e.onsetS(), e.offsetS(), l, e.peakG(), Double.NaN));
            }
        }
        t.agreement = t.agreement.plus(nightAgreement);
        t.nightF1.add(nightAgreement.f1());
        List<TimeInterval> truthBed = Intervals.complement(night.notInBed(), 0, spec.durationS());
        double truthRate = plmPerHour(truthMoves, spec.durationS(), truthBed);
        double measured = plmPerHour(detected, nd.recordedS(), nd.analysable());
        if (truthRate >= 10) {
            t.plmErrPct.add(100 * (measured - truthRate) / truthRate);
        } else {
            t.plmErrAbsLow.add(measured - truthRate);
        }
        t.nights++;
        System.out.printf(Locale.ROOT, "  %s seed %d %3.0f Hz %s lsb %.4f: %s  PLM/h truth %.1f measured %.1f%n",
                f, spec.seed(), spec.rateHz(), spec.bilateral() ? "2 legs" : "1 leg ", spec.lsbG(), nightAgreement,
                truthRate, measured);
    }

    private static int band(double peakG) {
        int i = BANDS_G.length - 1;
        while (i > 0 && peakG < BANDS_G[i]) {
            i--;
        }
        return i;
    }

    private static double plmPerHour(List<LegMovement> moves, double recordedS, List<TimeInterval> bed) {
        NightMetrics m = NightMetrics.compute(PlmScorer.scoreAll(moves, ScoringStandard.WASM2016, ScoringContext.NONE),
                recordedS, bed, null);
        Double r = m.analysable().plmPerH();
        return r == null ? 0 : r;
    }

    private static List<Double> abs(List<Double> v) {
        return v.stream().map(Math::abs).toList();
    }

    private static double pct(List<Double> v, double p) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[(int) Math.min(a.length - 1, Math.floor(p / 100 * a.length))];
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
