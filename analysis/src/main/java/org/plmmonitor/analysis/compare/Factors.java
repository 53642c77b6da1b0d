package org.plmmonitor.analysis.compare;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * For each diary factor, the nights with it against the nights without it ({@link GroupComparer}): a night
 * takes part when it is usable and its evening's diary recorded the factor. Nights and diary evenings are
 * joined by date (a night is named by its evening). Each factor has its own draws, seeded from the options'
 * seed and the factor's position, so adding a factor at the end changes no earlier result.
 */
public final class Factors {
    private Factors() {
    }

    /**
     * @param nights  the nights, one per date
     * @param diary   the diary evenings, one per date
     * @param rules   the factors to compare, e.g. {@link FactorRule#DEFAULTS}
     * @param measure what the index is, with its unit, for the texts
     * @param options resamples, seed, levels
     * @return one result per rule, in the rules' order
     * @throws IllegalArgumentException when two nights or two diary evenings share a date
     */
    public static List<FactorResult> compare(List<NightIndex> nights, List<DiaryDay> diary, List<FactorRule> rules,
                                             String measure, CompareOptions options) {
        Objects.requireNonNull(options, "options");
        Map<LocalDate, DiaryDay> byDate = new HashMap<>();
        for (DiaryDay d : diary) {
            if (byDate.put(d.date(), d) != null) {
                throw new IllegalArgumentException("two diary entries for the evening of " + d.date());
            }
        }
        Set<LocalDate> seen = new HashSet<>();
        for (NightIndex n : nights) {
            if (!seen.add(n.date())) {
                throw new IllegalArgumentException("two nights named " + n.date());
            }
        }
        List<FactorResult> out = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            FactorRule rule = rules.get(r);
            List<Observation> obs = new ArrayList<>();
            List<FactorResult.LeftOut> left = new ArrayList<>();
            for (NightIndex n : nights) {
                if (n.reasonNotUsable().isPresent()) {
                    left.add(new FactorResult.LeftOut(n.date(), n.reasonNotUsable().get()));
                    continue;
                }
                DiaryDay d = byDate.get(n.date());
                FactorValue v = d == null ? null : d.values().get(rule.key());
                if (v == null) {
                    left.add(new FactorResult.LeftOut(n.date(), d == null ? "no diary entry" : "not recorded in the diary"));
                    continue;
                }
                obs.add(new Observation(n.indexPerH(), rule.present(v) ? Side.B : Side.A, 0));
            }
            Labels labels = new Labels(measure, rule.absentLabel(), rule.presentLabel());
            // Distinct, reproducible streams per factor (a fixed odd multiplier spreads neighbouring seeds).
            CompareOptions own = options.withSeed(options.seed() + 0x9E3779B97F4A7C15L * r);
            out.add(new FactorResult(rule, GroupComparer.compare(obs, labels, own), left));
        }
        return List.copyOf(out);
    }
}
