package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.NightScore;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy floors of issue 2 on 20 seeded nights across severities (0-60 PLM/h), rates (25, 50,
 * 100 Hz), one or two legs, clock drift and quantisation, all distractors on: event F1 >= 0.95 against
 * what the sensor can see, and PLM per hour in bed within 10 % (or 1/h below 10/h) of the same truth
 * scored by the same rules over the true time in bed ({@link NightScore}).
 */
class AccuracyFloorTest {
    @Test
    void twentySeededNightsMeetTheFloors() {
        double[] rates = {25, 50, 100};
        double[] severities = {0, 5, 12, 20, 30, 45, 60};
        List<String> failures = new ArrayList<>();
        Evaluation.Agreement total = new Evaluation.Agreement(0, 0, 0);
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            long seed = 1000 + i;
            NightSpec spec = NightSpec.builder().seed(seed).rateHz(rates[i % 3]).bilateral(i % 2 == 1)
                    .plmPerHour(severities[i % severities.length]).durationS(8 * 3600)
                    .clockDrift((i % 5 - 2) * 0.01).lsbG(i % 4 == 0 ? 0.0039 : 0.001).build();
            NightScore s = NightScore.run(SyntheticNight.generate(spec), DetectorConfig.DEFAULT);
            for (Map.Entry<Leg, Evaluation.Agreement> e : s.byLeg().entrySet()) {
                total = total.plus(e.getValue());
                if (e.getValue().f1() < 0.95) {
                    failures.add("seed " + seed + " " + e.getKey() + ": " + e.getValue());
                }
            }
            double truthRate = s.truthPlmPerH();
            double err = Math.abs(s.measuredPlmPerH() - truthRate);
            boolean ok = truthRate < 10 ? err <= 1.0 : err <= 0.10 * truthRate;
            table.append(String.format(Locale.ROOT, "seed %d %3.0f Hz %s: PLM/h truth %.1f measured %.1f%n",
                    seed, spec.rateHz(), spec.bilateral() ? "2 legs" : "1 leg ", truthRate, s.measuredPlmPerH()));
            if (!ok) {
                failures.add(String.format(Locale.ROOT, "seed %d: PLM/h %.2f vs truth %.2f", seed, s.measuredPlmPerH(), truthRate));
            }
        }
        System.out.print(table);
        System.out.println("all nights, all legs: " + total);
        assertTrue(failures.isEmpty(), "floors missed:\n" + String.join("\n", failures) + "\n" + table);
    }
}
