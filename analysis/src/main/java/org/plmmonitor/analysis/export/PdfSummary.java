package org.plmmonitor.analysis.export;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.plmmonitor.analysis.metrics.Histogram;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.analysis.report.html.RateRow;
import org.plmmonitor.analysis.report.html.TrendsView;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TimeZone;

import static org.plmmonitor.analysis.export.PdfCanvas.BOLD;
import static org.plmmonitor.analysis.export.PdfCanvas.MARGIN;
import static org.plmmonitor.analysis.export.PdfCanvas.REGULAR;

/**
 * {@code plm-summary.pdf} of docs/export.md: the period's table and the caveat on the first page, then the trends
 * page ({@link PdfTrends}, painted from the same {@link TrendsView} and chart model as the web's), then per
 * night what the morning report shows, drawn from the same {@link NightView}: headline, plain-language
 * paragraph and caveat, timeline, PLM per hour, IMI histograms, counts table, periodicity index, durations,
 * legs, provenance.
 */
public final class PdfSummary {
    private PdfSummary() {
    }

    /**
     * @param out    destination (not closed)
     * @param period the nights
     * @param trends the period's trends as the trends page shows them (same first and last night as {@code period}):
     *               the PDF paints the page's chart and tables from it
     * @throws IOException from the stream
     */
    public static void write(OutputStream out, ExportPeriod period, TrendsView trends) throws IOException {
        if (!trends.from().equals(period.from()) || !trends.to().equals(period.to())) {
            throw new IllegalArgumentException("the trends of " + trends.from() + " to " + trends.to()
                    + " are not those of the exported period " + period.from() + " to " + period.to());
        }
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Leg movements " + period.from() + " to " + period.to() + ", patient " + period.patientId());
            info.setCreator("plm-monitor " + SoftwareVersion.get());
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(period.generated().toEpochMilli());
            info.setCreationDate(when);
            try (PdfCanvas c = new PdfCanvas(doc, "plm-monitor " + SoftwareVersion.get() + ", patient " + period.patientId()
                    + ", nights " + period.from() + " to " + period.to() + ". Not a diagnosis.")) {
                c.newPage();
                period(c, period);
                c.newPage();
                PdfTrends.draw(c, trends);
                for (ExportNight n : period.nights()) {
                    c.newPage();
                    night(c, n.view());
                }
            }
            doc.save(out);
        }
    }

    private static void period(PdfCanvas c, ExportPeriod p) throws IOException {
        c.paragraph(BOLD, 16, "Leg movements, nights of " + p.from() + " to " + p.to());
        c.paragraph(REGULAR, 9.5f, "Patient (pseudonymous) " + p.patientId() + ". " + p.nights().size() + " night"
                + (p.nights().size() == 1 ? "" : "s") + " recorded by the PLM monitor. Exported " + p.generated() + " (UTC).");
        c.paragraph(BOLD, 9.5f, "Not a diagnosis. " + JsonReport.ACCELEROMETER_CAVEAT);
        c.paragraph(REGULAR, 9.5f, "Rates are " + JsonExport.RATES + ". " + MorningReport.ONE_NIGHT);
        List<String[]> rows = new ArrayList<>();
        for (ExportNight n : p.nights()) {
            NightRow r = n.summary();
            rows.add(new String[] {r.nightId(), num(r.analysableS() / 3600, 2), Integer.toString(r.lm()),
                    Integer.toString(r.clm()), Integer.toString(r.plm()), num(r.plmPerH(), 1), num(r.periodicityIndex(), 2),
                    r.wearS() == null ? "-" : num(r.wearS() / 3600, 2), r.provenance().detectorVersion() == null ? "-"
                    : r.provenance().detectorVersion()});
        }
        c.paragraph(BOLD, 11, "The period, one row per night");
        table(c, new String[] {"night", "h in bed", "LM", "CLM", "PLM", "PLM/h in bed", "PI", "h worn", "detector"},
                new float[] {70, 55, 40, 40, 40, 75, 40, 50, 105}, rows);
        c.paragraph(REGULAR, 8.5f, "LM: leg movements; CLM: candidate leg movements; PLM: periodic leg movements (in series "
                + "by the standard named on each night's page); PI: periodicity index (Ferri 2006), 0 to 1. Counts are of "
                + "movements with onsets in analysable time (in bed, sensor worn, leg lying).");
    }

    private static void night(PdfCanvas c, NightView v) throws IOException {
        RateRow bed = v.inBed();
        c.paragraph(BOLD, 15, "Night of " + v.nightId());
        c.paragraph(BOLD, 12, num(bed.plmPerH(), 1) + " periodic leg movements per hour in bed (not per hour of sleep)");
        c.paragraph(REGULAR, 9, MorningReport.plainText(v));
        c.paragraph(BOLD, 9, "Not a diagnosis. " + (v.caveat() != null ? v.caveat()
                : "These movements were imported, not measured by this monitor."));
        c.paragraph(BOLD, 11, "The night");
        PdfCharts.timeline(c, v);
        List<String> hours = new ArrayList<>();
        for (int i = 0; i < v.plmPerHour().size(); i++) {
            hours.add(PdfCharts.clock(v, v.hourOriginS() + i * 3600.0));
        }
        c.need(130);
        float half = PdfCanvas.WIDTH / 2 - 6;
        float h = PdfCharts.bars(c, MARGIN, half, "PLM per hour (local time)", v.plmPerHour(), hours,
                Math.max(1, hours.size() / 8), true, null, null, PdfCharts.PLM, "hour starting at");
        c.down(h + 6);
        c.need(130);
        Histogram lin = v.imi().linear();
        Histogram log = v.imi().logarithmic();
        float h1 = PdfCharts.bars(c, MARGIN, half, "IMI, 2-s bins, 0-90 s (" + lin.above() + " over 90 s)", lin.counts(),
                binLabels(lin, 0), 5, false, new double[] {10 / lin.width()}, new String[] {"10 s"}, PdfCharts.CLM, "IMI, s");
        float h2 = PdfCharts.bars(c, MARGIN + half + 12, half, "ln(IMI), bins of 0.1 (" + log.below() + " under 1 s, "
                        + log.above() + " over 90 s)", log.counts(), binLabels(log, 1), 5, false,
                new double[] {Math.log(10) / log.width(), Math.log(90) / log.width()}, new String[] {"10 s", "90 s"},
                PdfCharts.CLM, "ln(IMI in s)");
        c.down(Math.max(h1, h2) + 6);
        c.paragraph(REGULAR, 9, v.imi().total() + " intervals between candidate movements: " + v.imi().below10()
                + " under 10 s, " + v.imi().from10To90() + " of 10-90 s, " + v.imi().above90() + " over 90 s.");
        c.paragraph(BOLD, 11, "Counts");
        PdfTable.draw(c, MorningReport.RATE_HEAD, new float[] {130, 50, 45, 45, 45, 55, 55, 55}, MorningReport.rateRows(v));
        c.paragraph(REGULAR, 9, MorningReport.PI_BEFORE + MorningReport.PI_JOURNAL + MorningReport.PI_AFTER
                + num(v.periodicityIndex(), 2) + (v.periodicityIndexSleep() == null ? "" : "; during sleep: "
                + num(v.periodicityIndexSleep(), 2)) + ".");
        c.paragraph(BOLD, 10, MorningReport.durationCaption(v));
        PdfTable.draw(c, MorningReport.DURATION_HEAD, new float[] {55, 55, 55, 55}, List.of(MorningReport.durationRow(v)));
        c.paragraph(BOLD, 10, MorningReport.LEG_CAPTION);
        PdfTable.draw(c, MorningReport.LEG_HEAD, new float[] {130, 55, 55, 55}, MorningReport.legRows(v));
        provenance(c, v);
    }

    private static void provenance(PdfCanvas c, NightView v) throws IOException {
        c.paragraph(BOLD, 11, "How this was measured");
        for (List<String> r : MorningReport.provenanceRows(v)) {
            c.paragraph(REGULAR, 8.5f, r.get(0) + ": " + r.get(1));
        }
        Map<String, String> params = new TreeMap<>(v.provenance().detectorParameters());
        if (!params.isEmpty()) {
            c.paragraph(REGULAR, 8.5f, "detector parameters: " + String.join("; ", params.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
    }

    /** A table with a bold header row ({@link PdfTable}: long cells wrap). */
    private static void table(PdfCanvas c, String[] head, float[] widths, List<String[]> rows) throws IOException {
        PdfTable.draw(c, List.of(head), widths, rows.stream().map(List::of).toList());
    }

    private static List<String> binLabels(Histogram h, int decimals) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < h.counts().size(); i++) {
            l.add(num(h.low() + i * h.width(), decimals));
        }
        return l;
    }

    /** A number with exactly {@code decimals} decimals, as the page shows it; a dash when unknown. */
    static String num(Double d, int decimals) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return "-";
        }
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", d);
    }
}
