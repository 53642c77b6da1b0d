package org.plmmonitor.analysis.diary;

import org.plmmonitor.analysis.compare.DiaryDay;
import org.plmmonitor.analysis.compare.FactorRule;
import org.plmmonitor.analysis.compare.FactorValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How an evening's diary becomes the factor values the comparison reads ({@link DiaryDay}), and the short
 * words a trend page puts on its axis. A factor the evening did not record is left out of the map (the
 * comparison then leaves that night out of that factor), never taken as absent.
 */
public final class DiaryFactors {
    /**
     * The factors compared: {@link FactorRule#DEFAULTS} followed by massage and the contrast shower (the other
     * things people try, docs/domain.md section 1). Appended, so the default factors keep their seeds.
     */
    public static final List<FactorRule> RULES;

    static {
        List<FactorRule> r = new ArrayList<>(FactorRule.DEFAULTS);
        r.add(new FactorRule("massage", "with a leg massage", "without a leg massage", 1));
        r.add(new FactorRule("contrast_shower", "with a contrast shower", "without a contrast shower", 1));
        RULES = List.copyOf(r);
    }

    private DiaryFactors() {
    }

    /**
     * @param e an evening
     * @return its factor values, keyed as {@link #RULES}
     */
    public static DiaryDay day(DiaryEntry e) {
        Map<String, FactorValue> v = new HashMap<>();
        if (e.caffeine() != null) {
            // The rule's threshold is a local hour: none that day counts as absent.
            v.put("caffeine_after_noon", e.caffeine()
                    ? new FactorValue.Amount(e.caffeineLast().getHour() + e.caffeineLast().getMinute() / 60.0)
                    : new FactorValue.Flag(false));
        }
        if (e.alcoholUnits() != null) {
            v.put("alcohol_units", new FactorValue.Amount(e.alcoholUnits()));
        }
        flag(v, "nicotine", e.nicotine());
        if (e.exerciseMin() != null) {
            v.put("evening_exercise_min", new FactorValue.Amount(e.exerciseMin()));
        }
        if (e.medicines() != null) {
            v.put("aggravating_medicine", new FactorValue.Flag(e.medicines().stream().anyMatch(KnownMedicine::aggravates)));
        }
        flag(v, "compression", e.compression());
        flag(v, "massage", e.massage());
        flag(v, "contrast_shower", e.contrastShower());
        return new DiaryDay(e.date(), v);
    }

    /**
     * @param e an evening
     * @return a few words per factor present that evening and per intake worth seeing on a trend axis, e.g.
     *         "alcohol 2 u", "caffeine 16:00", "iron 65 mg", "symptoms 7/10"; empty when nothing notable
     */
    public static List<String> markers(DiaryEntry e) {
        List<String> m = new ArrayList<>();
        if (Boolean.TRUE.equals(e.caffeine()) && e.caffeineLast().getHour() >= 12) {
            m.add("caffeine " + DiaryCells.time(e.caffeineLast()));
        }
        if (e.alcoholUnits() != null && e.alcoholUnits() > 0) {
            m.add("alcohol " + DiaryCells.number(e.alcoholUnits()) + " u");
        }
        if (Boolean.TRUE.equals(e.nicotine())) {
            m.add("nicotine");
        }
        if (e.medicines() != null && !e.medicines().isEmpty()) {
            m.add(String.join(", ", e.medicines().stream().map(KnownMedicine::code).toList()));
        }
        if (e.rlsMedicines() != null) {
            e.rlsMedicines().forEach(r -> m.add(r.name() + " " + r.dose()));
        }
        if (e.exerciseMin() != null && e.exerciseMin() > 0) {
            m.add("exercise " + e.exerciseMin() + " min");
        }
        if (Boolean.TRUE.equals(e.massage())) {
            m.add("massage");
        }
        if (Boolean.TRUE.equals(e.compression())) {
            m.add("compression");
        }
        if (Boolean.TRUE.equals(e.contrastShower())) {
            m.add("contrast shower");
        }
        if (e.tookIron()) {
            m.add("iron " + DiaryCells.number(e.ironMg()) + " mg");
        }
        if (e.symptomRating() != null) {
            m.add("symptoms " + e.symptomRating() + "/10");
        }
        return List.copyOf(m);
    }

    private static void flag(Map<String, FactorValue> v, String key, Boolean b) {
        if (b != null) {
            v.put(key, new FactorValue.Flag(b));
        }
    }
}
