package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.compare.DiaryDay;
import org.plmmonitor.analysis.compare.Factors;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.DiaryFactors;
import org.plmmonitor.analysis.diary.IronStarts;
import org.plmmonitor.analysis.diary.LabResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds a {@link TrendsView} from nights, diary and lab results (no I/O: the caller reads the store). */
public final class TrendsViews {
    /** The measure every trend shows. */
    public static final String MEASURE = "PLM per hour in bed (ankle accelerometry)";

    private TrendsViews() {
    }

    /**
     * @param from    first night
     * @param to      last night
     * @param nights  nights, any order, one per date; those outside the period are ignored
     * @param diary   diary evenings, any order, one per date: all of them (iron starts before the period
     *                still mark windows inside it), those in the period also give markers and factors
     * @param labs    blood tests, any order; those outside the period are ignored
     * @param options the factor comparison's resamples, seed and levels ({@link CompareOptions#DEFAULT})
     * @param sources where the data came from, for the page's provenance
     * @return the view
     */
    public static TrendsView of(LocalDate from, LocalDate to, List<NightIndex> nights, List<DiaryEntry> diary,
                                List<LabResult> labs, CompareOptions options, List<String> sources) {
        List<NightIndex> in = nights.stream().filter(n -> inside(n.date(), from, to))
                .sorted(Comparator.comparing(NightIndex::date)).toList();
        List<DiaryEntry> evenings = diary.stream().filter(e -> inside(e.date(), from, to))
                .sorted(Comparator.comparing(DiaryEntry::date)).toList();
        Map<LocalDate, List<String>> markers = new TreeMap<>();
        List<DiaryDay> days = new ArrayList<>();
        for (DiaryEntry e : evenings) {
            List<String> m = DiaryFactors.markers(e);
            if (!m.isEmpty()) {
                markers.put(e.date(), m);
            }
            days.add(DiaryFactors.day(e));
        }
        List<LocalDate> starts = IronStarts.of(diary).stream()
                .filter(d -> !d.isAfter(to) && !d.plusDays(IronStarts.FULL_EFFECT_DAYS).isBefore(from)).toList();
        List<LabResult> inLabs = labs.stream().filter(l -> inside(l.date(), from, to))
                .sorted(Comparator.comparing(LabResult::date)).toList();
        return new TrendsView(from, to, MEASURE, in, RollingMedian.of(in), inLabs, starts, markers, evenings.size(),
                Factors.compare(in, days, DiaryFactors.RULES, MEASURE, options), sources);
    }

    /**
     * A night's index as its morning report gives it, read the same way wherever the report came from (the
     * store, an export's nights).
     *
     * @param date   the night
     * @param report the night's JSON report (the keys of docs/contracts.md)
     * @return {@code summary.plm_per_h} (NaN when null: no analysable time) and {@code summary.analysable_s}; empty
     *         when the report has no summary with an analysable time
     */
    public static Optional<NightIndex> index(LocalDate date, Map<?, ?> report) {
        if (report.get("summary") instanceof Map<?, ?> s && s.get("analysable_s") instanceof Number a) {
            double idx = s.get("plm_per_h") instanceof Number p ? p.doubleValue() : Double.NaN;
            return Optional.of(NightIndex.of(date, idx, a.doubleValue()));
        }
        return Optional.empty();
    }

    private static boolean inside(LocalDate d, LocalDate from, LocalDate to) {
        return !d.isBefore(from) && !d.isAfter(to);
    }
}
