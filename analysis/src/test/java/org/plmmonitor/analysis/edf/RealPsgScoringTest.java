package org.plmmonitor.analysis.edf;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code plm score}'s chain ({@link ImportedNight}) on four real PSG event exports (RemLogic text) and
 * a real Sleep-EDF hypnogram. They are not part of this project (no stated licence for some; where to
 * get them: docs/scoring.md, "Checked against real PSG scorings"): the test reads them from the folder
 * named by the system property {@code realPsg}, else from {@code shared/real-psg} beside the project
 * folder, and is skipped where neither holds them. Where a peer's figure is known it is asserted;
 * elsewhere the rules are checked by facts the files give independently of the scorer.
 */
class RealPsgScoringTest {

    /** The folder of the real files ({@code -DrealPsg=DIR}, else beside the project folder), or null when there is none. */
    static Path realPsg() {
        return RealPsgFolder.find();
    }

    private static Path export(String name) {
        Path dir = realPsg();
        assumeTrue(dir != null, "no real PSG files (-DrealPsg=DIR, docs/scoring.md): real PSG checks skipped");
        Path f = dir.resolve("events").resolve(name);
        assumeTrue(Files.isRegularFile(f), f + " is not here");
        return f;
    }

    private static ImportedNight score(Path f) throws InputException {
        return ImportedNight.score(new ImportedNight.Request(f, null, f, f, f, ScoringStandard.WASM2016,
                EventLabels.defaults()));
    }

    static final String BC1 = "BC1-Events.txt";
    static final String G20877 = "G20877_V1N2 AidRLS-Events.txt";
    static final String MJ1 = "MJ1-Events.txt";
    static final String RZ0010 = "RZ0010_V1N2 RestEaze-Events.txt";

    @Test
    void bc1LeftLegOnTwoDerivationsScoresAsThePeers() throws InputException {
        Path f = export(BC1);
        NightMetrics m = score(f).metrics();
        // PLMScoRe and MATPLM on this file: 15 LMs, 13 PLMs
        assertEquals(15, m.analysable().lm());
        assertEquals(13, m.analysable().plm());
        // without joining the two derivations of the left leg the same events give 22 LMs and 5 PLMs
        RemLogicExport x = RemLogicExport.read(f, EventLabels.defaults());
        ScoringResult raw = PlmScorer.scoreAll(x.legMovements(EventLabels.defaults()), ScoringStandard.WASM2016,
                ScoringContext.NONE);
        NightMetrics unjoined = NightMetrics.compute(raw, x.recordedS(), List.of(new TimeInterval(0, x.recordedS())), null);
        assertEquals(22, unjoined.analysable().lm());
        assertEquals(5, unjoined.analysable().plm());
    }

    @Test
    void mj1PlmnrIsRescoredWithoutRespiratoryMovementsAsThePeers() throws InputException {
        ImportedNight n = score(export(MJ1));
        // PLMScoRe on this file: PLMnr 18
        assertEquals(18, n.metrics().analysable().plmnr());
        long periodicNotRespiratory = n.result().movements().stream()
                .filter(mv -> !mv.merged() && mv.periodic() && !mv.respiratory()).count();
        assertEquals(39, periodicNotRespiratory, "the earlier reading (periodic and not respiratory) gave 39");
        assertTrue(n.result().movements().stream().anyMatch(mv -> mv.candidate() && mv.respiratory()));
    }

    @Test
    void everyNightNoRespiratoryCandidateMeansPlmnrEqualsPlm() throws InputException {
        for (String name : List.of(BC1, G20877, MJ1, RZ0010)) {
            ImportedNight n = score(export(name));
            boolean anyRespiratory = n.result().movements().stream().anyMatch(mv -> mv.candidate() && mv.respiratory());
            if (!anyRespiratory) {
                assertEquals(n.metrics().analysable().plm(), n.metrics().analysable().plmnr(), name);
            }
        }
    }

    @Test
    void everyNightScoresTheSameWhenEachLegIsScoredOnASecondDerivation() throws InputException {
        for (String name : List.of(BC1, G20877, MJ1, RZ0010)) {
            Path f = export(name);
            ImportedNight once = score(f);
            RemLogicExport x = RemLogicExport.read(f, EventLabels.defaults());
            List<LegMovement> doubled = new ArrayList<>();
            for (LegMovement lm : x.legMovements(EventLabels.defaults())) {
                doubled.add(lm);
                // the same movement seen on a second channel: starts 0.2 s later, ends 0.1 s earlier
                if (lm.durationS() > 0.3) {
                    doubled.add(LegMovement.of(lm.onsetS() + 0.2, lm.offsetS() - 0.1, lm.leg()));
                }
            }
            ScoringResult r = PlmScorer.scoreAll(org.plmmonitor.analysis.score.SameLegMerge.merge(doubled),
                    ScoringStandard.WASM2016, once.result().context());
            assertEquals(keys(once.result()), keys(r), name);
        }
    }

