package org.plmmonitor.analysis.report.html;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendsReportTest {
    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final CompareOptions OPT = new CompareOptions(1000, 1000, 3L, 0.95, 0.30, 0.80, 3);

    static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> byClass(Document d, String tag, String cls) {
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

    /** 60 nights with holes, short nights, an unworn night, alcohol on every third evening, an iron start. */
    static TrendsView sixtyNights() {
        Random r = new Random(11);
        List<NightIndex> nights = new ArrayList<>();
        List<DiaryEntry> diary = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            LocalDate d = FROM.plusDays(i);
            if (i % 9 == 4) {
                continue; // not recorded: a hole
            }
            boolean alcohol = i % 3 == 0;
            double idx = (alcohol ? 28 : 16) + r.nextGaussian() * 2;
            if (i == 10) {
                nights.add(new NightIndex(d, idx, 7 * 3600, Optional.of("sensor unworn")));
            } else {
                nights.add(NightIndex.of(d, idx, i % 11 == 7 ? 3 * 3600 : 7.5 * 3600));
            }
            diary.add(DiaryEntry.builder(d).alcoholUnits(alcohol ? 2.0 : 0.0).ironMg(i >= 5 ? 65.0 : 0.0).build());
        }
        List<LabResult> labs = List.of(new LabResult(FROM.plusDays(2), 38.0, 14.0), new LabResult(FROM.plusDays(50), 81.0, 24.0));
        return TrendsViews.of(FROM, FROM.plusDays(59), nights, diary, labs, OPT, List.of("test"));
    }

    @Test
    void onePointPerRecordedNightNeverJoinedOnACalendarAxisFromZero() throws Exception {
        TrendsView v = sixtyNights();
        Document d = parse(TrendsReport.document(v));
        List<Element> pts = byClass(d, "circle", "pt");
        assertEquals(v.nights().size(), pts.size());
        assertEquals(0, d.getElementsByTagName("polyline").getLength(), "no line through the points");
        // calendar axis: equal spacing per day, a hole where a night is missing
        double slot = 920.0 / 60; // the plot's width over the period's days
        for (Element p : pts) {
            long day = java.time.temporal.ChronoUnit.DAYS.between(FROM, LocalDate.parse(p.getAttribute("data-night")));
            assertEquals(56 + (day + 0.5) * slot, Double.parseDouble(p.getAttribute("cx")), 0.006);
        }
        assertTrue(pts.stream().noneMatch(p -> p.getAttribute("data-night").equals(FROM.plusDays(4).toString())));
        // y from zero: the lowest grid label is 0
        assertTrue(TrendsReport.fragment(v).contains("text-anchor=\"end\">0</text>"));
        // excluded nights: hollow, with their reason in the tooltip and the table
        List<Element> excl = byClass(d, "circle", "excl");
        assertEquals(v.nights().size() - v.usable().size(), excl.size());
        Element unworn = excl.stream().filter(e -> e.getAttribute("data-night").equals(FROM.plusDays(10).toString())).findFirst().orElseThrow();
        assertTrue(unworn.getTextContent().contains("left out: sensor unworn"), unworn.getTextContent());
        assertTrue(TrendsReport.fragment(v).contains("no: 3.0 h analysable, under 4 h"));
    }

    @Test
    void rollingMedianIronWindowsGuidesMarkersAndFactors() throws Exception {
        TrendsView v = sixtyNights();
        Document d = parse(TrendsReport.document(v));
        assertFalse(byClass(d, "path", "roll").isEmpty());
        assertEquals(byClass(d, "path", "roll").size(), byClass(d, "path", "roll-band").size());
        // iron started on the evening of day 5: weeks 6-8 shaded in all three charts, full effect beyond the period
        assertEquals(List.of(FROM.plusDays(5)), v.ironStarts());
        List<Element> win = byClass(d, "rect", "iron-window");
        assertEquals(3, win.size());
        assertEquals(FROM.plusDays(5).toString(), win.get(0).getAttribute("data-iron-start"));
        assertEquals(3, byClass(d, "line", "iron-start").size());
        assertTrue(byClass(d, "line", "iron-full").isEmpty(), "day 95 lies after the period");
        List<String> guides = byClass(d, "line", "guide").stream().map(e -> e.getAttribute("data-guide")).toList();
        assertTrue(guides.containsAll(List.of("75", "100", "20")), guides.toString());
        assertEquals(4, byClass(d, "rect", "lab-pt").size(), "two ferritin and two TSAT points");
        assertEquals(v.markers().size(), byClass(d, "path", "mark-d").size());
        // the alcohol factor has enough nights on each side; massage was never recorded
        Element alc = null;
        Element massage = null;
        NodeList rows = d.getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            if (row.getAttribute("data-factor").equals("alcohol_units")) {
                alc = row;
            }
            if (row.getAttribute("data-factor").equals("massage")) {
                massage = row;
            }
        }
        assertTrue(alc.getTextContent().contains(" to "), alc.getTextContent());
        assertFalse(alc.getTextContent().contains("cannot tell"));
        assertTrue(massage.getTextContent().contains("cannot tell yet: 3 more without, 3 more with"), massage.getTextContent());
        String text = d.getDocumentElement().getTextContent().toLowerCase(java.util.Locale.ROOT);
        for (String causal : List.of("causes", "caused by", "because of", "leads to", "due to")) {
            assertFalse(text.contains(causal), causal);
        }
    }

    @Test
    void noTrendStatementBeforeThreeUsableNights() throws Exception {
        List<NightIndex> nights = List.of(NightIndex.of(FROM, 20, 8 * 3600), NightIndex.of(FROM.plusDays(1), 22, 2 * 3600),
                NightIndex.of(FROM.plusDays(3), 25, 8 * 3600));
        TrendsView v = TrendsViews.of(FROM, FROM.plusDays(6), nights, List.of(), List.of(), OPT, List.of());
        String s = TrendsReport.statement(v);
        assertTrue(s.startsWith("Not enough usable nights for a trend yet: 2 of the 3 needed"), s);
        assertFalse(s.contains("median"), s);
        assertTrue(v.rolling().isEmpty());
        parse(TrendsReport.document(v));
        TrendsView three = TrendsViews.of(FROM, FROM.plusDays(6), List.of(nights.get(0), nights.get(2),
                NightIndex.of(FROM.plusDays(4), 30, 6 * 3600)), List.of(), List.of(), OPT, List.of());
        assertTrue(TrendsReport.statement(three).contains("the median was 25.0"), TrendsReport.statement(three));
    }

    @Test
    void rollingMedianUsesTheLastSevenCalendarDaysOfUsableNights() {
        List<NightIndex> n = new ArrayList<>();
        double[] v = {10, 20, 30, 40, 50, 60, 70, 80};
        for (int i = 0; i < v.length; i++) {
            n.add(NightIndex.of(FROM.plusDays(i), v[i], i == 2 ? 60 : 8 * 3600)); // day 2 is too short to count
        }
        List<RollingMedian.Point> r = RollingMedian.of(n);
        // day 3: usable 10, 20, 40 -> median 20; day 7: days 1..7 minus day 2 -> 20,40,50,60,70,80 -> 55
        assertEquals(FROM.plusDays(3), r.get(0).date());
        assertEquals(20, r.get(0).median(), 1e-9);
        RollingMedian.Point last = r.get(r.size() - 1);
        assertEquals(FROM.plusDays(7), last.date());
        assertEquals(6, last.nights());
        assertEquals(55, last.median(), 1e-9);
        assertEquals(42.5, last.q25(), 1e-9);
        assertEquals(67.5, last.q75(), 1e-9);
    }
}
