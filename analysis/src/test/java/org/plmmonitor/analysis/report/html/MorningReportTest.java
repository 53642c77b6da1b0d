package org.plmmonitor.analysis.report.html;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
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

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The morning report of a seeded night, scored and written by the real code, read back and rendered. */
class MorningReportTest {
    /** Line second 0 of the seeded night is 21:00 UTC, 23:00 in Berlin (summer time). */
    private static final long LINE_ZERO_UTC_MS = Instant.parse("2026-07-01T21:00:00Z").toEpochMilli();
    /** The night opened 120 s after line 0 (the first sample need not be at line 0). */
    private static final long START_UTC_MS = LINE_ZERO_UTC_MS + 120_000;
    private static final double HOURS = 6;

    /** Seeded movements: periodic runs on both legs, some bilateral pairs, scattered single ones. */
    static List<LegMovement> seededMovements(long seed) {
        Random rnd = new Random(seed);
        List<LegMovement> ms = new ArrayList<>();
        double t = 400;
        while (t < HOURS * 3600 - 600) {
            if (rnd.nextDouble() < 0.5) {
                int n = 4 + rnd.nextInt(20);
                for (int i = 0; i < n && t < HOURS * 3600 - 600; i++) {
                    Leg leg = rnd.nextBoolean() ? Leg.LEFT : Leg.RIGHT;
                    double d = 0.6 + rnd.nextDouble() * 3;
                    ms.add(new LegMovement(t, t + d, leg, 0.05, 0.02));
                    if (rnd.nextDouble() < 0.15) {
                        Leg other = leg == Leg.LEFT ? Leg.RIGHT : Leg.LEFT;
                        ms.add(new LegMovement(t + 0.2, t + 0.2 + d, other, 0.05, 0.02));
                    }
                    t += 15 + rnd.nextDouble() * 30;
                }
            } else {
                ms.add(new LegMovement(t, t + 0.6 + rnd.nextDouble() * 12, rnd.nextBoolean() ? Leg.LEFT : Leg.RIGHT, 0.05, 0.02));
            }
            t += 60 + rnd.nextDouble() * 900;
        }
        ms.sort((a, b) -> Double.compare(a.onsetS(), b.onsetS()));
        return ms;
    }

    static String seededJson(long seed, String sensorName) {
        ScoringResult r = PlmScorer.scoreAll(seededMovements(seed), ScoringStandard.WASM2016, ScoringContext.NONE);
        List<TimeInterval> an = List.of(new TimeInterval(120, 3 * 3600), new TimeInterval(3 * 3600 + 900, HOURS * 3600));
        NightMetrics m = NightMetrics.compute(r, HOURS * 3600, an, null);
        Provenance p = new Provenance("0.1.0-test", "det-7", Map.of("threshold_g", "0.01"), ScoringStandard.WASM2016,
                List.of(new SensorInfo(sensorName, "left", SensorInfo.ACCELEROMETER, 100.0),
                        new SensorInfo("sim-right", "right", SensorInfo.ACCELEROMETER, 100.0)),
                "Europe/Berlin", 5.5 * 3600, List.of(sensorName, "sim-right"));
        StringBuilder b = new StringBuilder();
        JsonReport.write(b, r, m, p);
        return b.toString();
    }

    static NightFrame frame(List<String> others) {
        return new NightFrame("2026-07-01", START_UTC_MS, START_UTC_MS + (long) (HOURS * 3600_000), ZoneId.of("Europe/Berlin"),
                lineS -> LINE_ZERO_UTC_MS + Math.round(lineS * 1000),
                List.of(new Span(0, 3 * 3600 - 120), new Span(3 * 3600 + 780, HOURS * 3600 - 120)),
                List.of(new Span(3 * 3600 - 120, 3 * 3600 + 300)), List.of(new Span(3 * 3600 + 300, 3 * 3600 + 780)),
                others, List.of("nights/2026-07-01.json", "plm.db"));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if ((" " + e.getAttribute("class") + " ").contains(" " + cls + " ")) {
                out.add(e);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) JsonReader.parse(text);
    }

