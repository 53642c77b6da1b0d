package org.plmmonitor.analysis.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Family#KINEMATIC_DENSE}'s timing ({@link SeriesTiming#IRREGULAR_DENSE}), scored on its whole
 * truth (EMG view, every leg movement visible or not) by WASM 2016: dense, irregular, broken series and
 * wake clusters, as its Javadoc promises; and the other families keep their regular timing.
 */
class IrregularSeriesTest {
    private static final double HOURS = 8;

    @Test
    void denseNightsAreDenseIrregularAndBroken() {
        for (int i = 0; i < 6; i++) {
            NightSpec spec = Family.KINEMATIC_DENSE.night(i, HOURS * 3600);
            assertEquals(SeriesTiming.IRREGULAR_DENSE, spec.seriesTiming());
            SyntheticNight night = SyntheticNight.generate(spec);
            ScoringResult s = score(night);
            double plmPerH = s.movements().stream().filter(ScoredMovement::periodic).count() / HOURS;
            List<Double> imis = new ArrayList<>();
            for (ScoredMovement m : s.movements()) {
                if (m.candidate() && m.imiS() != null) {
                    imis.add(m.imiS());
                }
            }
            double shortShare = share(imis, 0, 10);
            double longShare = share(imis, 40, 90);
            double over90 = share(imis, 90, Double.MAX_VALUE);
            String what = String.format(Locale.ROOT, "night %d at %.0f/h asked: %.1f PLM/h, %d series, IMIs %d: "
                            + "under 10 s %.3f, 40-90 s %.3f, over 90 s %.3f", i, spec.plmPerHour(), plmPerH,
                    s.series().size(), imis.size(), shortShare, longShare, over90);
            System.out.println(what);
            // Dense: 30-120 PLM/h asked; what the series and breaks give lies within a quarter of it (pairs,
            // short intervals and short series cost some), at least 25/h.
            assertTrue(plmPerH >= 25 && Math.abs(plmPerH - spec.plmPerHour()) <= 0.25 * spec.plmPerHour(), what);
            // Irregular: short intervals that break series, and a long tail inside the periodic range.
            assertTrue(shortShare >= 0.03, what);
            assertTrue(longShare >= 0.05, what);
            // Broken: many series, not one per hour.
            assertTrue(s.series().size() >= 3 * HOURS, what);
        }
    }

    @Test
    void aClusterOfMovementsInWakeComesBeforeSleep() {
        for (int i = 0; i < 6; i++) {
            SyntheticNight night = SyntheticNight.generate(Family.KINEMATIC_DENSE.night(i, HOURS * 3600));
            List<TruthEvent> early = night.truth().stream()
                    .filter(e -> e.kind().isLegMovement() && e.onsetS() < 1200).toList();
            // A run of at least five movements (either leg, in onset order) each starting under 10 s after
            // the one before ended: in a series (intervals about a median of 20-40 s, movements of
            // 0.6-9 s; a bilateral slot gives one such gap) four such gaps in a row are rare, in a wake
            // cluster (gaps log-normal about 4 s) they are the rule.
            int run = 0;
            int longest = 0;
            for (int j = 1; j < early.size(); j++) {
                run = early.get(j).onsetS() - early.get(j - 1).offsetS() < 10 ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            assertTrue(longest >= 4, "night " + i + ": longest run of close movements in the first 20 min "
                    + (longest + 1) + " of " + early.size());
        }
    }

    @Test
    void everyOtherFamilyKeepsRegularSeriesAndItsSeverities() {
        for (Family f : Family.values()) {
            if (java.util.EnumSet.of(Family.KINEMATIC_DENSE, Family.DENSE_SETTLING_COARSE, Family.DENSE_SMALL_PAIRED).contains(f)) {
                continue;
            }
            for (int i = 0; i < 6; i++) {
                NightSpec spec = f.night(i, 3600);
                assertEquals(SeriesTiming.REGULAR, spec.seriesTiming(), f + " night " + i);
                assertEquals(new double[]{5, 15, 30, 45, 60, 0}[i], spec.plmPerHour(), f + " night " + i);
            }
        }
    }

    private static ScoringResult score(SyntheticNight night) {
        List<LegMovement> all = new ArrayList<>();
        for (TruthEvent e : night.truth()) {
            if (e.kind().isLegMovement()) {
                all.add(new LegMovement(e.onsetS(), e.offsetS(), e.leg(), e.peakG(), Double.NaN));
            }
        }
        return PlmScorer.scoreAll(all, ScoringStandard.WASM2016, ScoringContext.NONE);
    }

    private static double share(List<Double> xs, double lo, double hi) {
        return xs.stream().filter(x -> x >= lo && x < hi).count() / (double) Math.max(1, xs.size());
    }
}
