package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.compare.NightIndex;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rolling median of a trend (docs/contracts.md, "Trends"): at each night, the median of the usable
 * nights of the {@link #WINDOW_DAYS} calendar days ending with it, and the 25th and 75th percentiles of
 * those nights as its spread; only where the window holds at least {@link #MIN_NIGHTS} usable nights.
 */
public final class RollingMedian {
    /** Calendar days in the window, the night itself included. */
    public static final int WINDOW_DAYS = 7;
    /** Usable nights a window needs before it has a median. */
    public static final int MIN_NIGHTS = 3;

    private RollingMedian() {
    }

    /**
     * One point of the rolling median.
     *
     * @param date   the night the window ends with (a usable night)
     * @param median median of the window's usable nights, per hour
     * @param q25    their 25th percentile (linear interpolation), per hour
     * @param q75    their 75th percentile, per hour
     * @param nights usable nights in the window, &gt;= {@link #MIN_NIGHTS}
     */
    public record Point(LocalDate date, double median, double q25, double q75, int nights) {
        public Point {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * @param nights nights, any order, one per date
     * @return one point per usable night whose window has enough usable nights, by date
     */
    public static List<Point> of(List<NightIndex> nights) {
        List<NightIndex> usable = nights.stream().filter(NightIndex::usable)
                .sorted((a, b) -> a.date().compareTo(b.date())).toList();
        List<Point> out = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < usable.size(); i++) {
            LocalDate d = usable.get(i).date();
            while (ChronoUnit.DAYS.between(usable.get(first).date(), d) >= WINDOW_DAYS) {
                first++;
            }
            int n = i - first + 1;
            if (n >= MIN_NIGHTS) {
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    v[k] = usable.get(first + k).indexPerH();
                }
                Arrays.sort(v);
                out.add(new Point(d, quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), n));
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param sorted values in ascending order, at least one
     * @param q      the quantile, 0-1
     * @return the quantile by linear interpolation between order statistics
     */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
