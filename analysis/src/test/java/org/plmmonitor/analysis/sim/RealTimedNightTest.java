package org.plmmonitor.analysis.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.edf.RealPsgFolder;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Floors of the current detector (set on accel-2.5, held by accel-2.6) on nights whose leg-movement timing is real
 * ({@link RealTimedNight}): the four RemLogic exports of the real PSG folder, each at 25, 50 and
 * 100 Hz, movements shaped by the tuning family KINEMATIC_TYPICAL's spread, seeds 7000-7003 (as
 * RealTimedNightsBench). The folder is found as RealPsgScoringTest finds it; without it every test
 * here is skipped. No tuning loop reads these nights; the floors sit just under what was measured, so
 * that a regression shows (docs/detector.md, "Real-timed nights"). Measured on 2026-12-07:
 * <ul>
 * <li>LM F1 over both legs per night 0.948-1.000 (floor 0.93), with both legs merged 0.948-1.000
 * (floor 0.93), pooled over the 12 nights 0.973 (floor 0.96);</li>
 * <li>LM F1 per leg, on legs with at least 20 movements, 0.947-0.987 (floor 0.93);</li>
 * <li>median onset error -0.06 to +0.04 s, offset error +0.05 to +0.11 s (floors: within 0.15 and
 * 0.2 s);</li>
 * <li>PLM/h measured against the same rules on the rendered truth: -17.5 % to +9.7 % where the truth
 * is at least 10 /h (floor: within 20 %), 0.0 /h on BC1's 1.8 /h (floor: within 1 /h);</li>
 * <li>long movements cut into candidates: 3 (G20877's one long movement, at each rate; floor: at most 3);</li>
 * <li>the rendered truth's PLM/h equals {@code plm score}'s on the export (the timing survives
 * rendering: no movement lost, moved or split).</li>
 * </ul>
 */
class RealTimedNightTest {
    private static final double[] RATES = {25, 50, 100};
    private static List<RealTimedNight> rendered;

    /** The twelve nights, rendered and detected once for every test here; skips the caller without the folder. */
    private static synchronized List<RealTimedNight> nights() throws InputException {
        Path dir = RealPsgFolder.find();
        assumeTrue(dir != null, "no real PSG files (-DrealPsg=DIR, docs/scoring.md): real-timed nights skipped");
        if (rendered != null) {
            return rendered;
        }
        List<RealTimedNight> out = new ArrayList<>();
        for (int i = 0; i < RealTimedNight.EXPORTS.size(); i++) {
            Path f = dir.resolve("events").resolve(RealTimedNight.EXPORTS.get(i));
            assumeTrue(Files.isRegularFile(f), f + " is not here");
            for (double rate : RATES) {
                out.add(RealTimedNight.run(f, rate, Kinematics.TYPICAL, 7_000L + i));
            }
        }
        rendered = List.copyOf(out);
        return rendered;
    }

    @Test
    void renderingKeepsTheScoredTimingOfEveryExport() throws InputException {
        for (RealTimedNight n : nights()) {
            assertEquals(n.plmScorePerH(), n.score().truthPlmPerH(), 1e-9, n.line());
            assertEquals(0, n.outside(), n.line());
        }
    }

    @Test
    void lmF1PerNightPerLegAndPooled() throws InputException {
        Evaluation.Agreement pooled = new Evaluation.Agreement(0, 0, 0);
        for (RealTimedNight n : nights()) {
            assertTrue(n.score().f1() >= 0.93, n.line());
            assertTrue(n.score().merged().f1() >= 0.93, n.line());
            for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
                Evaluation.Agreement a = n.score().byLeg().get(leg);
                if (a.tp() + a.fn() >= 20) {
                    assertTrue(a.f1() >= 0.93, leg + " " + a + ": " + n.line());
                }
            }
            pooled = pooled.plus(n.score().agreement());
        }
        assertTrue(pooled.f1() >= 0.96, "pooled " + pooled);
    }

    @Test
    void onsetsAndOffsetsStayClose() throws InputException {
        for (RealTimedNight n : nights()) {
            assertTrue(Math.abs(n.onsetMedianS()) <= 0.15, n.line());
            assertTrue(Math.abs(n.offsetMedianS()) <= 0.2, n.line());
        }
    }

    @Test
    void plmPerHourStaysNearTheRenderedTruth() throws InputException {
        for (RealTimedNight n : nights()) {
            double truth = n.score().truthPlmPerH();
            if (truth >= NightScore.PERCENT_FROM_PER_H) {
                assertTrue(Math.abs(n.plmErrorPerH()) <= 0.20 * truth, n.line());
            } else {
                assertTrue(Math.abs(n.plmErrorPerH()) <= 1, n.line());
            }
        }
    }

    @Test
    void fewLongMovementsAreCutIntoCandidates() throws InputException {
        int cut = 0;
        int longs = 0;
        for (RealTimedNight n : nights()) {
            cut += n.score().structure().longSplit();
            longs += n.score().structure().longMovements();
        }
        assertEquals(6, longs, "G20877 and MJ1 have one movement over 10 s each, at three rates");
        assertTrue(cut <= 3, cut + " of " + longs + " long movements cut into candidates");
    }
}
