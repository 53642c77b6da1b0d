package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
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
 * within about 4.5 s, or within about 8.5 s when it is a piece of a small movement (under 60 mg)
 * (docs/contracts.md, "Streaming").
 */
class EmitLatencyTest {
    /** Under this largest departure a piece is small and may wait longer for its next piece, g (contracts.md). */
    private static final double SMALL_G = 0.06;

    @Test
    void oneLegMovementsAreEmittedWithinAboutThreeSecondsOfTheirOffset() {
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(5).durationS(3600).rateHz(50)
                .bilateral(true).plmPerHour(40).build());
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        rates.put(Leg.LEFT, 50.0);
        rates.put(Leg.RIGHT, 50.0);
        double[] now = {0};
        List<Double> lags = new ArrayList<>();
        List<Double> largeLags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        NightPipeline sn = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, new NightPipeline.Listener() {
                    @Override
                    public void movement(ScoredMovement m, boolean decided) {
                        if (m.movement().leg() != Leg.BILATERAL && seen.add(m.movement().leg() + "@" + m.onsetS())) {
                            lags.add(now[0] - m.movement().offsetS());
                            if (m.movement().peak() >= SMALL_G) {
                                largeLags.add(now[0] - m.movement().offsetS());
                            }
                        }
                    }
                });
        SampleSource l = night.source(Leg.LEFT);
        SampleSource r = night.source(Leg.RIGHT);
        double[] a = new double[4];
        double[] b = new double[4];
        boolean hl = l.next(a);
        boolean hr = r.next(b);
        for (double t = 0.05; hl || hr; t += 0.05) {
            while (hl && a[0] <= t) {
                sn.sink(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
                hl = l.next(a);
            }
            while (hr && b[0] <= t) {
                sn.sink(Leg.RIGHT).accept(b[0], b[1], b[2], b[3]);
                hr = r.next(b);
            }
            now[0] = t;
            sn.tick();
        }
        sn.finish();
        lags.sort(null);
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
}
