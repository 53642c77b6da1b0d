package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.html.CuffBand;
import org.plmmonitor.analysis.report.html.Mark;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.analysis.report.html.SeriesBand;
import org.plmmonitor.analysis.report.html.Span;

import java.awt.Color;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.plmmonitor.analysis.export.PdfCanvas.REGULAR;

/**
 * The morning report's charts drawn with PDFBox from the same {@link NightView} the HTML page draws its SVG
 * from, in the page's colours: the timeline (analysable, unworn and no-signal time; PLM series; the
 * movements per leg row, periodic tallest; the cuff sessions' row when there are any; the page's legend) and bar charts (PLM per hour, IMI histograms).
 */
final class PdfCharts {
    static final Color PLM = new Color(0xa3231b);
    static final Color CLM = new Color(0x1f5fa8);
    static final Color LM = new Color(0x5c5c5c);
    static final Color SERIES = new Color(0xc65d00);
    static final Color ANALYSABLE = new Color(0xdcefdc);
    static final Color UNWORN = new Color(0xd0d0d0);
    static final Color NO_SIGNAL = new Color(0x8f8f8f);
    private static final Color GRID = new Color(0x999999);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final float LABEL_W = 52;
    private static final float ROW_H = 18;
    private static final float CUFF_H = 9;
    static final Color CUFF = new Color(0x6a3d9a);

    private PdfCharts() {
    }

    /** @return the local clock time (HH:mm) of a time from the night's start */
    static String clock(NightView v, double fromStartS) {
        return HM.format(v.start().plusMillis(Math.round(fromStartS * 1000)).atZone(v.zone()));
    }

    /** Draws the timeline below the cursor and moves the cursor under it. */
    static void timeline(PdfCanvas c, NightView v) throws IOException {
        // A cuff row below the legs only when the night had therapy sessions, as on the page.
        float cuffH = v.cuffSessions().isEmpty() ? 0 : CUFF_H + 4;
        float h = 14 + 12 + 3 * (ROW_H + 4) + cuffH + 16;
        c.need(h);
        float top = c.y();
        float x0 = PdfCanvas.MARGIN + LABEL_W;
        float w = PdfCanvas.WIDTH - LABEL_W;
        c.text(REGULAR, 8, x0, top - 9, clock(v, 0) + " to " + clock(v, v.durationS()) + " (" + v.zone().getId() + ")");
        float seriesY = top - 24;
        float rowsTop = seriesY - 4;
        float rowsBottom = rowsTop - 3 * (ROW_H + 4) - cuffH;
        for (Span s : v.analysable()) {
            band(c, v, ANALYSABLE, s, x0, w, rowsBottom, rowsTop - rowsBottom);
        }
        for (Span s : v.unworn()) {
            band(c, v, UNWORN, s, x0, w, rowsBottom, rowsTop - rowsBottom);
        }
        for (Span s : v.noSignal()) {
            band(c, v, NO_SIGNAL, s, x0, w, rowsBottom, rowsTop - rowsBottom);
        }
        c.right(REGULAR, 7.5f, x0 - 4, seriesY + 2, "PLM series");
        for (SeriesBand s : v.series()) {
            float a = x(v, s.span().startS(), x0, w);
            float b = Math.max(a + 0.8f, x(v, s.span().endS(), x0, w));
            c.rect(SERIES, a, seriesY, b - a, 8);
        }
        for (Leg leg : Leg.values()) {
            float rowBottom = rowsTop - (leg.ordinal() + 1) * (ROW_H + 4) + 4;
            c.line(GRID, 0.3f, x0, rowBottom, x0 + w, rowBottom);
            c.right(REGULAR, 7.5f, x0 - 4, rowBottom + ROW_H / 2 - 3, leg.jsonName());
        }
        if (!v.cuffSessions().isEmpty()) {
            float cuffY = rowsBottom + 2;
            c.right(REGULAR, 7.5f, x0 - 4, cuffY + CUFF_H / 2 - 3, "cuff");
            for (CuffBand s : v.cuffSessions()) {
                float a = x(v, s.span().startS(), x0, w);
                float b = Math.max(a + 0.8f, x(v, s.span().endS(), x0, w));
                c.rect(CUFF, a, cuffY, b - a, CUFF_H);
            }
        }
        for (Mark m : v.marks()) {
            float rowBottom = rowsTop - (m.leg().ordinal() + 1) * (ROW_H + 4) + 4;
            float hh = m.periodic() ? ROW_H : m.candidate() ? ROW_H * 0.7f : ROW_H * 0.4f;
            float a = x(v, m.onsetS(), x0, w);
            float b = Math.max(a + 0.6f, x(v, m.offsetS(), x0, w));
            c.rect(m.periodic() ? PLM : m.candidate() ? CLM : LM, a, rowBottom, b - a, hh);
        }
        // A tick at every full local hour, as on the page (a DST night has one more or less).
        ZonedDateTime t = v.start().atZone(v.zone()).truncatedTo(ChronoUnit.HOURS);
        Instant end = v.start().plusMillis(Math.round(v.durationS() * 1000));
        for (Instant i = t.toInstant(); !i.isAfter(end); i = i.plus(Duration.ofHours(1))) {
            if (i.isBefore(v.start())) {
                continue;
            }
            float xx = x(v, Duration.between(v.start(), i).toMillis() / 1000.0, x0, w);
            c.line(GRID, 0.3f, xx, rowsBottom - 2, xx, seriesY + 10);
            c.centred(REGULAR, 7, xx, rowsBottom - 10, HM.format(i.atZone(v.zone())));
        }
        c.down(h);
        legend(c, v);
    }