    private static List<String> keys(ScoringResult r) {
        return r.movements().stream().map(m -> String.format(Locale.ROOT, "%s@%.3f-%.3f c%s p%s r%s",
                m.movement().leg(), m.onsetS(), m.movement().offsetS(), m.candidate(), m.periodic(), m.respiratory()))
                .toList();
    }

    @Test
    void everyNightSleepAndWakeAreTheStagedEpochs() throws InputException, IOException {
        for (String name : List.of(BC1, G20877, MJ1, RZ0010)) {
            Path f = export(name);
            NightMetrics m = score(f).metrics();
            double sleepS = 0;
            double wakeS = 0;
            double first = Double.MAX_VALUE;
            double last = 0;
            // a plain second reading of the table: 30-s stages by name, times from the clock column
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                String[] c = line.split("\t");
                if (c.length < 3 || !c[1].trim().startsWith("SLEEP-")) {
                    continue;
                }
                double d = Double.parseDouble(c[2].trim());
                double t = java.time.LocalDateTime.parse(c[0].trim()).toEpochSecond(java.time.ZoneOffset.UTC);
                first = Math.min(first, t);
                last = Math.max(last, t + d);
                if (c[1].trim().equals("SLEEP-S0")) {
                    wakeS += d;
                } else {
                    sleepS += d;
                }
            }
            assertEquals(sleepS, m.sleep().durationS(), 1e-6, name);
            assertEquals(wakeS, m.wake().durationS(), 1e-6, name);
            assertEquals(last - first, m.recorded().durationS(), 1e-6, name);
            assertEquals(m.analysable().plm(), m.sleep().plm() + m.wake().plm(), name + ": every PLM in a scored epoch");
            assertTrue(m.periodicityIndexSleep() != null, name);
        }
    }

    @Test
    void sleepEdfHypnogramUnscoredEpochsAreNeitherSleepNorWake() throws InputException {
        Path dir = realPsg();
        assumeTrue(dir != null, "no real PSG files (-DrealPsg=DIR, docs/scoring.md): real PSG checks skipped");
        Path f = dir.resolve("edf").resolve("edfio_SC4001EC-Hypnogram.edf");
        assumeTrue(Files.isRegularFile(f), f + " is not here");
        EdfAnnotations a = EdfAnnotations.read(f);
        EventLabels l = EventLabels.defaults();
        double staged = 0;
        double wakeStaged = 0;
        double unscored = 0;
        for (Annotation x : a.annotations()) {
            if (x.text().equals("Sleep stage W")) {
                wakeStaged += x.durationS();
            } else if (x.text().equals("Sleep stage ?")) {
                unscored += x.durationS();
            }
            if (x.text().startsWith("Sleep stage")) {
                staged += x.durationS();
            }
        }
        assertTrue(unscored > 0, "the file has unscored epochs");
        double wake = total(EdfEvents.wake(a, l));
        double sleep = total(EdfEvents.sleep(a, l));
        assertEquals(wakeStaged, wake, 1e-6);
        assertEquals(staged - unscored, wake + sleep, 1e-6);
        // the report: an unscored stretch counts in neither denominator
        NightMetrics m = NightMetrics.compute(PlmScorer.scoreAll(List.of(), ScoringStandard.WASM2016, ScoringContext.NONE),
                staged, List.of(new TimeInterval(0, staged)), EdfEvents.sleep(a, l), EdfEvents.wake(a, l));
        assertEquals(staged - unscored, m.sleep().durationS() + m.wake().durationS(), 1e-6);
    }

    private static double total(List<TimeInterval> in) {
        return in.stream().mapToDouble(i -> i.endS() - i.startS()).sum();
    }

    @Test
    void findsTheFolderFromTheModuleDirectory() {
        Path dir = realPsg();
        assumeTrue(dir != null, "no real PSG files (-DrealPsg=DIR, docs/scoring.md): real PSG checks skipped");
        try (Stream<Path> s = Files.list(dir.resolve("events"))) {
            assertEquals(4, s.filter(p -> p.toString().endsWith(".txt")).count());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
