package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How soon after its offset a movement reaches the store when the daemon polls live sensors (both legs
 * interleaved, a tick every 50 ms as the poll loop does): the streaming contract says most within
 * about 3 s (the detector holds a movement up to 2.5 s in case it begins a run), and one that may be
 * continued by the next piece (it stopped away from its rest, or, long, passed its rest still moving)
 * within about 4.5 s, or within about 8.5 s when it is a piece of a small movement (under 60 mg);
 * one whose leg lies still away from its rest only once the detector's hold time has passed
 * (docs/contracts.md, "Streaming").
 */
class EmitLatencyTest {
    /** Under this largest departure a piece is small and may wait longer for its next piece, g (contracts.md). */
    private static final double SMALL_G = 0.06;

    @Test
    void oneLegMovementsAreEmittedWithinAboutThreeSecondsOfTheirOffset() {
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(5).durationS(3600).rateHz(50)
                .bilateral(true).plmPerHour(40).build());
        List<double[]> all = lags(night);
        List<Double> lags = new ArrayList<>();
        List<Double> largeLags = new ArrayList<>();
        for (double[] l : all) {
            lags.add(l[0]);
            if (l[1] >= SMALL_G) {
                largeLags.add(l[0]);
            }
        }
        largeLags.sort(null);
        assertTrue(lags.size() > 20, "movements: " + lags.size());
        double median = lags.get(lags.size() / 2);
        double p90 = lags.get((int) (lags.size() * 0.9));
        double max = lags.get(lags.size() - 1);
        double largeMax = largeLags.get(largeLags.size() - 1);
        System.out.printf(Locale.ROOT, "emit lag after offset: n=%d median %.2f s, p90 %.2f s, max %.2f s; of 60 mg or more: n=%d max %.2f s%n",
                lags.size(), median, p90, max, largeLags.size(), largeMax);
        assertTrue(median <= 3.0, "median lag " + median + " s");
        assertTrue(largeLags.size() > 10, "movements of 60 mg or more: " + largeLags.size());
        assertTrue(largeMax <= 4.5, "max lag of movements of 60 mg or more " + largeMax + " s");
        assertTrue(max <= 8.5, "max lag " + max + " s");
    }

    /**
     * On kinematic nights a foot often stops away from where it rested, and one that lies still there
     * beyond the band that counts as back is known to have ended only after the detector's hold time
     * (10 s): the contract gives about 10.5 s plus the continuation waits, up to about 18.5 s on one leg
     * (docs/contracts.md, "Streaming"). {@link Family#KINEMATIC_TYPICAL}'s six nights, two hours each;
     * {@code -Dfamilies=A,B} runs other families' instead (the contract's figures come from
     * {@code KINEMATIC_TYPICAL,KINEMATIC_SMALL,KINEMATIC_PAIRS,KINEMATIC_DENSE}).
     */
    @Test
    void aLegThatStopsAwayFromItsRestIsStoredOnceTheHoldTimeHasPassed() {
        List<Double> medians = new ArrayList<>();
        double longest = 0;
        List<Family> families = java.util.Arrays.stream(System.getProperty("families", "KINEMATIC_TYPICAL").split(","))
                .map(Family::valueOf).toList();
        for (Family family : families) {
            for (int i = 0; i < 6; i++) {
                SyntheticNight night = SyntheticNight.generate(family.night(i, 7200));
                List<double[]> all = lags(night);
                double median = all.get(all.size() / 2)[0];
                double p90 = all.get((int) (all.size() * 0.9))[0];
                double max = all.get(all.size() - 1)[0];
                boolean oneLeg = night.legs().size() == 1;
                System.out.printf(Locale.ROOT, "%s night %d (%s): n=%d median %.2f s, p90 %.2f s, max %.2f s%n",
                        family, i, oneLeg ? "one leg" : "two legs", all.size(), median, p90, max);
                medians.add(median);
                longest = Math.max(longest, max);
                assertTrue(p90 <= 12.5, family + " night " + i + ": 90th percentile " + p90 + " s");
                assertTrue(max <= (oneLeg ? 18.5 : 30), family + " night " + i + ": max " + max + " s");
            }
        }
        medians.sort(null);
        // Most kinematic movements settle a little away and wait 4.5 s for a possible next piece.
        assertTrue(medians.get(medians.size() / 2) <= 5.0, "median of the nights' medians " + medians);
        // ...and some lie still away, so the hold time shows: the bounds above would hold vacuously without them.
        assertTrue(longest > 10, "no movement waited for the hold time: longest lag " + longest + " s");
    }

    /**
     * Feeds a night as the daemon's poll loop does (its legs interleaved, a tick every 50 ms) and
     * returns, per movement stored (bilateral pairs aside), its lag after its offset (s) and its peak
     * (g), sorted by lag.
     */
    private static List<double[]> lags(SyntheticNight night) {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        for (Leg leg : night.legs()) {
            rates.put(leg, night.spec().rateHz());
        }
        double[] now = {0};
        List<double[]> lags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        NightPipeline sn = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, new NightPipeline.Listener() {
                    @Override
                    public void movement(ScoredMovement m, boolean decided) {
                        if (m.movement().leg() != Leg.BILATERAL && seen.add(m.movement().leg() + "@" + m.onsetS())) {
                            lags.add(new double[]{now[0] - m.movement().offsetS(), m.movement().peak()});
                        }
                    }
                });
        List<Leg> legs = new ArrayList<>(rates.keySet());
        List<SampleSource> sources = new ArrayList<>();
        List<double[]> next = new ArrayList<>();
        boolean[] more = new boolean[legs.size()];
        for (int k = 0; k < legs.size(); k++) {
            sources.add(night.source(legs.get(k)));
            next.add(new double[4]);
            more[k] = sources.get(k).next(next.get(k));
        }
        for (double t = 0.05; anyOf(more); t += 0.05) {
            for (int k = 0; k < legs.size(); k++) {
                double[] a = next.get(k);
                while (more[k] && a[0] <= t) {
                    sn.sink(legs.get(k)).accept(a[0], a[1], a[2], a[3]);
                    more[k] = sources.get(k).next(a);
                }
            }
            now[0] = t;
            sn.tick();
        }
        sn.finish();
        lags.sort(java.util.Comparator.comparingDouble(l -> l[0]));
        return lags;
    }

    private static boolean anyOf(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }
}
