package org.plmmonitor.analysis.export;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.report.html.RollingMedian;
import org.plmmonitor.analysis.report.html.TrendsChart;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsTables;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.analysis.report.html.TrendsViews;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.geom.Point2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PDF's trends against the page's: the same labels, legend, statement and table cells in the extracted
 * text, and the same plot, read back from each painter's output independently (the SVG's circles and paths,
 * the PDF's filled circles and stroked lines found by a PDFBox graphics engine), so that a painter which
 * plotted other nights, other values or another rolling median fails here.
 */
class PdfTrendsTest {
    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final int DAYS = 45;
    private static final CompareOptions OPT = new CompareOptions(1000, 1000, 5L, 0.95, 0.30, 0.80, 3);
    private static final int ROLL_RGB = 0xa3231b;
    private static final int GRID_RGB = 0xe2e2e2;

    /** 45 nights: holes, two short nights, an unworn night, a night without an index, alcohol, an iron start, two blood tests. */
    static TrendsView period() {
        Random r = new Random(23);
        List<NightIndex> nights = new ArrayList<>();
        List<DiaryEntry> diary = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            LocalDate d = FROM.plusDays(i);
            if (i % 8 == 3 || i == 20 || i == 21) {
                continue; // not recorded: a hole (two in a row at 20-21)
            }
            boolean alcohol = i % 4 == 0;
            double idx = Math.max(0, (alcohol ? 24 : 13) + r.nextGaussian() * 3);
            if (i == 9) {
                nights.add(new NightIndex(d, idx, 7 * 3600, Optional.of("sensor unworn")));
            } else if (i == 30) {
                nights.add(NightIndex.of(d, Double.NaN, 0));
            } else {
                nights.add(NightIndex.of(d, idx, i % 13 == 6 ? 2.5 * 3600 : (6 + r.nextDouble() * 2) * 3600));
            }
            diary.add(DiaryEntry.builder(d.minusDays(0)).alcoholUnits(alcohol ? 3.0 : 0.0).ironMg(i >= 2 ? 65.0 : 0.0).build());
        }
        List<LabResult> labs = List.of(new LabResult(FROM.plusDays(1), 41.0, 16.0), new LabResult(FROM.plusDays(40), 88.0, 23.0));
        return TrendsViews.of(FROM, FROM.plusDays(DAYS - 1), nights, diary, labs, OPT, List.of("seeded test period"));
    }

    private static byte[] pdf(TrendsView v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            try (PdfCanvas c = new PdfCanvas(doc, "test")) {
                c.newPage();
                PdfTrends.draw(c, v);
            }
            doc.save(out);
        }
        return out.toByteArray();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    /** The page's text as the PDF's fonts write it (dashes as hyphens) with spaces collapsed. */
    private static String asPdf(String s) {
        return PdfCanvas.safe(s).replaceAll("\\s+", " ");
    }

    @Test
    void pdfTextHasTheChartsLabelsLegendStatementAndTheSameTableCellsAsThePage() throws Exception {
        TrendsView v = period();
        TrendsChart ch = TrendsChart.of(v);
        String text = text(pdf(v));
        assertTrue(text.contains(asPdf(ch.title())), "chart title");
        assertTrue(text.contains(asPdf(ch.description())), "chart description: " + ch.description());
        for (TrendsChart.Key k : TrendsChart.Key.values()) {
            assertTrue(text.contains(asPdf(k.text())), "legend: " + k.text());
        }
        assertTrue(text.contains(asPdf(TrendsReport.statement(v))), "the page's statement");
        assertTrue(text.contains("Not a diagnosis. " + asPdf(TrendsReport.CAVEAT)), "the trends' caveat");
        assertTrue(text.contains(asPdf(ch.ferritin().caption())) && text.contains(asPdf(ch.tsat().caption())), "lab charts");
        assertTrue(text.contains("75 ng/mL") && text.contains("100 ng/mL") && text.contains("20 %"), "guides");
        assertTrue(text.contains("diary"), "the markers' row");
        for (double g : ch.grid()) {
            assertTrue(text.contains(PdfSummary.num(g, 0)), "grid label " + g);
        }

        // Every row of the page's nights table, cell by cell, parsed from the page itself.
        Document page = parse(TrendsReport.document(v));
        NodeList rows = page.getElementsByTagName("tr");
        int nightRows = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            Element tr = (Element) rows.item(i);
            if (tr.getAttribute("data-night").isEmpty()) {
                continue;
            }
            nightRows++;
            List<String> cells = cells(tr);
            String start = asPdf(String.join(" ", cells.subList(0, 3)));
            assertTrue(text.contains(start), "night row " + start);
            assertTrue(text.contains(asPdf(cells.get(3))), "reason " + cells.get(3));
        }
        assertEquals(v.nights().size(), nightRows);
        assertTrue(text.contains("no: sensor unworn") && text.contains("no: 2.5 h analysable, under 4 h")
                && text.contains("no: no index"), text);
        // The page shows the NaN night's index as a dash: so does the PDF.
        assertTrue(text.contains(FROM.plusDays(30) + " - 0.0 no: no index"), text);
        for (List<String> lab : TrendsTables.labs(v)) {
            assertTrue(text.contains(String.join(" ", lab)), "blood test " + lab);
        }
        List<List<String>> factors = TrendsTables.factors(v);
        assertTrue(factors.stream().anyMatch(f -> f.size() == TrendsTables.FACTORS_HEAD.size()), "a factor compared");
        assertTrue(factors.stream().anyMatch(f -> f.size() < TrendsTables.FACTORS_HEAD.size()), "a factor it cannot tell yet");
        for (List<String> f : factors) {
            assertTrue(text.contains(asPdf(f.get(f.size() - 1))), "factor " + f);
        }
    }

    @Test
    void pdfPlotsTheSameNightsValuesAndRollingMedianAsTheSvg() throws Exception {
        TrendsView v = period();
        Document page = parse(TrendsReport.document(v));
        // The page: its circles, in date order, with the value and status they plot.
        List<Element> svgPts = new ArrayList<>();
        NodeList circles = page.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            svgPts.add((Element) circles.item(i));
        }
        svgPts.sort(Comparator.comparing(e -> e.getAttribute("data-night")));
        // The PDF: its filled circles of a point's radius, in x order.
        Shapes pdf = Shapes.of(pdf(v));
        List<double[]> pdfPts = pdf.circles.stream().filter(c -> Math.abs(c[2] - PdfTrends.POINT_R) < 0.05)
                .sorted(Comparator.comparingDouble(c -> c[0])).toList();
        assertEquals(svgPts.size(), pdfPts.size(), "the same number of nights plotted");
        long noIndex = v.nights().stream().filter(n -> Double.isNaN(n.indexPerH())).count();
        assertEquals(v.nights().size() - noIndex, svgPts.size());

        // x: the same calendar slot for each night; y: the same value, each painter's y an affine map of it.
        double[] days = svgPts.stream().mapToDouble(e -> ChronoUnit.DAYS.between(FROM, LocalDate.parse(e.getAttribute("data-night")))).toArray();
        double[] values = svgPts.stream().mapToDouble(e -> Double.parseDouble(e.getAttribute("data-index"))).toArray();
        double[] svgY = svgPts.stream().mapToDouble(e -> Double.parseDouble(e.getAttribute("cy"))).toArray();
        double[] pdfX = pdfPts.stream().mapToDouble(c -> c[0]).toArray();
        double[] pdfY = pdfPts.stream().mapToDouble(c -> c[1]).toArray();
        Affine dayToX = Affine.fit(days, pdfX);
        Affine svgToValue = Affine.fit(svgY, values);
        Affine pdfToValue = Affine.fit(pdfY, values);
        for (int i = 0; i < days.length; i++) {
            assertEquals(pdfX[i], dayToX.at(days[i]), 0.05, "night " + svgPts.get(i).getAttribute("data-night") + " off its slot");
            assertEquals(values[i], svgToValue.at(svgY[i]), 0.02, "svg value");
            assertEquals(values[i], pdfToValue.at(pdfY[i]), 0.02, "pdf value of " + svgPts.get(i).getAttribute("data-night"));
            boolean svgLeftOut = svgPts.get(i).getAttribute("class").contains("excl");
            boolean pdfLeftOut = pdfPts.get(i)[3] == 0xffffff;
            assertEquals(svgLeftOut, pdfLeftOut, "left out on one and not the other: " + svgPts.get(i).getAttribute("data-night"));
        }
        // The y axis: the same grid values on both, the lowest at 0.
        List<Double> svgGrid = byClass(page, "line", "grid").stream()
                .map(e -> svgToValue.at(Double.parseDouble(e.getAttribute("y1")))).sorted().toList();
        List<Double> pdfGrid = pdf.lines.stream().filter(l -> l.rgb == GRID_RGB).map(l -> pdfToValue.at(l.points.get(0)[1]))
                .sorted().toList();
        assertEquals(svgGrid.size(), pdfGrid.size(), "grid lines");
        assertEquals(0, svgGrid.get(0), 0.02);
        for (int i = 0; i < svgGrid.size(); i++) {
            assertEquals(svgGrid.get(i), pdfGrid.get(i), 0.02, "grid line " + i);
            assertEquals(TrendsChart.of(v).grid().get(i), pdfGrid.get(i), 0.02, "grid line " + i);
        }

        // The rolling median: the same runs (never joined across a hole) through the same medians.
        List<List<double[]>> svgRuns = new ArrayList<>();
        for (Element p : byClass(page, "path", "roll")) {
            svgRuns.add(vertices(p.getAttribute("d").split(" M")[0]));
        }
        List<List<double[]>> pdfRuns = pdf.lines.stream().filter(l -> l.rgb == ROLL_RGB).map(l -> l.points).toList();
        assertEquals(svgRuns.size(), pdfRuns.size(), "rolling-median runs");
        assertTrue(svgRuns.size() >= 2, "the fixture's holes cut the rolling median");
        List<RollingMedian.Point> expected = v.rolling();
        int k = 0;
        for (int r = 0; r < svgRuns.size(); r++) {
            List<double[]> pdfRun = pdfRuns.get(r);
            if (svgRuns.get(r).size() == 1) {
                // one night: the PDF draws a short dash centred on it
                pdfRun = List.of(new double[] {(pdfRun.get(0)[0] + pdfRun.get(1)[0]) / 2, pdfRun.get(0)[1]});
            }
            assertEquals(svgRuns.get(r).size(), pdfRun.size(), "run " + r);
            for (int i = 0; i < pdfRun.size(); i++, k++) {
                RollingMedian.Point p = expected.get(k);
                assertEquals(p.median(), svgToValue.at(svgRuns.get(r).get(i)[1]), 0.02, "svg median " + p.date());
                assertEquals(p.median(), pdfToValue.at(pdfRun.get(i)[1]), 0.02, "pdf median " + p.date());
                assertEquals(dayToX.at(ChronoUnit.DAYS.between(FROM, p.date())), pdfRun.get(i)[0], 0.05, "pdf median's night " + p.date());
            }
        }
        assertEquals(expected.size(), k, "every rolling-median point drawn once");
        assertFalse(expected.isEmpty());
    }

    private static List<double[]> vertices(String d) {
        List<double[]> out = new ArrayList<>();
        String[] t = d.trim().split(" ");
        for (int i = 0; i + 1 < t.length; i += 2) {
            out.add(new double[] {Double.parseDouble(t[i].substring(1)), Double.parseDouble(t[i + 1])});
        }
        return out;
    }

    private static List<String> cells(Element tr) {
        List<String> out = new ArrayList<>();
        NodeList kids = tr.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element e) {
                out.add(e.getTextContent());
            }
        }
        return out;
    }

    private static Document parse(String xhtml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xhtml.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    /** y = a + b x through the first and the last point, checked against every point by the caller. */
    private record Affine(double a, double b) {
        static Affine fit(double[] x, double[] y) {
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < x.length; i++) {
                lo = x[i] < x[lo] ? i : lo;
                hi = x[i] > x[hi] ? i : hi;
            }
            double b = (y[hi] - y[lo]) / (x[hi] - x[lo]);
            return new Affine(y[lo] - b * x[lo], b);
        }

        double at(double x) {
            return a + b * x;
        }

        double inverse(double y) {
            return (y - a) / b;
        }
    }

    /** A stroked open line: its vertices and stroke colour. */
    private record Line(int rgb, List<double[]> points) {
    }

    /** The filled circles ({cx, cy, r, fill rgb}) and stroked lines of a PDF's pages, as a reader finds them. */
    private static final class Shapes extends PDFGraphicsStreamEngine {
        final List<double[]> circles = new ArrayList<>();
        final List<Line> lines = new ArrayList<>();
        private final List<double[]> path = new ArrayList<>();
        private int curves;
        private double cx;
        private double cy;

        private Shapes(PDPage page) {
            super(page);
        }

        static Shapes of(byte[] pdf) throws IOException {
            Shapes all = null;
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                for (PDPage page : doc.getPages()) {
                    Shapes s = new Shapes(page);
                    s.processPage(page);
                    if (all == null) {
                        all = s;
                    } else {
                        all.circles.addAll(s.circles);
                        all.lines.addAll(s.lines);
                    }
                }
            }
            return all;
        }

        @Override
        public void moveTo(float x, float y) {
            if (!path.isEmpty() && curves == 0) {
                path.clear();
            }
            path.add(new double[] {x, y});
            cx = x;
            cy = y;
        }

        @Override
        public void lineTo(float x, float y) {
            path.add(new double[] {x, y});
            cx = x;
            cy = y;
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            path.add(new double[] {x1, y1});
            path.add(new double[] {x2, y2});
            path.add(new double[] {x3, y3});
            curves++;
            cx = x3;
            cy = y3;
        }

        @Override
        public Point2D getCurrentPoint() {
            return new Point2D.Float((float) cx, (float) cy);
        }

        @Override
        public void closePath() {
        }

        @Override
        public void endPath() {
            reset();
        }

        @Override
        public void strokePath() throws IOException {
            if (curves == 0 && path.size() >= 2) {
                lines.add(new Line(getGraphicsState().getStrokingColor().toRGB(), List.copyOf(path)));
            }
            reset();
        }

        @Override
        public void fillPath(int windingRule) throws IOException {
            filled();
        }

        @Override
        public void fillAndStrokePath(int windingRule) throws IOException {
            filled();
        }

        private void filled() throws IOException {
            if (curves == 4) {
                double minX = path.stream().mapToDouble(p -> p[0]).min().orElseThrow();
                double maxX = path.stream().mapToDouble(p -> p[0]).max().orElseThrow();
                double minY = path.stream().mapToDouble(p -> p[1]).min().orElseThrow();
                double maxY = path.stream().mapToDouble(p -> p[1]).max().orElseThrow();
                circles.add(new double[] {(minX + maxX) / 2, (minY + maxY) / 2, (maxX - minX) / 2,
                        getGraphicsState().getNonStrokingColor().toRGB()});
            }
            reset();
        }

        private void reset() {
            path.clear();
            curves = 0;
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            reset();
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }
    }
}
