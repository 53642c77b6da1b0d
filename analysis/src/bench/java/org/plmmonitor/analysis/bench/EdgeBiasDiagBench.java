package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostic for tuning only (refuses a held-out family, via {@link TuningFamilies}): onset and offset error
 * (detected minus truth, s) of one-to-one matched movements, binned by the truth movement's peak (mg). A
 * truth movement is matched when exactly one detection on its leg overlaps it and that detection overlaps
 * no other truth movement on the leg (merges and splits are MergeDiagBench's subject, not an edge's).
 * Per family and bin: count, onset error p10 / median / p90, offset error p10 / median / p90, and how many
 * offsets end more than {@value #EARLY_S} s early. Answers "is a weak movement's end placed early
 * systematically?". {@code -Dbylsb=true} splits each family by the sensor's quantisation step (nights with a
 * step of {@value #COARSE_LSB_G} g or more, an ADXL345's full resolution, against finer ones): a movement a few
 * steps tall moves the samples by one step or two at its slow ends.
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=EdgeBiasDiagBench -Dfamilies=KINEMATIC_PAIRS -Dnights=6 -Dhours=8</pre>
 */
@Tag("bench")
class EdgeBiasDiagBench {
    /** Peak bin edges in mg. */
    private static final double[] BINS_MG = {0, 20, 30, 50, 100, 300, 1e9};
    /** An offset this much (s) before the truth's counts as "cut early". */
    private static final double EARLY_S = 0.3;
    /** A night whose quantisation step is at least this is "coarse", g. */
    private static final double COARSE_LSB_G = 0.003;

    @Test
    void run() {
        int nights = Integer.getInteger("nights", 6);
        double hours = Double.parseDouble(System.getProperty("hours", "8"));
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_PAIRS)) {
            boolean byLsb = Boolean.getBoolean("bylsb");
            for (int part = 0; part < (byLsb ? 2 : 1); part++) {
                List<List<double[]>> bins = new ArrayList<>();
                for (int b = 0; b < BINS_MG.length - 1; b++) {
                    bins.add(new ArrayList<>());
                }
                for (int i = 0; i < nights; i++) {
                    NightSpec spec = f.night(i, hours * 3600);
                    if (!byLsb || (spec.lsbG() >= COARSE_LSB_G) == (part == 0)) {
                        night(spec, bins);
                    }
                }
                System.out.println(f + (byLsb ? (part == 0 ? " coarse step" : " fine step") : ""));
                print(bins);
            }
        }
    }

    private static void print(List<List<double[]>> bins) {
        {
            for (int b = 0; b < bins.size(); b++) {
                List<double[]> e = bins.get(b);
                if (e.isEmpty()) {
                    continue;
                }
                double[] on = e.stream().mapToDouble(x -> x[0]).sorted().toArray();
                double[] off = e.stream().mapToDouble(x -> x[1]).sorted().toArray();
                long early = Arrays.stream(off).filter(x -> x < -EARLY_S).count();
                System.out.printf(Locale.ROOT,
                        "  %4.0f-%-5.0f mg n %4d  onset %+.2f / %+.2f / %+.2f   offset %+.2f / %+.2f / %+.2f   early>%.1f s %d%n",
                        BINS_MG[b], Math.min(BINS_MG[b + 1], 9999), on.length, q(on, 0.1), q(on, 0.5), q(on, 0.9),
                        q(off, 0.1), q(off, 0.5), q(off, 0.9), EARLY_S, early);
            }
        }
    }

    private static double q(double[] s, double p) {
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }

    private void night(NightSpec spec, List<List<double[]>> bins) {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<LegMovement> det = NightDetections.of(night, KinematicFamiliesBench.CONFIG).movements();
        for (Leg l : night.legs()) {
            List<TruthEvent> truth = night.legMovements(l, true);
            for (TruthEvent t : truth) {
                LegMovement only = null;
                int n = 0;
                for (LegMovement d : det) {
                    if (d.leg() == l && d.onsetS() < t.offsetS() && d.offsetS() > t.onsetS()) {
                        only = d;
                        n++;
                    }
                }
                if (n != 1) {
                    continue;
                }
                int others = 0;
                for (TruthEvent u : truth) {
                    if (u.onsetS() < only.offsetS() && u.offsetS() > only.onsetS()) {
                        others++;
                    }
                }
                if (others != 1) {
                    continue;
                }
                double mg = t.peakG() * 1000;
                for (int b = 0; b < BINS_MG.length - 1; b++) {
                    if (mg >= BINS_MG[b] && mg < BINS_MG[b + 1]) {
                        bins.get(b).add(new double[]{only.onsetS() - t.onsetS(), only.offsetS() - t.offsetS()});
                    }
                }
            }
        }
    }
}
