package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.compare.FactorResult;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.LabResult;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a trends page shows, built by {@link TrendsViews#of}; immutable. Rendered by
 * {@link TrendsReport} for the static file and the web page, and by the export's PDF, both painting the same
 * {@link TrendsChart} and {@link TrendsTables} made from it.
 *
 * @param from       first night of the period
 * @param to         last night, not before {@code from}, at most {@link #MAX_DAYS} nights later
 * @param measure    what the index is, with its unit, e.g. "PLM per hour in bed (ankle accelerometry)"
 * @param nights     the period's nights, one per date, by date (a night not listed was not recorded)
 * @param rolling    the rolling median ({@link RollingMedian})
 * @param labs       blood tests in the period, by date
 * @param ironStarts iron starts whose windows reach into the period, by date (may lie before {@code from})
 * @param markers    diary words per evening in the period, by date (evenings with nothing notable left out)
 * @param diaryDays  evenings in the period with a diary entry
 * @param factors    one result per diary factor
 * @param sources    where the data was read, for the provenance
 */
public record TrendsView(LocalDate from, LocalDate to, String measure, List<NightIndex> nights,
                         List<RollingMedian.Point> rolling, List<LabResult> labs, List<LocalDate> ironStarts,
                         Map<LocalDate, List<String>> markers, int diaryDays, List<FactorResult> factors,
                         List<String> sources) {
    /** The longest period drawn, nights. */
    public static final int MAX_DAYS = 400;

    public TrendsView {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(measure, "measure");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("trend period ends (" + to + ") before it starts (" + from + ")");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("trend period " + from + " to " + to + " is " + days(from, to)
                    + " nights, more than " + MAX_DAYS);
        }
        nights = List.copyOf(nights);
        rolling = List.copyOf(rolling);
        labs = List.copyOf(labs);
        ironStarts = List.copyOf(ironStarts);
        markers = java.util.Collections.unmodifiableMap(new TreeMap<>(markers));
        factors = List.copyOf(factors);
        sources = List.copyOf(sources);
    }

    /** @return nights in the period, both ends included */
    public int days() {
        return days(from, to);
    }

    /** @return the usable nights */
    public List<NightIndex> usable() {
        return nights.stream().filter(NightIndex::usable).toList();
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