    /** The page's legend ({@link MorningReport#timelineLegend}) with the PDF's swatches. */
    private static void legend(PdfCanvas c, NightView v) throws IOException {
        Map<String, Color> fill = Map.of("plm", PLM, "clm", CLM, "lm", LM, "series", SERIES, "analysable", ANALYSABLE,
                "unworn", UNWORN, "nosignal", NO_SIGNAL, "out", Color.WHITE, "cuff", CUFF);
        c.need(12);
        float x = PdfCanvas.MARGIN;
        for (List<String> k : MorningReport.timelineLegend(v)) {
            float w = 13 + PdfCanvas.width(REGULAR, 7, k.get(1));
            if (x + w > PdfCanvas.MARGIN + PdfCanvas.WIDTH) {
                c.down(11);
                c.need(12);
                x = PdfCanvas.MARGIN;
            }
            c.rect(Color.GRAY, x - 0.3f, c.y() - 8.3f, 7.6f, 7.6f);
            c.rect(fill.get(k.get(0)), x, c.y() - 8, 7, 7);
            c.text(REGULAR, 7, x + 9, c.y() - 7.5f, k.get(1));
            x += w;
        }
        c.down(16);
    }

    private static float x(NightView v, double fromStartS, float x0, float w) {
        return x0 + (float) (Math.max(0, Math.min(v.durationS(), fromStartS)) / v.durationS()) * w;
    }

    private static void band(PdfCanvas c, NightView v, Color fill, Span s, float x0, float w, float y, float h)
            throws IOException {
        float a = x(v, s.startS(), x0, w);
        float b = x(v, s.endS(), x0, w);
        c.rect(fill, a, y, Math.max(0.3f, b - a), h);
    }

    /**
     * Draws a bar chart at (x, cursor) and returns its height; the cursor is not moved (two charts may
     * stand side by side).
     *
     * @param title      the chart's title
     * @param counts     one value per bar (integers are written as counts, others with one decimal)
     * @param labels     one label per bar
     * @param labelEvery draw every n-th label
     * @param countsOnTop write each count above its bar
     * @param guides     x positions of dashed guides in bar units, with {@code guideText}
     */
    static float bars(PdfCanvas c, float x, float w, String title, List<? extends Number> counts, List<String> labels,
                      int labelEvery, boolean countsOnTop, double[] guides, String[] guideText, Color fill,
                      String xTitle) throws IOException {
        float top = c.y();
        float plotTop = top - 22;
        float plotH = 80;
        float left = x + 20;
        float width = w - 24;
        c.text(PdfCanvas.BOLD, 8.5f, x, top - 9, title);
        int n = Math.max(1, counts.size());
        double top1 = counts.stream().mapToDouble(Number::doubleValue).max().orElse(1);
        int max = (int) Math.max(1, Math.ceil(top1));
        float bw = width / n;
        float base = plotTop - plotH;
        c.line(Color.DARK_GRAY, 0.6f, left, base, left + width, base);
        c.right(REGULAR, 7, left - 2, plotTop - 6, Integer.toString(max));
        c.right(REGULAR, 7, left - 2, base, "0");
        for (int i = 0; i < counts.size(); i++) {
            Number k = counts.get(i);
            float hh = (float) (plotH * k.doubleValue() / max);
            float bx = left + i * bw;
            c.rect(fill, bx + bw * 0.08f, base, bw * 0.84f, hh);
            if (countsOnTop) {
                c.centred(REGULAR, 6.5f, bx + bw / 2, base + hh + 2, k instanceof Integer ? k.toString()
                        : PdfSummary.num(k.doubleValue(), 1));
            }
            if (i % labelEvery == 0) {
                c.centred(REGULAR, 6.5f, bx + (countsOnTop ? bw / 2 : 0), base - 9, labels.get(i));
            }
        }
        for (int g = 0; guides != null && g < guides.length; g++) {
            float gx = left + (float) guides[g] * bw;
            c.line(Color.BLACK, 0.5f, gx, base, gx, plotTop);
            c.text(REGULAR, 6.5f, gx + 2, plotTop - 7, guideText[g]);
        }
        c.centred(REGULAR, 7, left + width / 2, base - 19, xTitle);
        return top - (base - 24);
    }
}
