package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.RollingMedian;
import org.plmmonitor.analysis.report.html.TrendsChart;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsTables;
import org.plmmonitor.analysis.report.html.TrendsView;

import java.awt.Color;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.plmmonitor.analysis.export.PdfCanvas.BOLD;
import static org.plmmonitor.analysis.export.PdfCanvas.MARGIN;
import static org.plmmonitor.analysis.export.PdfCanvas.REGULAR;

/**
 * The trends page painted with PDFBox: the same {@link TrendsChart} the page's SVG is painted from (its y axis and
 * grid, one point per night on the calendar axis with holes for missing nights, the left-out nights hollow or as a
 * cross, the rolling median and its band in runs that never join across a hole, the iron windows and lines, the
 * date ticks, the diary markers; the ferritin and TSAT charts with their guides) and the same
 * {@link TrendsTables} cells, in the page's colours. Nothing is computed here but positions on the page.
 */
final class PdfTrends {
    private static final Color POINT = new Color(0x1f5fa8);
    private static final Color LEFT_OUT = new Color(0x5c5c5c);
    private static final Color ROLL = new Color(0xa3231b);
    private static final Color IRON = new Color(0x2e7d32);
    private static final Color MARK = new Color(0xc65d00);
    private static final Color LAB = new Color(0x6a1b9a);
    private static final Color GRID = new Color(0xe2e2e2);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);
    /** Room left of the plot for the y labels. */
    private static final float LABEL_W = 34;
    private static final float PLOT_W = PdfCanvas.WIDTH - LABEL_W - 4;
    /** Radius of a night's point, points; the legend's swatches are smaller ({@link #LEGEND_R}). */
    static final float POINT_R = 3.2f;
    static final float LEGEND_R = 2.5f;

    private PdfTrends() {
    }

    /** Writes the trends at the cursor, as the page shows them, from its statement to the factors table. */
    static void draw(PdfCanvas c, TrendsView v) throws IOException {
        TrendsChart ch = TrendsChart.of(v);
        c.paragraph(BOLD, 13, "Nights from " + v.from() + " to " + v.to());
        c.paragraph(REGULAR, 9, TrendsReport.statement(v));
        c.paragraph(BOLD, 9, "Not a diagnosis. " + TrendsReport.CAVEAT + " " + MorningReport.ONE_NIGHT);
        c.paragraph(BOLD, 11, "Night by night");
        nightly(c, ch);
        legend(c);
        c.paragraph(BOLD, 9.5f, "The nights as a table (" + v.nights().size() + " recorded)");
        PdfTable.draw(c, TrendsTables.NIGHTS_HEAD, new float[] {62, 62, 62, 160, 165}, TrendsTables.nights(v));
        c.paragraph(BOLD, 11, "Iron: ferritin and transferrin saturation");
        for (String p : TrendsReport.ironText(v)) {
            c.paragraph(REGULAR, 9, p);
        }
        lab(c, ch, ch.ferritin());
        lab(c, ch, ch.tsat());
        if (v.labs().isEmpty()) {
            c.paragraph(REGULAR, 9, TrendsReport.NO_LABS);
        } else {
            c.paragraph(BOLD, 9.5f, "Blood tests");
            PdfTable.draw(c, TrendsTables.LABS_HEAD, new float[] {80, 90, 90}, TrendsTables.labs(v));
        }
        c.paragraph(BOLD, 11, "Diary factors");
        c.paragraph(REGULAR, 9, TrendsTables.FACTORS_INTRO + TrendsTables.NOT_A_CAUSE + TrendsTables.NOT_A_CAUSE_WHY);
        PdfTable.draw(c, TrendsTables.FACTORS_HEAD, new float[] {121, 55, 50, 60, 55, 80, 90}, TrendsTables.factors(v));
    }

    private static float x(TrendsChart ch, LocalDate d) {
        return MARGIN + LABEL_W + (float) ch.x(d) * PLOT_W;
    }

    private static void nightly(PdfCanvas c, TrendsChart ch) throws IOException {
        float plotH = 150;
        float h = 26 + plotH + 18 + 22;
        c.need(h);
        float top = c.y() - 26;
        c.text(BOLD, 8.5f, MARGIN, c.y() - 9, ch.title());
        c.text(REGULAR, 7.5f, MARGIN, c.y() - 19, ch.description());
        float base = top - plotH;
        float left = MARGIN + LABEL_W;
        ironWindows(c, ch, base, plotH);
        for (double val : ch.grid()) {
            float yy = base + (float) (plotH * val / ch.yMax());
            c.line(GRID, 0.5f, left, yy, left + PLOT_W, yy);
            c.right(REGULAR, 7, left - 4, yy - 2.5f, PdfSummary.num(val, 0));
        }
        for (List<RollingMedian.Point> run : ch.rollingRuns()) {
            int n = run.size();
            float[] bx = new float[2 * n];
            float[] by = new float[2 * n];
            float[] lx = new float[Math.max(2, n)];
            float[] ly = new float[Math.max(2, n)];
            for (int i = 0; i < n; i++) {
                RollingMedian.Point p = run.get(i);
                bx[i] = x(ch, p.date());
                by[i] = base + (float) (plotH * p.q75() / ch.yMax());
                bx[2 * n - 1 - i] = bx[i];
                by[2 * n - 1 - i] = base + (float) (plotH * p.q25() / ch.yMax());
                lx[i] = bx[i];
                ly[i] = base + (float) (plotH * p.median() / ch.yMax());
            }
            if (n == 1) {
                // A run of one night: a short dash at its median, as the page draws it.
                lx[0] -= 2.5f;
                lx[1] = lx[0] + 5;
                ly[1] = ly[0];
            } else {
                c.polygon(ROLL, 0.14f, bx, by);
            }
            c.polyline(ROLL, 1.6f, new float[0], lx, ly);
        }
        for (NightIndex n : ch.view().nights()) {
            float xx = x(ch, n.date());
            if (Double.isNaN(n.indexPerH())) {
                c.line(LEFT_OUT, 1, xx - 3, base + 1, xx + 3, base + 7);
                c.line(LEFT_OUT, 1, xx - 3, base + 7, xx + 3, base + 1);
                continue;
            }
            float yy = base + (float) (plotH * n.indexPerH() / ch.yMax());
            if (n.usable()) {
                c.circle(POINT, Color.WHITE, 0.6f, xx, yy, POINT_R);
            } else {
                c.circle(Color.WHITE, LEFT_OUT, 1.1f, xx, yy, POINT_R);
            }
        }
        c.line(Color.DARK_GRAY, 0.7f, left, base, left + PLOT_W, base);
        ticks(c, ch, base);
        float my = base - 30;
        c.right(REGULAR, 7, left - 4, my - 2.5f, "diary");
        for (Map.Entry<LocalDate, List<String>> m : ch.view().markers().entrySet()) {
            float xx = x(ch, m.getKey());
            c.polygon(MARK, 1, new float[] {xx, xx + 3.5f, xx, xx - 3.5f}, new float[] {my + 4, my, my - 4, my});
        }
        c.down(h);
    }

    private static void ticks(PdfCanvas c, TrendsChart ch, float base) throws IOException {
        for (LocalDate d : ch.ticks()) {
            float xx = x(ch, d);
            c.line(Color.DARK_GRAY, 0.5f, xx, base, xx, base - 3);
            c.centred(REGULAR, 6.5f, xx, base - 11, DAY.format(d));
        }
    }

    private static void ironWindows(PdfCanvas c, TrendsChart ch, float base, float plotH) throws IOException {
        float slot = (float) ch.slot() * PLOT_W;
        for (TrendsChart.IronWindow w : ch.ironWindows()) {
            if (w.shown()) {
                float x0 = x(ch, w.from()) - slot / 2;
                float x1 = x(ch, w.to()) + slot / 2;
                c.polygon(IRON, 0.13f, new float[] {x0, x1, x1, x0}, new float[] {base, base, base + plotH, base + plotH});
            }
        }
        for (TrendsChart.IronLine l : ch.ironLines()) {
            float xx = x(ch, l.date());
            c.polyline(IRON, 1.1f, l.fullEffect() ? new float[] {4, 2} : new float[0], new float[] {xx, xx},
                    new float[] {base, base + plotH});
        }
    }

    private static void lab(PdfCanvas c, TrendsChart ch, TrendsChart.LabChart lab) throws IOException {
        float plotH = 70;
        float h = 14 + plotH + 20;
        c.need(h);
        c.text(BOLD, 8.5f, MARGIN, c.y() - 9, lab.caption());
        float top = c.y() - 16;
        float base = top - plotH;
        float left = MARGIN + LABEL_W;
        ironWindows(c, ch, base, plotH);
        c.right(REGULAR, 7, left - 4, top - 5, PdfSummary.num(lab.yMax(), 0));
        c.right(REGULAR, 7, left - 4, base - 2.5f, "0");
        for (double g : lab.guides()) {
            float yy = base + (float) (plotH * g / lab.yMax());
            c.polyline(Color.BLACK, 0.5f, new float[] {3, 2}, new float[] {left, left + PLOT_W}, new float[] {yy, yy});
            c.right(REGULAR, 6.5f, left + PLOT_W - 2, yy + 2, PdfSummary.num(g, 0) + lab.unit());
        }
        for (TrendsChart.LabPoint p : lab.points()) {
            float xx = x(ch, p.date());
            float yy = base + (float) (plotH * p.value() / lab.yMax());
            c.rect(LAB, xx - 3, yy - 3, 6, 6);
        }
        c.line(Color.DARK_GRAY, 0.7f, left, base, left + PLOT_W, base);
        ticks(c, ch, base);
        c.down(h);
    }

    /** The nightly chart's legend, the page's {@link TrendsChart.Key}s with their colours. */
    private static void legend(PdfCanvas c) throws IOException {
        c.need(12);
        float x = MARGIN;
        for (TrendsChart.Key k : TrendsChart.Key.values()) {
            float w = 13 + PdfCanvas.width(REGULAR, 7, k.text());
            if (x + w > MARGIN + PdfCanvas.WIDTH) {
                c.down(11);
                c.need(12);
                x = MARGIN;
            }
            float cy = c.y() - 4.5f;
            switch (k) {
                case USABLE -> c.circle(POINT, null, 0, x + 3.5f, cy, LEGEND_R);
                case LEFT_OUT -> c.circle(Color.WHITE, LEFT_OUT, 1, x + 3.5f, cy, LEGEND_R);
                case ROLLING -> c.rect(ROLL, x, cy - 1, 7, 2);
                case IRON -> c.polygon(IRON, 0.25f, new float[] {x, x + 7, x + 7, x}, new float[] {cy - 3.5f, cy - 3.5f, cy + 3.5f, cy + 3.5f});
                case DIARY -> c.polygon(MARK, 1, new float[] {x + 3.5f, x + 7, x + 3.5f, x}, new float[] {cy + 3.5f, cy, cy - 3.5f, cy});
            }
            c.text(REGULAR, 7, x + 10, c.y() - 7, k.text());
            x += w + 4;
        }
        c.down(16);
    }
}
