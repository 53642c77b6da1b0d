package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.edf.RealPsgFolder;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.Kinematics;
import org.plmmonitor.analysis.sim.RealTimedNight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The current detector on nights whose leg-movement timing is real ({@link RealTimedNight}): each of
 * the four RemLogic exports of the real PSG folder at 25, 50 and 100 Hz, movements shaped by the tuning
 * family KINEMATIC_TYPICAL's spread ({@link Kinematics#TYPICAL}) and, reported apart, by a spread no
 * tuning loop reads ({@link RealTimedNight#HELD_OUT}). Per night: LM F1 per leg, over both legs and on
 * movements with both legs merged; median onset and offset error; long movements cut into candidates;
 * PLM/h of {@code plm score} on the export (b), of the same rules on the rendered truth (a) and of the
 * detector and scorer (measured). Then, per spread, F1 pooled over the nights and the largest PLM/h
 * error. The export folder is found as RealPsgScoringTest finds it; without it the bench is skipped.
 *
 * <pre>mvn -B -o -Pbench -pl analysis test -Dtest=RealTimedNightsBench [-DrealPsg=DIR] [-Drates=25,50,100]</pre>
 */
@Tag("bench")
class RealTimedNightsBench {
    @Test
    void run() throws Exception {
        Path dir = RealPsgFolder.find();
        assumeTrue(dir != null, "no real PSG files (-DrealPsg=DIR, docs/scoring.md): bench skipped");
        double[] rates = Arrays.stream(System.getProperty("rates", "25,50,100").split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        long t0 = System.nanoTime();
        for (Map.Entry<String, Kinematics> k : List.of(Map.entry("KINEMATIC_TYPICAL", Kinematics.TYPICAL),
                Map.entry("HELD_OUT spread", RealTimedNight.HELD_OUT))) {
            System.out.println("== " + k.getKey() + " kinematics");
            Evaluation.Agreement pooled = new Evaluation.Agreement(0, 0, 0);
            Evaluation.Agreement pooledMerged = new Evaluation.Agreement(0, 0, 0);
            double worst = 0;
            for (int i = 0; i < RealTimedNight.EXPORTS.size(); i++) {
                Path f = dir.resolve("events").resolve(RealTimedNight.EXPORTS.get(i));
                assumeTrue(Files.isRegularFile(f), f + " is not here");
                for (double rate : rates) {
                    RealTimedNight n = RealTimedNight.run(f, rate, k.getValue(), 7_000L + i);
                    System.out.println(n.line());
                    pooled = pooled.plus(n.score().agreement());
                    pooledMerged = pooledMerged.plus(n.score().merged());
                    worst = Math.abs(n.plmErrorPerH()) > Math.abs(worst) ? n.plmErrorPerH() : worst;
                }
            }
            System.out.printf(Locale.ROOT, "POOLED %s: %s; merged legs F1 %.3f; largest PLM/h error (measured - truth) %+.1f /h%n",
                    k.getKey(), pooled, pooledMerged.f1(), worst);
        }
        System.out.printf(Locale.ROOT, "%s, %.0f s wall%n", DetectorConfig.VERSION, (System.nanoTime() - t0) / 1e9);
    }
}
