package org.plmmonitor.analysis.compare;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactorsTest {
    private static final CompareOptions OPT = new CompareOptions(1000, 1000, 5L, 0.95, 0.30, 0.80, 3);
    private static final LocalDate D0 = LocalDate.of(2026, 11, 1);
    private static final FactorRule ALCOHOL = new FactorRule("alcohol_units", "with alcohol", "without alcohol", 1);
    private static final FactorRule CAFFEINE = new FactorRule("caffeine_after_noon", "with caffeine after noon",
            "without caffeine after noon", 12);

    @Test
    void aFactorWithEnoughNightsIsComparedAndTheRestCannotTellYet() {
        Random r = new Random(1);
        List<NightIndex> nights = new ArrayList<>();
        List<DiaryDay> diary = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            boolean alcohol = i % 2 == 0;
            nights.add(NightIndex.of(D0.plusDays(i), (alcohol ? 30 : 10) + r.nextGaussian(), 7 * 3600));
            // caffeine (hour of the last cup) only recorded on 4 evenings, all before noon but one
            Map<String, FactorValue> v = i < 4
                    ? Map.of("alcohol_units", new FactorValue.Amount(alcohol ? 2 : 0),
                    "caffeine_after_noon", new FactorValue.Amount(i == 0 ? 15.5 : 9))
                    : Map.of("alcohol_units", new FactorValue.Amount(alcohol ? 1 : 0.5));
            diary.add(new DiaryDay(D0.plusDays(i), v));
        }
        List<FactorResult> res = Factors.compare(nights, diary, List.of(ALCOHOL, CAFFEINE), "PLM per hour in bed", OPT);
        assertEquals(2, res.size());
        Comparison.Compared alc = assertInstanceOf(Comparison.Compared.class, res.get(0).comparison());
        assertEquals(7, alc.nightsA());
        assertEquals(7, alc.nightsB());
        assertTrue(alc.ciLow() > 15, alc.text());
        assertTrue(alc.text().contains("over 7 nights with alcohol"), alc.text());
        GroupComparerTest.assertNoCausalWords(alc.text());

        Comparison.CannotTellYet caf = assertInstanceOf(Comparison.CannotTellYet.class, res.get(1).comparison());
        assertEquals(3, caf.nightsA());
        assertEquals(1, caf.nightsB());
        assertEquals(10, res.get(1).left().size());
        assertEquals("not recorded in the diary", res.get(1).left().get(0).reason());
    }

    @Test
    void unusableNightsAreLeftOutWithTheirReason() {
        List<NightIndex> nights = List.of(
                NightIndex.of(D0, 10, 3 * 3600),
                new NightIndex(D0.plusDays(1), 12, 8 * 3600, Optional.of("sensor unworn")),
                NightIndex.of(D0.plusDays(2), 11, 5 * 3600),
                NightIndex.of(D0.plusDays(3), Double.NaN, 5 * 3600),
                NightIndex.of(D0.plusDays(4), 11, 5 * 3600));
        List<DiaryDay> diary = List.of(new DiaryDay(D0, Map.of("alcohol_units", new FactorValue.Flag(true))),
                new DiaryDay(D0.plusDays(2), Map.of("alcohol_units", new FactorValue.Flag(true))));
        FactorResult r = Factors.compare(nights, diary, List.of(ALCOHOL), "PLM/h", OPT).get(0);
        assertEquals(List.of(new FactorResult.LeftOut(D0, "3.0 h analysable, under 4 h"),
                new FactorResult.LeftOut(D0.plusDays(1), "sensor unworn"),
                new FactorResult.LeftOut(D0.plusDays(3), "no index"),
                new FactorResult.LeftOut(D0.plusDays(4), "no diary entry")), r.left());
        assertEquals(0, r.comparison().nightsA());
        assertEquals(1, r.comparison().nightsB());
        assertTrue(new NightIndex(D0, 1, NightIndex.USABLE_S, Optional.empty()).usable(), "4 h exactly is usable");
    }

    @Test
    void thresholdsDecidePresence() {
        assertTrue(CAFFEINE.present(new FactorValue.Amount(12)));
        assertTrue(!CAFFEINE.present(new FactorValue.Amount(11.99)));
        assertTrue(ALCOHOL.present(new FactorValue.Flag(true)));
        assertTrue(!ALCOHOL.present(new FactorValue.Flag(false)));
    }

    @Test
    void duplicateDatesAreRefused() {
        List<NightIndex> two = List.of(NightIndex.of(D0, 1, 5 * 3600), NightIndex.of(D0, 2, 5 * 3600));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Factors.compare(two, List.of(), FactorRule.DEFAULTS, "PLM/h", OPT));
        assertTrue(e.getMessage().contains("2026-11-01"));
    }
}
