package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.compare.FactorResult;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.IronStarts;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static org.plmmonitor.analysis.report.html.Xml.c;
import static org.plmmonitor.analysis.report.html.Xml.esc;
import static org.plmmonitor.analysis.report.html.Xml.num;

/**
 * Renders a {@link TrendsView}: the nights of a period on a calendar axis, iron status on the same axis,
 * diary markers and the factors table, as well-formed XHTML with inline SVG (no script, nothing fetched),
 * in the morning report's style. {@link #fragment} is the body for pages with their own frame (the web),
 * {@link #document} a stand-alone file; {@link #factorsTable} and {@link #statement} are the parts a web
 * page may show on their own.
 */
public final class TrendsReport {
    private static final double LEFT = 56;
    private static final double WIDTH = 920;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);

    /** The trends' caveat, after "Not a diagnosis." (the PDF says it too). */
    public static final String CAVEAT = "The numbers are periodic leg movements per hour in bed seen by ankle sensors, which "
            + "see fewer movements than a sleep laboratory's leg EMG; they are not comparable with the 15 per hour threshold "
            + "of a sleep study.";

    /** What the page says when the period has no blood test. */
    public static final String NO_LABS = "No ferritin or TSAT result in this period.";

    private TrendsReport() {
    }

    /** @return a complete XHTML document (UTF-8) holding {@link #fragment} */
    public static String document(TrendsView v) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>Nights " + v.from() + " to " + v.to() + ": trends</title><style>" + MorningReport.CSS + CSS
                + "</style></head><body>" + fragment(v) + "</body></html>\n";
    }

    /** @return the trends' own style rules (after the morning report's), for pages that serve a style sheet file */
    public static String styleSheet() {
        return CSS;
    }

    /** @return the trends as one {@code main} element, without document frame or style sheet */
    public static String fragment(TrendsView v) {
        TrendsChart chart = TrendsChart.of(v);
        StringBuilder b = new StringBuilder();
        b.append("<main class=\"plm-report plm-trends\" id=\"trends-").append(v.from()).append("-to-").append(v.to()).append("\">");
        b.append("<h1>Nights from ").append(v.from()).append(" to ").append(v.to()).append("</h1>");
        b.append("<section aria-labelledby=\"h-sum\"><h2 id=\"h-sum\">In plain words</h2><p class=\"plain\" id=\"statement\">")
                .append(esc(statement(v))).append("</p><p class=\"caveat\"><strong>Not a diagnosis.</strong> ")
                .append(esc(CAVEAT)).append(' ').append(esc(MorningReport.ONE_NIGHT)).append("</p></section>");

        b.append("<section aria-labelledby=\"h-idx\"><h2 id=\"h-idx\">Night by night</h2>");
        b.append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Nightly chart (scrolls sideways)\">")
                .append(indexChart(chart)).append("</div>");
        b.append("<ul class=\"legend\">");
        for (TrendsChart.Key k : TrendsChart.Key.values()) {
            b.append("<li><span class=\"sw ").append(k.css()).append("\"></span>").append(esc(k.text())).append("</li>");
        }
        b.append("</ul>");
        b.append(nightsTable(v)).append("</section>");

        b.append("<section aria-labelledby=\"h-iron\"><h2 id=\"h-iron\">Iron: ferritin and transferrin saturation</h2>");
        for (String para : ironText(v)) {
            b.append("<p>").append(esc(para)).append("</p>");
        }
        b.append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Ferritin chart\">")
                .append(labChart(chart, chart.ferritin()))
                .append("</div><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"TSAT chart\">")
                .append(labChart(chart, chart.tsat()))
                .append("</div>");
        b.append(labTable(v)).append("</section>");

        b.append("<section aria-labelledby=\"h-fac\"><h2 id=\"h-fac\">Diary factors</h2>").append(factorsTable(v)).append("</section>");
        b.append("<section aria-labelledby=\"h-prov\"><h2 id=\"h-prov\">How this was made</h2><dl class=\"prov\">");
        item(b, "measure", v.measure());
        item(b, "usable night", "at least 4 h analysable (in bed, sensor worn, signal)");
        item(b, "rolling median", "median of the usable nights of the " + RollingMedian.WINDOW_DAYS
                + " days ending with each night, where there are at least " + RollingMedian.MIN_NIGHTS);
        item(b, "diary evenings", Integer.toString(v.diaryDays()));
        item(b, "read from", String.join("; ", v.sources()));
        b.append("</dl></section></main>");
        return b.toString();
    }

    /**
     * @param v the view
     * @return the sentence about the period: the median and spread of its usable nights, or, before
     *         {@link RollingMedian#MIN_NIGHTS} usable nights, that there are not enough yet
     */
    public static String statement(TrendsView v) {
        List<NightIndex> usable = v.usable();
        int left = v.nights().size() - usable.size();
        String leftOut = left == 0 ? "" : String.format(Locale.ROOT, " %d recorded night%s %s left out (reasons in the table).",
                left, left == 1 ? "" : "s", left == 1 ? "is" : "are");
        if (usable.size() < RollingMedian.MIN_NIGHTS) {
            return String.format(Locale.ROOT, "Not enough usable nights for a trend yet: %d of the %d needed (a usable night "
                            + "has at least 4 hours analysable). %d of the %d nights of the period were recorded.%s",
                    usable.size(), RollingMedian.MIN_NIGHTS, v.nights().size(), v.days(), leftOut);
        }
        double[] x = usable.stream().mapToDouble(NightIndex::indexPerH).sorted().toArray();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Over the %d usable nights of %d in the period, "
                        + "the median was %.1f periodic leg movements per hour in bed; the middle half of these nights lay "
                        + "between %.1f and %.1f.", usable.size(), v.days(), RollingMedian.quantile(x, 0.5),
                RollingMedian.quantile(x, 0.25), RollingMedian.quantile(x, 0.75)));
        if (!v.rolling().isEmpty()) {
            RollingMedian.Point p = v.rolling().get(v.rolling().size() - 1);
            s.append(String.format(Locale.ROOT, " The last rolling median (%d usable nights in the %d days to %s) is %.1f.",
                    p.nights(), RollingMedian.WINDOW_DAYS, p.date(), p.median()));
        }
        return s.append(leftOut).toString();
    }

    /**
     * @param v the view
     * @return the iron section's text: the guidance and the time iron takes, then the period's iron starts when
     *         there are any (the page's paragraphs, which the PDF writes too)
     */
    public static List<String> ironText(TrendsView v) {
        List<String> out = new ArrayList<>();
        out.add("Guidance advises iron when ferritin is at most 75 ng/mL or TSAT is under 20 %; some aim for 100 ng/mL. "
                + "Iron takes " + IronStarts.SHOWS_FROM_DAYS / 7 + "\u2013" + IronStarts.SHOWS_TO_DAYS / 7
                + " weeks to show and about 3 months to act fully, so the weeks after each iron start are marked.");
        if (!v.ironStarts().isEmpty()) {
            out.add("Iron starts (an evening with iron after " + IronStarts.GAP_DAYS + " or more without): "
                    + String.join(", ", v.ironStarts().stream().map(LocalDate::toString).toList()) + ".");
        }
        return out;
    }

    private static double x(TrendsChart ch, LocalDate d) {
        return LEFT + ch.x(d) * WIDTH;
    }

    private static String indexChart(TrendsChart ch) {
        TrendsView v = ch.view();
        double top = 24;
        double plotH = 220;
        double base = top + plotH;
        double yMax = ch.yMax();
        Function<Double, Double> y = val -> base - plotH * val / yMax;
        double h = base + 64;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"trend\" viewBox=\"0 0 1000 ").append(c(h)).append("\" role=\"img\" aria-labelledby=\"tr-t tr-d\">")
                .append("<title id=\"tr-t\">").append(esc(ch.title())).append("</title><desc id=\"tr-d\">")
                .append(esc(ch.description())).append("</desc>");
        ironWindows(b, ch, top, plotH);
        for (double val : ch.grid()) {
            double yy = y.apply(val);
            b.append("<line class=\"grid\" x1=\"").append(c(LEFT)).append("\" x2=\"").append(c(LEFT + WIDTH)).append("\" y1=\"")
                    .append(c(yy)).append("\" y2=\"").append(c(yy)).append("\"/><text class=\"lbl\" x=\"").append(c(LEFT - 6))
                    .append("\" y=\"").append(c(yy + 5)).append("\" text-anchor=\"end\">").append(num(val, 0)).append("</text>");
        }
        // The rolling median and its band, one path per run of consecutive nights (never joined across a hole).
        for (List<RollingMedian.Point> seg : ch.rollingRuns()) {
            StringBuilder band = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (RollingMedian.Point p : seg) {
                band.append(band.isEmpty() ? "M" : "L").append(c(x(ch, p.date()))).append(' ').append(c(y.apply(p.q75()))).append(' ');
                line.append(line.isEmpty() ? "M" : "L").append(c(x(ch, p.date()))).append(' ').append(c(y.apply(p.median()))).append(' ');
            }
            for (int i = seg.size() - 1; i >= 0; i--) {
                band.append('L').append(c(x(ch, seg.get(i).date()))).append(' ').append(c(y.apply(seg.get(i).q25()))).append(' ');
            }
            String dot = seg.size() == 1 ? " M" + c(x(ch, seg.get(0).date()) - 3) + " " + c(y.apply(seg.get(0).median()))
                    + " h6" : "";
            b.append("<path class=\"roll-band\" d=\"").append(band.append('Z').toString().trim()).append("\"/>");
            b.append("<path class=\"roll\" d=\"").append(line.toString().trim()).append(dot).append("\"><title>rolling median ")
                    .append(seg.get(0).date()).append(" to ").append(seg.get(seg.size() - 1).date()).append("</title></path>");
        }
        for (NightIndex n : v.nights()) {
            double xx = x(ch, n.date());
            String reason = n.reasonNotUsable().orElse(null);
            if (Double.isNaN(n.indexPerH())) {
                b.append("<path class=\"nopt\" data-night=\"").append(n.date()).append("\" d=\"M").append(c(xx - 4)).append(' ')
                        .append(c(base - 8)).append(" l8 8 m0 -8 l-8 8\"><title>").append(n.date()).append(": no index, left out (")
                        .append(esc(reason)).append(")</title></path>");
                continue;
            }
            b.append("<circle class=\"").append(reason == null ? "pt" : "pt excl").append("\" data-night=\"").append(n.date())
                    .append("\" data-index=\"").append(String.format(Locale.ROOT, "%.3f", n.indexPerH())).append("\" cx=\"")
                    .append(c(xx)).append("\" cy=\"").append(c(y.apply(n.indexPerH()))).append("\" r=\"4.5\"><title>")
                    .append(n.date()).append(": ").append(num(n.indexPerH(), 1)).append("/h, ").append(num(n.analysableS() / 3600, 1))
                    .append(" h analysable").append(reason == null ? "" : ", left out: " + esc(reason)).append("</title></circle>");
        }
        b.append("<line class=\"axis\" x1=\"").append(c(LEFT)).append("\" x2=\"").append(c(LEFT + WIDTH)).append("\" y1=\"")
                .append(c(base)).append("\" y2=\"").append(c(base)).append("\"/>");
        dateTicks(b, ch, base);
        // Diary markers on their own row under the axis.
        double my = base + 44;
        b.append("<text class=\"lbl\" x=\"").append(c(LEFT - 6)).append("\" y=\"").append(c(my + 5))
                .append("\" text-anchor=\"end\">diary</text>");
        for (Map.Entry<LocalDate, List<String>> m : v.markers().entrySet()) {
            double xx = x(ch, m.getKey());
            b.append("<path class=\"mark-d\" data-evening=\"").append(m.getKey()).append("\" d=\"M").append(c(xx)).append(' ')
                    .append(c(my - 6)).append(" l5 6 l-5 6 l-5 -6 Z\"><title>").append(m.getKey()).append(" evening: ")
                    .append(esc(String.join(", ", m.getValue()))).append("</title></path>");
        }
        return b.append("</svg>").toString();
    }

    private static void ironWindows(StringBuilder b, TrendsChart ch, double top, double plotH) {
        double slot = ch.slot() * WIDTH;
        for (TrendsChart.IronWindow w : ch.ironWindows()) {
            if (w.shown()) {
                double x0 = x(ch, w.from()) - slot / 2;
                double x1 = x(ch, w.to()) + slot / 2;
                b.append("<rect class=\"iron-window\" data-iron-start=\"").append(w.start()).append("\" x=\"").append(c(x0)).append("\" y=\"")
                        .append(c(top)).append("\" width=\"").append(c(x1 - x0)).append("\" height=\"").append(c(plotH))
                        .append("\"><title>weeks 6\u20138 after the iron start of ").append(w.start())
                        .append(": when iron begins to show</title></rect>");
            }
        }
        for (TrendsChart.IronLine l : ch.ironLines()) {
            double xx = x(ch, l.date());
            b.append("<line class=\"").append(l.fullEffect() ? "iron-full" : "iron-start").append("\" x1=\"").append(c(xx))
                    .append("\" x2=\"").append(c(xx)).append("\" y1=\"").append(c(top)).append("\" y2=\"").append(c(top + plotH))
                    .append("\"><title>").append(esc(l.title())).append("</title></line>");
        }
    }

    private static void dateTicks(StringBuilder b, TrendsChart ch, double base) {
        for (LocalDate d : ch.ticks()) {
            double xx = x(ch, d);
            b.append("<line class=\"tick\" x1=\"").append(c(xx)).append("\" x2=\"").append(c(xx)).append("\" y1=\"").append(c(base))
                    .append("\" y2=\"").append(c(base + 5)).append("\"/><text class=\"lbl\" x=\"").append(c(xx)).append("\" y=\"")
                    .append(c(base + 20)).append("\" text-anchor=\"middle\">").append(DAY.format(d)).append("</text>");
        }
    }

    private static String labChart(TrendsChart ch, TrendsChart.LabChart lab) {
        double top = 16;
        double plotH = 120;
        double base = top + plotH;
        double yMax = lab.yMax();
        String cls = lab.key();
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"trend lab ").append(cls).append("\" viewBox=\"0 0 1000 ").append(c(base + 28))
                .append("\" role=\"img\" aria-labelledby=\"").append(cls).append("-t\"><title id=\"").append(cls).append("-t\">")
                .append(esc(lab.caption())).append("</title>");
        ironWindows(b, ch, top, plotH);
        b.append("<text class=\"lbl\" x=\"").append(c(LEFT - 6)).append("\" y=\"").append(c(top + 5)).append("\" text-anchor=\"end\">")
                .append(num(yMax, 0)).append("</text><text class=\"lbl\" x=\"").append(c(LEFT - 6)).append("\" y=\"").append(c(base))
                .append("\" text-anchor=\"end\">0</text>");
        for (double g : lab.guides()) {
            double yy = base - plotH * g / yMax;
            b.append("<line class=\"guide\" data-guide=\"").append(num(g, 0)).append("\" x1=\"").append(c(LEFT)).append("\" x2=\"")
                    .append(c(LEFT + WIDTH)).append("\" y1=\"").append(c(yy)).append("\" y2=\"").append(c(yy))
                    .append("\"/><text class=\"lbl\" x=\"").append(c(LEFT + WIDTH - 2)).append("\" y=\"").append(c(yy - 3))
                    .append("\" text-anchor=\"end\">").append(num(g, 0)).append(lab.unit()).append("</text>");
        }
        for (TrendsChart.LabPoint p : lab.points()) {
            double xx = x(ch, p.date());
            double yy = base - plotH * p.value() / yMax;
            b.append("<rect class=\"lab-pt\" data-date=\"").append(p.date()).append("\" data-value=\"").append(num(p.value(), 1))
                    .append("\" x=\"").append(c(xx - 5)).append("\" y=\"").append(c(yy - 5)).append("\" width=\"10\" height=\"10\"><title>")
                    .append(p.date()).append(": ").append(esc(lab.title().toLowerCase(Locale.ROOT))).append(' ').append(num(p.value(), 1))
                    .append("</title></rect>");
        }
        b.append("<line class=\"axis\" x1=\"").append(c(LEFT)).append("\" x2=\"").append(c(LEFT + WIDTH)).append("\" y1=\"")
                .append(c(base)).append("\" y2=\"").append(c(base)).append("\"/>");
        dateTicks(b, ch, base);
        return b.append("</svg>").toString();
    }
    private static String nightsTable(TrendsView v) {
        StringBuilder b = new StringBuilder("<details><summary>The nights as a table (").append(v.nights().size())
                .append(" recorded)</summary><table class=\"nights\"><thead>").append(head(TrendsTables.NIGHTS_HEAD))
                .append("</thead><tbody>");
        for (List<String> row : TrendsTables.nights(v)) {
            b.append("<tr data-night=\"").append(row.get(0)).append("\"><th scope=\"row\">").append(row.get(0)).append("</th><td>")
                    .append(esc(row.get(1))).append("</td><td>").append(esc(row.get(2))).append("</td><td>").append(esc(row.get(3)))
                    .append("</td><td class=\"words\">").append(esc(row.get(4))).append("</td></tr>");
        }
        return b.append("</tbody></table></details>").toString();
    }

    private static String head(List<String> cols) {
        StringBuilder b = new StringBuilder("<tr>");
        for (String col : cols) {
            b.append("<th scope=\"col\">").append(esc(col)).append("</th>");
        }
        return b.append("</tr>").toString();
    }

    private static String labTable(TrendsView v) {
        if (v.labs().isEmpty()) {
            return "<p>" + NO_LABS + "</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"small labs\"><caption>Blood tests</caption><thead>")
                .append(head(TrendsTables.LABS_HEAD)).append("</thead><tbody>");
        for (List<String> row : TrendsTables.labs(v)) {
            b.append("<tr><th scope=\"row\">").append(row.get(0)).append("</th><td>").append(esc(row.get(1))).append("</td><td>")
                    .append(esc(row.get(2))).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /**
     * @param v the view
     * @return the factors table (one row per factor: counts, medians, difference and interval, or "cannot tell
     *         yet"), each comparison's text, and the sentence that these are groups of nights, not causes
     */
    public static String factorsTable(TrendsView v) {
        StringBuilder b = new StringBuilder("<p>").append(esc(TrendsTables.FACTORS_INTRO)).append("<strong>")
                .append(esc(TrendsTables.NOT_A_CAUSE)).append("</strong>").append(esc(TrendsTables.NOT_A_CAUSE_WHY)).append("</p>");
        b.append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Factors table\"><table class=\"factors\">"
                + "<thead>").append(head(TrendsTables.FACTORS_HEAD)).append("</thead><tbody>");
        List<List<String>> rows = TrendsTables.factors(v);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            b.append("<tr data-factor=\"").append(esc(v.factors().get(i).rule().key())).append("\"><th scope=\"row\">")
                    .append(esc(row.get(0))).append("</th>");
            if (row.size() == TrendsTables.FACTORS_HEAD.size()) {
                for (String cell : row.subList(1, row.size())) {
                    b.append("<td>").append(esc(cell)).append("</td>");
                }
            } else {
                b.append("<td>").append(esc(row.get(1))).append("</td><td>").append(esc(row.get(2)))
                        .append("</td><td colspan=\"4\" class=\"cannot\">").append(esc(row.get(3))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div><details><summary>The comparisons in words</summary><ul class=\"factor-texts\">");
        for (FactorResult f : v.factors()) {
            b.append("<li>").append(esc(f.comparison().text())).append("</li>");
        }
        return b.append("</ul></details>").toString();
    }

    private static void item(StringBuilder b, String k, String val) {
        b.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(val)).append("</dd>");
    }

    /** Added to the morning report's style sheet; colours keep at least 4.5:1 (3:1 for marks) on white. */
    static final String CSS = String.join("",
            "svg.trend{min-width:640px}.grid{stroke:#e2e2e2;stroke-width:.8}",
            ".pt{fill:#1f5fa8;stroke:#fff;stroke-width:1}.pt.excl{fill:#fff;stroke:#5c5c5c;stroke-width:1.6}",
            ".nopt{stroke:#5c5c5c;stroke-width:1.6;fill:none}",
            ".roll{fill:none;stroke:#a3231b;stroke-width:2.2}.roll-band{fill:#a3231b;opacity:.14}",
            ".iron-window{fill:#2e7d32;opacity:.13}.iron-start{stroke:#2e7d32;stroke-width:1.6}",
            ".iron-full{stroke:#2e7d32;stroke-width:1.6;stroke-dasharray:6 3}",
            ".mark-d{fill:#c65d00}.lab-pt{fill:#6a1b9a}",
            ".sw.pt{background:#1f5fa8}.sw.excl{background:#fff}.sw.roll{background:#a3231b}",
            ".sw.iron{background:#cfe5d0}.sw.mark{background:#c65d00}",
            "td.words{text-align:left}td.cannot{text-align:left;font-style:italic}");
}
