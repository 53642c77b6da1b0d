package org.plmmonitor.analysis.report.html;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.export.PdfSummary;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.report.CuffSessionEntry;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.time.TimeInterval;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PDF's page of a night against the morning report's page of the same night (seeded movements, two cuff
 * sessions, detector parameters): the counts table read from the page cell by cell, the provenance, the legend
 * (with the cuff row's), the periodicity index's definition and the plain-language paragraph are all in the PDF's
 * extracted text.
 */
class PdfNightPagesTest {
    private static final long LINE_ZERO_UTC_MS = Instant.parse("2026-07-01T21:00:00Z").toEpochMilli();
    private static final long START_UTC_MS = LINE_ZERO_UTC_MS + 120_000;
    private static final double HOURS = 6;

    private static ExportNight night() {
        ScoringResult r = PlmScorer.scoreAll(MorningReportTest.seededMovements(21), ScoringStandard.WASM2016,
                ScoringContext.NONE);
        NightMetrics m = NightMetrics.compute(r, HOURS * 3600, List.of(new TimeInterval(120, HOURS * 3600)), null);
        Provenance p = new Provenance("0.1.0-test", "det-7", Map.of("threshold_g", "0.012", "min_duration_s", "0.5"),
                ScoringStandard.WASM2016, List.of(new SensorInfo("sim-left", "left", SensorInfo.ACCELEROMETER, 100.0)),
                "Europe/Berlin", HOURS * 3600, List.of("sim-left"));
        StringBuilder b = new StringBuilder();
        JsonReport.write(b, r, m, p, Map.of(), List.of(new CuffSessionEntry(-1800, 1800, "scheduled", 60, 29.4, "completed"),
                new CuffSessionEntry(7200.25, 7261.5, "series", 2, 31.2, "fault")));
        NightFrame frame = new NightFrame("2026-07-01", START_UTC_MS, START_UTC_MS + (long) (HOURS * 3600_000),
                ZoneId.of("Europe/Berlin"), lineS -> LINE_ZERO_UTC_MS + Math.round(lineS * 1000),
                List.of(new Span(0, HOURS * 3600 - 120)), List.of(), List.of(), List.of(), List.of("nights/2026-07-01.json"));
        return ExportNight.of(frame, JsonReader.parse(b.toString()));
    }

    private static String pdfText(ExportPeriod period) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfSummary.write(out, period, period.trends(List.of(), List.of(), List.of("test")));
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    /** The page's text as the PDF's standard fonts write it: typographic dashes as hyphens. */
    private static String asPdf(String s) {
        return s.replace('\u2013', '-').replace('\u2212', '-').replaceAll("\\s+", " ");
    }

    @Test
    void theNightsPdfPageHasTheMorningReportsTablesLegendProvenanceAndText() throws Exception {
        ExportNight n = night();
        NightView v = n.view();
        assertEquals(2, v.cuffSessions().size());
        LocalDate d = LocalDate.parse("2026-07-01");
        String text = pdfText(new ExportPeriod("p01", d, d, List.of(n), Instant.parse("2026-07-02T08:00:00Z")));

        // The counts table, read from the page itself.
        Document page = TrendsReportTest.parse(MorningReport.document(v));
        Element rates = TrendsReportTest.byClass(page, "table", "rates").get(0);
        assertEquals(v.rates().size(), bodyRowsFoundIn(rates, text), "the counts table's rows");
        // Every small table of the page (durations, by leg): its caption and each body row, in the PDF too.
        List<Element> small = TrendsReportTest.byClass(page, "table", "small");
        assertEquals(2, small.size(), "the durations and by-leg tables");
        for (Element t : small) {
            String caption = t.getElementsByTagName("caption").item(0).getTextContent();
            assertTrue(text.contains(asPdf(caption)), "the page's caption '" + caption + "' in the PDF");
            assertTrue(bodyRowsFoundIn(t, text) >= 1, caption + " has rows");
        }
        assertEquals(v.legs().size(), bodyRowsFoundIn(small.get(1), text), "a by-leg row per leg");
        for (List<String> row : MorningReport.provenanceRows(v)) {
            assertTrue(text.contains(asPdf(row.get(0) + ": " + row.get(1))), "provenance " + row);
        }
        assertTrue(text.contains("read from: nights/2026-07-01.json"));
        assertTrue(text.contains("min_duration_s 0.5") && text.contains("threshold_g 0.012"), "the detector's parameters");
        for (List<String> k : MorningReport.timelineLegend(v)) {
            assertTrue(text.contains(asPdf(k.get(1))), "legend " + k);
        }
        assertTrue(text.contains("cuff therapy session") && text.contains("out of bed (leg upright)"));
        assertTrue(text.contains(asPdf(MorningReport.PI_BEFORE + MorningReport.PI_JOURNAL + MorningReport.PI_AFTER)),
                "the periodicity index's definition as the page gives it");
        assertTrue(text.contains(asPdf(MorningReport.plainText(v))), "the plain-language paragraph");
    }

    /** Asserts each body row of a page's table (its cells joined by spaces) is in the PDF's text; returns how many. */
    private static int bodyRowsFoundIn(Element table, String text) {
        NodeList trs = table.getElementsByTagName("tr");
        int rows = 0;
        for (int i = 0; i < trs.getLength(); i++) {
            Element tr = (Element) trs.item(i);
            if (tr.getElementsByTagName("td").getLength() == 0) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            NodeList kids = tr.getChildNodes();
            for (int k = 0; k < kids.getLength(); k++) {
                if (kids.item(k) instanceof Element e) {
                    cells.add(e.getTextContent());
                }
            }
            assertTrue(text.contains(asPdf(String.join(" ", cells))), "the page's row " + cells + " in " + text);
            rows++;
        }
        return rows;
    }
}