    @Test
    void oneMarkPerMovementInItsLegRowAtItsLocalTime() throws Exception {
        String text = seededJson(11, "sim-left");
        Map<String, Object> j = json(text);
        NightView v = NightViews.fromReport(j, frame(List.of()));
        Document d = parse(MorningReport.document(v));
        List<Map<String, Object>> movements = (List<Map<String, Object>>) (Object) j.get("movements");
        List<Element> marks = byClass(d, "rect", "mark");
        assertEquals(movements.size(), marks.size());
        assertTrue(movements.size() > 50, "a seeded night with movements: " + movements.size());
        Map<String, Integer> perLeg = new HashMap<>();
        for (int i = 0; i < movements.size(); i++) {
            Map<String, Object> m = movements.get(i);
            Element e = marks.get(i);
            String leg = (String) m.get("leg");
            perLeg.merge(leg, 1, Integer::sum);
            assertEquals(leg, e.getAttribute("data-leg"));
            double fromStart = (LINE_ZERO_UTC_MS + (Double) m.get("onset_s") * 1000 - START_UTC_MS) / 1000.0;
            double x = Charts.TL_LEFT + fromStart / (HOURS * 3600) * Charts.TL_WIDTH;
            assertEquals(x, Double.parseDouble(e.getAttribute("x")), 0.006, "x of movement " + i);
            double[] row = Charts.row(Leg.parse(leg));
            double y = Double.parseDouble(e.getAttribute("y"));
            double h = Double.parseDouble(e.getAttribute("height"));
            assertTrue(y >= row[0] - 1e-6 && y + h <= row[0] + row[1] + 1e-6, "inside its row: " + i);
            String kind = (Boolean) m.get("periodic") ? "plm" : (Boolean) m.get("candidate") ? "clm" : "lm";
            assertTrue(e.getAttribute("class").endsWith(kind), "class of movement " + i);
        }
        assertTrue(perLeg.get("left") > 0 && perLeg.get("right") > 0 && perLeg.getOrDefault("bilateral", 0) > 0, perLeg.toString());
        // Its tooltip gives the local clock time in the night's zone (Berlin summer time, UTC+2).
        Element first = marks.get(0);
        String title = first.getElementsByTagName("title").item(0).getTextContent();
        double onset = (Double) movements.get(0).get("onset_s");
        String local = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(
                Instant.ofEpochMilli(LINE_ZERO_UTC_MS + Math.round(onset * 1000)).atZone(ZoneId.of("Europe/Berlin")));
        assertTrue(title.startsWith(local + " "), title + " vs " + local);
        // Every series gets a band.
        assertEquals(((List<?>) j.get("series")).size(), byClass(d, "rect", "series").size());
        assertTrue(byClass(d, "rect", "series").size() > 2);
        assertEquals(2, byClass(d, "rect", "analysable").size());
        assertEquals(1, byClass(d, "rect", "unworn").size());
        assertEquals(1, byClass(d, "rect", "nosignal").size());
    }

    @Test
    void barsAndHistogramsCarryTheReportsCounts() throws Exception {
        Map<String, Object> j = json(seededJson(12, "sim-left"));
        Document d = parse(MorningReport.document(NightViews.fromReport(j, frame(List.of()))));
        List<Map<String, Object>> movements = (List<Map<String, Object>>) (Object) j.get("movements");
        long plm = movements.stream().filter(m -> (Boolean) m.get("periodic") && !(Boolean) m.get("merged")).count();
        assertEquals(plm, sumBars(d, "hourly"));
        Map<String, Object> summary = (Map<String, Object>) j.get("summary");
        assertEquals(((Map<String, Object>) summary.get("recorded")).get("plm"), (double) sumBars(d, "hourly"));
        List<Double> imis = movements.stream().filter(m -> (Boolean) m.get("candidate") && m.get("imi_s") != null)
                .map(m -> (Double) m.get("imi_s")).toList();
        long upTo90 = imis.stream().filter(x -> x <= 90).count();
        long ln = imis.stream().filter(x -> x >= 1 && Math.log(x) <= 4.5).count();
        assertEquals(upTo90, sumBars(d, "imi-lin"));
        assertEquals(ln, sumBars(d, "imi-ln"));
        assertTrue(upTo90 > 20);
        // 45 bins each, bar i of the linear one counts IMIs in [2i, 2i+2).
        List<Element> lin = byClass(d, "svg", "imi-lin");
        List<Element> bars = byClass(d, "rect", "bar").stream().filter(e -> e.getParentNode() == lin.get(0)).toList();
        assertEquals(45, bars.size());
        for (int i = 0; i < 44; i++) {
            final int k = i;
            long n = imis.stream().filter(x -> x >= 2 * k && x < 2 * k + 2).count();
            assertEquals(n, Long.parseLong(bars.get(i).getAttribute("data-count")), "bin " + i);
        }
    }

