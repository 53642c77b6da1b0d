package org.plmmonitor.analysis.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two files, read in parallel, must give exactly what each leg gives alone, every time. The earlier
 * design fed one collector from one thread per leg; its unsynchronised movement list lost movements
 * or held nulls (a NullPointerException in sorting) now and then: this test, on that code, failed in
 * round 12 of 25 with a RIGHT movement missing. Now only the calling thread feeds the night.
 */
class AccelFilesStressTest {
    @TempDir
    static Path dir;
    static final List<Path[]> NIGHTS = new ArrayList<>();
    static final List<List<LegMovement>> ALONE = new ArrayList<>();

    @BeforeAll
    static void writeNights() throws Exception {
        for (int seed = 1; seed <= 3; seed++) {
            SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(seed).durationS(7200).rateHz(25)
                    .bilateral(true).plmPerHour(120).build());
            Path[] files = {dir.resolve(seed + "-left.csv"), dir.resolve(seed + "-right.csv")};
            for (Leg l : night.legs()) {
                try (OutputStream out = Files.newOutputStream(files[l.ordinal()])) {
                    new AccelCsvWriter(out).writeAll(night.source(l));
                }
            }
            NIGHTS.add(files);
            List<LegMovement> alone = new ArrayList<>();
            for (Leg l : List.of(Leg.LEFT, Leg.RIGHT)) {
                alone.addAll(run(List.of(new AccelFiles.LegFile(l, files[l.ordinal()], l.name()))).detected);
            }
            alone.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
            ALONE.add(alone);
        }
    }

    /** Records what the night emits, and on which threads. */
    static final class Seen implements NightPipeline.Listener {
        final List<LegMovement> detected = new ArrayList<>();
        final List<ScoredMovement> decided = new ArrayList<>();
        final Set<Thread> threads = new HashSet<>();
        AccelFiles.Result result;

        @Override
        public void onMovement(LegMovement m) {
            threads.add(Thread.currentThread());
            detected.add(m);
        }

        @Override
        public void movement(ScoredMovement m, boolean isDecided) {
            threads.add(Thread.currentThread());
            if (isDecided) {
                decided.add(m);
            }
        }

        @Override
        public void onEpoch(Leg leg, Epoch e) {
            threads.add(Thread.currentThread());
        }
    }

    static Seen run(List<AccelFiles.LegFile> files) throws InputException {
        Seen s = new Seen();
        s.result = AccelFiles.analyze(files, DetectorConfig.DEFAULT, ScoringStandard.WASM2016, s);
        return s;
    }

    @Test
    void twoLegFilesGiveWhatEachLegGivesAloneEveryTime() throws Exception {
        for (int round = 0; round < 25; round++) {
            for (int i = 0; i < NIGHTS.size(); i++) {
                Path[] f = NIGHTS.get(i);
                Seen both = run(List.of(new AccelFiles.LegFile(Leg.LEFT, f[0], "l"), new AccelFiles.LegFile(Leg.RIGHT, f[1], "r")));
                List<LegMovement> got = new ArrayList<>(both.detected);
                got.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
                assertEquals(ALONE.get(i), got, "round " + round + ", night " + f[0]);
                assertEquals(Set.of(Thread.currentThread()), both.threads, "only the caller feeds the night");
                NightPipeline night = both.result.night();
                assertEquals(PlmScorer.scoreAll(got, ScoringStandard.WASM2016, ScoringContext.NONE, night.gapStarts()),
                        night.result(), "streamed scoring equals scoring the night at once");
                assertEquals(0, night.lateMovements());
            }
        }
        assertTrue(ALONE.get(0).size() > 50, "movements per night: " + ALONE.get(0).size());
    }
}
