package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.metrics.Histogram;
import org.plmmonitor.analysis.movement.Leg;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import static org.plmmonitor.analysis.report.html.Xml.c;
import static org.plmmonitor.analysis.report.html.Xml.esc;

/**
 * The report's charts as inline SVG (no script, no external reference). Each chart is an
 * {@code svg} with {@code role="img"}, a title and a description; the numbers it draws are also in a
 * table next to it, for screen readers and for copying.
 */
final class Charts {
    /** Left edge of the timeline's plot area, in viewBox units (room for the row labels). */
    static final double TL_LEFT = 90;
    /** Width of the timeline's plot area, in viewBox units. */
    static final double TL_WIDTH = 900;
    private static final double ROW_H = 36;
    private static final double CUFF_H = 18;
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private Charts() {
    }

    /** @return the x coordinate of a time on the timeline */
    static double timelineX(NightView v, double fromStartS) {
        return TL_LEFT + Math.max(0, Math.min(v.durationS(), fromStartS)) / v.durationS() * TL_WIDTH;
    }

    /** @return the vertical band of a leg's row, {top, height} */
    static double[] row(Leg leg) {
        return new double[] {58 + leg.ordinal() * (ROW_H + 8), ROW_H};
    }

    static String timeline(NightView v) {
        double legsBottom = row(Leg.BILATERAL)[0] + ROW_H;
        // A cuff row below the legs only when the night had therapy sessions.
        double bottom = v.cuffSessions().isEmpty() ? legsBottom : legsBottom + 8 + CUFF_H;
        double h = bottom + 34;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" viewBox=\"0 0 1000 ").append(c(h)).append("\" role=\"img\" aria-labelledby=\"tl-t tl-d\">")
                .append("<title id=\"tl-t\">Timeline of the night in local time</title>")
                .append("<desc id=\"tl-d\">").append(v.marks().size()).append(" movements as marks in rows left, right and bilateral; ")
                .append(v.series().size()).append(" periodic series as bands; analysable time shaded green, unworn grey, no signal dark grey.</desc>");
        double top = 58;
        for (Span s : v.analysable()) {
            band(b, "analysable", v, s, top, bottom - top, "in bed, analysable");
        }
        for (Span s : v.unworn()) {
            band(b, "unworn", v, s, top, bottom - top, "sensor not worn");
        }
        for (Span s : v.noSignal()) {
            band(b, "nosignal", v, s, top, bottom - top, "no signal");
        }
        for (SeriesBand s : v.series()) {
            band(b, "series-bg", v, s.span(), top, bottom - top, null);
            double x0 = timelineX(v, s.span().startS());
            double x1 = Math.max(x0 + 1.5, timelineX(v, s.span().endS()));
            b.append("<rect class=\"series\" data-series=\"").append(s.id()).append("\" x=\"").append(c(x0))
                    .append("\" y=\"30\" width=\"").append(c(x1 - x0)).append("\" height=\"18\"><title>series ")
                    .append(s.id()).append(": ").append(s.count()).append(" periodic movements, ")
                    .append(clock(v, s.span().startS())).append("\u2013").append(clock(v, s.span().endS()))
                    .append("</title></rect>");
        }
        b.append("<text class=\"lbl\" x=\"").append(c(TL_LEFT - 6)).append("\" y=\"44\" text-anchor=\"end\">PLM series</text>");
        for (Leg leg : Leg.values()) {
            double[] r = row(leg);
            b.append("<rect class=\"rowline\" x=\"").append(c(TL_LEFT)).append("\" y=\"").append(c(r[0]))
                    .append("\" width=\"").append(c(TL_WIDTH)).append("\" height=\"").append(c(r[1])).append("\"/>");
            b.append("<text class=\"lbl\" x=\"").append(c(TL_LEFT - 6)).append("\" y=\"").append(c(r[0] + r[1] / 2 + 4))
                    .append("\" text-anchor=\"end\">").append(leg.jsonName()).append("</text>");
        }
        cuffRow(b, v, legsBottom + 8);
        for (Mark m : v.marks()) {
            double[] r = row(m.leg());
            String kind = m.periodic() ? "plm" : m.candidate() ? "clm" : "lm";
            double hh = m.periodic() ? r[1] : m.candidate() ? r[1] * 0.7 : r[1] * 0.4;
            double x0 = timelineX(v, m.onsetS());
            double w = Math.max(1.2, timelineX(v, m.offsetS()) - x0);
            b.append("<rect class=\"mark ").append(kind).append("\" data-leg=\"").append(m.leg().jsonName())
                    .append("\" data-onset-s=\"").append(String.format(Locale.ROOT, "%.3f", m.onsetS()))
                    .append("\" x=\"").append(c(x0)).append("\" y=\"").append(c(r[0] + r[1] - hh))
                    .append("\" width=\"").append(c(w)).append("\" height=\"").append(c(hh)).append("\"><title>")
                    .append(clockS(v, m.onsetS())).append(' ').append(m.leg().jsonName()).append(", ")
                    .append(Xml.num(m.offsetS() - m.onsetS(), 1)).append(" s, ")
                    .append(m.periodic() ? "periodic (series " + m.series() + ")" : m.candidate() ? "candidate" : "leg movement")
                    .append("</title></rect>");
        }
        // Hour ticks at every full local hour (a DST night simply has one tick more or less).
        ZonedDateTime t = v.start().atZone(v.zone()).truncatedTo(ChronoUnit.HOURS);
        Instant end = v.start().plusMillis(Math.round(v.durationS() * 1000));
        for (Instant i = t.toInstant(); !i.isAfter(end); i = i.plus(Duration.ofHours(1))) {
            if (i.isBefore(v.start())) {
                continue;
            }
            double x = timelineX(v, Duration.between(v.start(), i).toMillis() / 1000.0);
            b.append("<line class=\"tick\" x1=\"").append(c(x)).append("\" x2=\"").append(c(x)).append("\" y1=\"26\" y2=\"")
                    .append(c(bottom + 4)).append("\"/><text class=\"lbl\" x=\"").append(c(x)).append("\" y=\"")
                    .append(c(bottom + 20)).append("\" text-anchor=\"middle\">").append(HM.format(i.atZone(v.zone())))
                    .append("</text>");
        }
        b.append("<text class=\"lbl\" x=\"").append(c(TL_LEFT)).append("\" y=\"16\">")
                .append(esc(clock(v, 0) + " to " + clock(v, v.durationS()) + " (" + v.zone().getId() + ")")).append("</text>");
        return b.append("</svg>").toString();
    }

    /** The cuff therapy sessions as bands in their own row at {@code y}; nothing without sessions. */
    private static void cuffRow(StringBuilder b, NightView v, double y) {
        if (v.cuffSessions().isEmpty()) {
            return;
        }
        b.append("<text class=\"lbl\" x=\"").append(c(TL_LEFT - 6)).append("\" y=\"").append(c(y + CUFF_H / 2 + 4))
                .append("\" text-anchor=\"end\">cuff</text>");
        for (CuffBand s : v.cuffSessions()) {
            double x0 = timelineX(v, s.span().startS());
            double x1 = Math.max(x0 + 1.5, timelineX(v, s.span().endS()));
            b.append("<rect class=\"cuff\" data-outcome=\"").append(esc(s.outcome())).append("\" x=\"").append(c(x0))
                    .append("\" y=\"").append(c(y)).append("\" width=\"").append(c(x1 - x0)).append("\" height=\"")
                    .append(c(CUFF_H)).append("\"><title>").append(esc("cuff session (" + s.trigger() + "): " + s.cycles()
                            + " cycles, up to " + Xml.num(s.maxPressureMmHg(), 1) + " mmHg, " + s.outcome() + ", "
                            + clock(v, s.span().startS()) + "\u2013" + clock(v, s.span().endS())))
                    .append("</title></rect>");
        }
    }

    private static void band(StringBuilder b, String cls, NightView v, Span s, double y, double h, String title) {
        double x0 = timelineX(v, s.startS());
        double x1 = timelineX(v, s.endS());
        b.append("<rect class=\"").append(cls).append("\" x=\"").append(c(x0)).append("\" y=\"").append(c(y))
                .append("\" width=\"").append(c(Math.max(0.5, x1 - x0))).append("\" height=\"").append(c(h)).append('"');
        if (title == null) {
            b.append("/>");
        } else {
            b.append("><title>").append(title).append(' ').append(clock(v, s.startS())).append("\u2013")
                    .append(clock(v, s.endS())).append("</title></rect>");
        }
    }

    /** @return the local clock time (HH:mm) of a time from the night's start */
    static String clock(NightView v, double fromStartS) {
        return HM.format(v.start().plusMillis(Math.round(fromStartS * 1000)).atZone(v.zone()));
    }

    private static String clockS(NightView v, double fromStartS) {
        return DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                .format(v.start().plusMillis(Math.round(fromStartS * 1000)).atZone(v.zone()));
    }

    /**
     * Bars with a label under each and the count above it.
     *
     * @param cls    CSS class of the chart
     * @param title  accessible title
     * @param counts one count per bar
     * @param labels one label per bar, null for none; every {@code labelEvery}-th is drawn
     * @param guides x positions (in bar units, 0 = left edge of bar 0) of dashed guide lines with their text
     */
    static String bars(String cls, String title, List<Integer> counts, List<String> labels, int labelEvery,
                       boolean countsOnTop, double[] guides, String[] guideText, String xTitle) {
        double left = 36;
        double width = 556;
        double top = 18;
        double plotH = 150;
        int n = Math.max(1, counts.size());
        int max = Math.max(1, counts.stream().mapToInt(Integer::intValue).max().orElse(1));
        double bw = width / n;
        String id = cls.replaceAll("[^a-z0-9]", "");
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart ").append(cls).append("\" viewBox=\"0 0 600 230\" role=\"img\" aria-labelledby=\"")
                .append(id).append("-t\"><title id=\"").append(id).append("-t\">").append(esc(title)).append("</title>");
        b.append("<line class=\"axis\" x1=\"").append(c(left)).append("\" x2=\"").append(c(left + width)).append("\" y1=\"")
                .append(c(top + plotH)).append("\" y2=\"").append(c(top + plotH)).append("\"/>");
        b.append("<text class=\"lbl\" x=\"").append(c(left - 4)).append("\" y=\"").append(c(top + 4))
                .append("\" text-anchor=\"end\">").append(max).append("</text><text class=\"lbl\" x=\"").append(c(left - 4))
                .append("\" y=\"").append(c(top + plotH)).append("\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < counts.size(); i++) {
            int k = counts.get(i);
            double hh = plotH * k / max;
            double x = left + i * bw;
            b.append("<rect class=\"bar\" data-i=\"").append(i).append("\" data-count=\"").append(k).append("\" x=\"")
                    .append(c(x + bw * 0.08)).append("\" y=\"").append(c(top + plotH - hh)).append("\" width=\"")
                    .append(c(bw * 0.84)).append("\" height=\"").append(c(hh)).append("\"><title>")
                    .append(labels == null ? "" : esc(labels.get(i)) + ": ").append(k).append("</title></rect>");
            if (countsOnTop) {
                b.append("<text class=\"lbl\" x=\"").append(c(x + bw / 2)).append("\" y=\"").append(c(top + plotH - hh - 3))
                        .append("\" text-anchor=\"middle\">").append(k).append("</text>");
            }
            if (labels != null && i % labelEvery == 0) {
                b.append("<text class=\"lbl\" x=\"").append(c(x + (countsOnTop ? bw / 2 : 0))).append("\" y=\"")
                        .append(c(top + plotH + 16)).append("\" text-anchor=\"middle\">").append(esc(labels.get(i))).append("</text>");
            }
        }
        for (int g = 0; guides != null && g < guides.length; g++) {
            double x = left + guides[g] * bw;
            b.append("<line class=\"guide\" x1=\"").append(c(x)).append("\" x2=\"").append(c(x)).append("\" y1=\"")
                    .append(c(top)).append("\" y2=\"").append(c(top + plotH)).append("\"/><text class=\"lbl guide-t\" x=\"")
                    .append(c(x > left + width * 0.9 ? x - 3 : x + 3)).append("\" y=\"").append(c(top + 10))
                    .append(x > left + width * 0.9 ? "\" text-anchor=\"end\">" : "\">").append(esc(guideText[g])).append("</text>");
        }
        b.append("<text class=\"lbl\" x=\"").append(c(left + width / 2)).append("\" y=\"222\" text-anchor=\"middle\">")
                .append(esc(xTitle)).append("</text>");
        return b.append("</svg>").toString();
    }

    /** @return bin labels: each bin's lower edge */
    static List<String> binLabels(Histogram h, int decimals) {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        for (int i = 0; i < h.counts().size(); i++) {
            l.add(Xml.num(h.low() + i * h.width(), decimals));
        }
        return l;
    }
}
