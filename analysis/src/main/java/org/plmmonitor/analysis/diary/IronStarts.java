package org.plmmonitor.analysis.diary;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a course of iron begins, and the windows after it that a trend marks (docs/domain.md section 1:
 * iron takes 6-8 weeks to show and about three months to act fully).
 */
public final class IronStarts {
    /** Evenings without recorded iron after which iron again counts as a new start. */
    public static final int GAP_DAYS = 14;
    /** Days after a start when iron begins to show: 6 weeks ... */
    public static final int SHOWS_FROM_DAYS = 42;
    /** ... to 8 weeks. */
    public static final int SHOWS_TO_DAYS = 56;
    /** Days after a start to its full effect (about 3 months). */
    public static final int FULL_EFFECT_DAYS = 90;

    private IronStarts() {
    }

    /**
     * @param entries evenings, any order
     * @return the dates of iron starts, ascending: an evening with iron whose previous iron evening (if any) is
     *         more than {@link #GAP_DAYS} days before it
     */
    public static List<LocalDate> of(List<DiaryEntry> entries) {
        List<LocalDate> iron = entries.stream().filter(DiaryEntry::tookIron).map(DiaryEntry::date)
                .sorted(Comparator.naturalOrder()).toList();
        List<LocalDate> starts = new ArrayList<>();
        LocalDate last = null;
        for (LocalDate d : iron) {
            if (last == null || ChronoUnit.DAYS.between(last, d) > GAP_DAYS) {
                starts.add(d);
            }
            last = d;
        }
        return List.copyOf(starts);
    }
}
