package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.IronStarts;
import org.plmmonitor.analysis.diary.LabResult;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the trends' charts plot, decided once from a {@link TrendsView} and handed to both painters (the page's
 * SVG in {@link TrendsReport}, the export's PDF), so that the two cannot plot different things: the y axis
 * (from zero to {@link #yMax}, with its grid), the nights (one point each, the view's own
 * {@link NightIndex}es with their reasons), the rolling median cut into runs of consecutive nights (never
 * joined across a hole), the iron windows and lines, the date ticks, and the two blood-test charts.
 * Positions are fractions of the plot area, so each painter only scales them to its own units.
 *
 * @param view        the view the chart was made from (nights, markers, rolling median, labs)
 * @param yMax        top of the nightly chart's y axis, per hour (&gt; 0); the axis starts at 0
 * @param grid        the y values of the grid lines with labels, per hour, from 0 to {@code yMax}
 * @param rollingRuns the rolling median's points in runs of consecutive nights (each run drawn as one line and
 *                    band, never joined to the next)
 * @param ironWindows one per iron start of the view, with the part of its weeks 6-8 that lies in the period
 * @param ironLines   the iron starts and their full-effect dates (about 3 months later) that lie in the period
 * @param ticks       the dates that get a tick and label on the x axis
 * @param ferritin    the ferritin chart
 * @param tsat        the transferrin-saturation chart
 */
