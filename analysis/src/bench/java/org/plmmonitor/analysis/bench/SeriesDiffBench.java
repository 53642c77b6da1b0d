package org.plmmonitor.analysis.bench;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.time.Intervals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.detect.*;
import org.plmmonitor.analysis.score.*;
import org.plmmonitor.analysis.sim.*;

import java.util.*;

/** Diagnostic: the PLM series of a night's truth next to the detector's. -Dseed=N (AccuracyFloorTest's seeds). */
@Tag("bench")
class SeriesDiffBench {
    @Test
    void run() {
        long seed = Long.getLong("seed", 1009);
        int i = (int) (seed - 1000);
        double[] rates = {25, 50, 100};
        double[] sev = {0, 5, 12, 20, 30, 45, 60};
        NightSpec spec = NightSpec.builder().seed(seed).rateHz(rates[i % 3]).bilateral(i % 2 == 1).plmPerHour(sev[i % sev.length])
                .durationS(8 * 3600).clockDrift((i % 5 - 2) * 0.01).lsbG(i % 4 == 0 ? 0.0039 : 0.001).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Map<Leg, Double> legs = new EnumMap<>(Leg.class);
        night.legs().forEach(l -> legs.put(l, spec.rateHz()));
        NightPipeline nd = new NightPipeline(legs, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                Double.POSITIVE_INFINITY, NightPipeline.NONE);
        for (Leg l : night.legs()) {
            nd.feed(l, night.source(l));
        }
        nd.finish();
        List<LegMovement> truth = new ArrayList<>();
        for (Leg l : night.legs()) for (TruthEvent e : night.legMovements(l, true)) truth.add(new LegMovement(e.onsetS(), e.offsetS(), l, e.peakG(), Double.NaN));
        ScoringResult a = PlmScorer.scoreAll(truth, ScoringStandard.WASM2016, ScoringContext.NONE);
        ScoringResult b = nd.result();
        System.out.println("truth series:");
        a.series().forEach(x -> System.out.printf("  %.1f-%.1f n=%d%n", x.startS(), x.endS(), x.count()));
        System.out.println("detected series:");
        b.series().forEach(x -> System.out.printf("  %.1f-%.1f n=%d%n", x.startS(), x.endS(), x.count()));
        System.out.println("analysable truth " + Intervals.totalS(Intervals.complement(night.notInBed(), 0, spec.durationS())) + " detected " + Intervals.totalS(nd.analysable()));
        for (var m : b.movements()) if (m.candidate() && !m.periodic()) System.out.printf("  det non-periodic CLM %.2f-%.2f %s%n", m.movement().onsetS(), m.movement().offsetS(), m.movement().leg());
        for (var m : a.movements()) if (m.candidate() && !m.periodic()) System.out.printf("  truth non-periodic CLM %.2f-%.2f %s%n", m.movement().onsetS(), m.movement().offsetS(), m.movement().leg());
    }
}