    private static long sumBars(Document d, String chart) {
        Element svg = byClass(d, "svg", chart).get(0);
        NodeList nl = svg.getElementsByTagName("rect");
        long s = 0;
        for (int i = 0; i < nl.getLength(); i++) {
            s += Long.parseLong(((Element) nl.item(i)).getAttribute("data-count"));
        }
        return s;
    }

    @Test
    void caveatVariabilityAndProvenanceAreOnThePage() throws Exception {
        NightView v = NightViews.fromReport(JsonReader.parse(seededJson(13, "sim-left")), frame(List.of("det-6")));
        String html = MorningReport.document(v);
        String text = parse(html).getDocumentElement().getTextContent();
        assertTrue(text.contains(JsonReport.ACCELEROMETER_CAVEAT), "caveat");
        assertTrue(text.contains("Not a diagnosis."));
        assertTrue(text.contains(MorningReport.ONE_NIGHT));
        assertTrue(text.contains("per hour in bed, not per hour of sleep"));
        assertTrue(text.contains("15 per hour threshold"));
        assertTrue(text.contains("Ferri"));
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.1f periodic leg movements per hour in bed",
                v.inBed().plmPerH())), text);
        for (String s : List.of("0.1.0-test", "det-7", "wasm2016", "Europe/Berlin", "sim-left", "100 Hz", "5.50 h",
                "det-6 (not shown here)", "threshold_g")) {
            assertTrue(text.contains(s), "provenance shows " + s);
        }
        assertFalse(text.contains("per hour of sleep and of wake"), "no sleep rows without sleep times");
    }

    @Test
    void pageFetchesNothingAndEscapesWhatItQuotes() throws Exception {
        String html = MorningReport.document(NightViews.fromReport(JsonReader.parse(
                seededJson(14, "<script src=\"http://x/y.js\">&amp;")), frame(List.of())));
        Document d = parse(html); // well-formed XML
        assertTrue(d.getDocumentElement().getTextContent().contains("<script src=\"http://x/y.js\">&amp;"));
        html = html.replace(Xml.esc("<script src=\"http://x/y.js\">&amp;"), "NAME");
        assertFalse(html.contains("http"), "no URL");
        assertFalse(html.contains("//"), "no protocol-relative URL");
        assertFalse(html.contains("url("), "no CSS resource");
        assertFalse(html.contains("@import"));
        for (String tag : List.of("script", "img", "link", "iframe", "object", "embed", "image", "use")) {
            assertEquals(0, d.getElementsByTagName(tag).getLength(), tag);
        }
        assertFalse(html.contains(" src="));
        assertFalse(html.contains("href="));
    }

    @Test
    void sleepRowsAppearWhenTheReportHasThem() {
        Map<String, Object> j = new java.util.LinkedHashMap<>(json(seededJson(15, "s")));
        Map<String, Object> s = new java.util.LinkedHashMap<>((Map<String, Object>) j.get("summary"));
        s.put("sleep_s", 18000.0);
        s.put("wake_s", 1800.0);
        s.put("plms", 40.0);
        s.put("plmw", 3.0);
        s.put("plms_per_h", 8.0);
        s.put("plmw_per_h", 6.0);
        s.put("periodicity_index_sleep", 0.5);
        j.put("summary", s);
        NightView v = NightViews.fromReport(j, frame(List.of()));
        assertEquals(List.of("in bed (analysable)", "recorded (whole night)", "sleep", "wake"),
                v.rates().stream().map(RateRow::what).toList());
        String html = MorningReport.document(v);
        assertTrue(html.contains("<th scope=\"row\">sleep</th><td>5.00</td><td>\u2013</td><td>\u2013</td><td>40</td>"), html);
        assertTrue(html.contains("during sleep: <strong>0.50</strong>"));
    }

    @Test
    void aMissingKeyIsNamed() {
        Map<String, Object> j = new java.util.LinkedHashMap<>(json(seededJson(16, "s")));
        j.remove("series");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NightViews.fromReport(j, frame(List.of())));
        assertEquals("series: expected an array", e.getMessage());
    }
}