public record TrendsChart(TrendsView view, double yMax, List<Double> grid, List<List<RollingMedian.Point>> rollingRuns,
                          List<IronWindow> ironWindows, List<IronLine> ironLines, List<LocalDate> ticks,
                          LabChart ferritin, LabChart tsat) {
    /** The y axis is at least this high, per hour, so a period of low nights is not blown up. */
    static final double MIN_Y_MAX = 5;

    /** The legend of the nightly chart: what each mark means, with the page's CSS class of its swatch. */
    public enum Key {
        /** A usable night's point. */
        USABLE("pt", "usable night (4 h or more analysable)"),
        /** A night left out of the trend. */
        LEFT_OUT("excl", "night left out (reason in its tooltip and the table)"),
        /** The rolling median and its band. */
        ROLLING("roll", "rolling median of the last " + RollingMedian.WINDOW_DAYS + " days, band: middle half of those nights"),
        /** Weeks 6-8 after an iron start. */
        IRON("iron", "weeks 6\u20138 after an iron start"),
        /** A diary evening with something noted. */
        DIARY("mark", "diary entry with something noted");

        private final String css;
        private final String text;

        Key(String css, String text) {
            this.css = css;
            this.text = text;
        }

        /** @return the CSS class of the page's swatch */
        public String css() {
            return css;
        }

        /** @return what the mark means */
        public String text() {
            return text;
        }
    }

    public TrendsChart {
        Objects.requireNonNull(view, "view");
        grid = List.copyOf(grid);
        rollingRuns = rollingRuns.stream().map(List::copyOf).toList();
        ironWindows = List.copyOf(ironWindows);
        ironLines = List.copyOf(ironLines);
        ticks = List.copyOf(ticks);
    }

    /**
     * The weeks after an iron start when iron begins to show ({@link IronStarts#SHOWS_FROM_DAYS} to
     * {@link IronStarts#SHOWS_TO_DAYS} days), clipped to the period.
     *
     * @param start the iron start (may lie before the period)
     * @param from  first night of the window inside the period
     * @param to    last night of the window inside the period; before {@code from} when none of it is inside
     */
    public record IronWindow(LocalDate start, LocalDate from, LocalDate to) {
        /** @return true when part of the window lies in the period */
        public boolean shown() {
            return !from.isAfter(to);
        }
    }

    /**
     * A vertical line at an iron start or at its full effect.
     *
     * @param date       where the line stands, inside the period
     * @param start      the iron start it belongs to
     * @param fullEffect true for the full-effect line ({@link IronStarts#FULL_EFFECT_DAYS} after the start)
     */
    public record IronLine(LocalDate date, LocalDate start, boolean fullEffect) {
        /** @return the line's description, e.g. "iron start 2026-09-01" */
        public String title() {
            return fullEffect ? "about 3 months after the iron start of " + start + ": full effect" : "iron start " + start;
        }
    }

    /**
     * One blood-test chart on the nights' calendar axis.
     *
     * @param key    {@code ferritin} or {@code tsat} (the page's CSS class)
     * @param title  what is plotted with its unit, e.g. "Ferritin, ng/mL"
     * @param unit   the unit written beside a guide, e.g. " ng/mL"
     * @param guides the guide values (75 and 100 ng/mL; 20 %)
     * @param yMax   top of the y axis (from 0)
     * @param points the results with a value, by date
     */
    public record LabChart(String key, String title, String unit, List<Double> guides, double yMax, List<LabPoint> points) {
        public LabChart {
            guides = List.copyOf(guides);
            points = List.copyOf(points);
        }

        /** @return the chart's caption, e.g. "Ferritin, ng/mL, 2 results in the period, on the nights' calendar axis" */
        public String caption() {
            int n = points.size();
            return title + ", " + n + " result" + (n == 1 ? "" : "s") + " in the period, on the nights' calendar axis";
        }
    }

    /**
     * @param date  the day of the blood test
     * @param value its value in the chart's unit
     */
    public record LabPoint(LocalDate date, double value) {
    }

    /**
     * @param v the view
     * @return what its charts plot
     */
    public static TrendsChart of(TrendsView v) {
        double max = MIN_Y_MAX;
        for (NightIndex n : v.nights()) {
            if (!Double.isNaN(n.indexPerH())) {
                max = Math.max(max, n.indexPerH());
            }
        }
        for (RollingMedian.Point p : v.rolling()) {
            max = Math.max(max, p.q75());
        }
        double yMax = niceMax(max * 1.05);
        int divisions = gridDivisions(yMax);
        List<Double> grid = new ArrayList<>();
        for (int k = 0; k <= divisions; k++) {
            grid.add(yMax * k / divisions);
        }
        List<IronWindow> windows = new ArrayList<>();
        List<IronLine> lines = new ArrayList<>();
        for (LocalDate s : v.ironStarts()) {
            LocalDate a = max(s.plusDays(IronStarts.SHOWS_FROM_DAYS), v.from());
            LocalDate z = min(s.plusDays(IronStarts.SHOWS_TO_DAYS), v.to());
            windows.add(new IronWindow(s, a, z));
            for (IronLine l : List.of(new IronLine(s, s, false), new IronLine(s.plusDays(IronStarts.FULL_EFFECT_DAYS), s, true))) {
                if (!l.date().isBefore(v.from()) && !l.date().isAfter(v.to())) {
                    lines.add(l);
                }
            }
        }
        int every = v.days() <= 14 ? 1 : v.days() <= 70 ? 7 : v.days() <= 200 ? 14 : 28;
        List<LocalDate> ticks = new ArrayList<>();
        for (LocalDate d = v.from(); !d.isAfter(v.to()); d = d.plusDays(every)) {
            ticks.add(d);
        }
        return new TrendsChart(v, yMax, grid, runs(v.rolling()), windows, lines, ticks,
                lab(v, "ferritin", "Ferritin, ng/mL", " ng/mL", LabResult::ferritinNgMl, List.of(75.0, 100.0), 150),
                lab(v, "tsat", "Transferrin saturation, %", " %", LabResult::tsatPct, List.of(20.0), 50));
    }

    /** @return the nightly chart's title, e.g. "PLM per hour in bed (ankle accelerometry), night by night, 2026-10-01 to 2026-10-14" */
    public String title() {
        return view.measure() + ", night by night, " + view.from() + " to " + view.to();
    }

    /** @return what the nightly chart shows in one sentence: nights recorded and usable, and the y axis */
    public String description() {
        return view.nights().size() + " nights recorded of " + view.days() + ", " + view.usable().size()
                + " usable; one point per night, not joined; y axis from 0 to " + Xml.num(yMax, 0) + ".";
    }

    /**
     * @param d a night of the period
     * @return the centre of its slot on the x axis, as a fraction of the plot's width (0-1)
     */
    public double x(LocalDate d) {
        return (ChronoUnit.DAYS.between(view.from(), d) + 0.5) / view.days();
    }

    /** @return the width of one night's slot, as a fraction of the plot's width */
    public double slot() {
        return 1.0 / view.days();
    }

    private static LabChart lab(TrendsView v, String key, String title, String unit, Function<LabResult, Double> value,
                                List<Double> guides, double minMax) {
        double max = minMax;
        List<LabPoint> points = new ArrayList<>();
        for (LabResult r : v.labs()) {
            Double val = value.apply(r);
            if (val != null) {
                max = Math.max(max, val);
                points.add(new LabPoint(r.date(), val));
            }
        }
        for (double g : guides) {
            max = Math.max(max, g);
        }
        double yMax = key.equals("tsat") ? Math.max(50, niceMax(max * 1.1)) : niceMax(max * 1.1);
        return new LabChart(key, title, unit, guides, yMax, points);
    }

    private static List<List<RollingMedian.Point>> runs(List<RollingMedian.Point> pts) {
        List<List<RollingMedian.Point>> out = new ArrayList<>();
        List<RollingMedian.Point> cur = new ArrayList<>();
        for (RollingMedian.Point p : pts) {
            if (!cur.isEmpty() && ChronoUnit.DAYS.between(cur.get(cur.size() - 1).date(), p.date()) != 1) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(p);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private static double niceMax(double m) {
        double[] steps = {5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000};
        for (double s : steps) {
            if (m <= s) {
                return s;
            }
        }
        return Math.ceil(m / 1000) * 1000;
    }

    /** @return grid divisions that give whole-number labels for a {@link #niceMax} value */
    private static int gridDivisions(double yMax) {
        for (int d : new int[] {5, 4}) {
            if (yMax % d == 0 && (yMax / d) % 1 == 0 && (yMax / d) >= 1) {
                return d;
            }
        }
        return 4;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
