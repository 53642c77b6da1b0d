package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.monitor.daemon.SimulatedNights;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm report} on a night the real daemon ran (simulated sensors) into a temporary store. */
class ReportCommandTest {
    private static final Clock WALL = SimulatedNights.MORNING;
    private static final String NIGHT = SimulatedNights.NIGHT;

    @TempDir
    static Path dir;
    static Path data;
    static ClosedNight closed;

    @BeforeAll
    static void runTheDaemon() throws Exception {
        data = dir.resolve("data");
        closed = SimulatedNights.record(data, 5);
        assertEquals(NIGHT, closed.nightId());
    }


    private static PlmRun plm(String... args) {
        return PlmRun.of(args);
    }

    private static Document parse(Path f) throws Exception {
        DocumentBuilderFactory fac = DocumentBuilderFactory.newInstance();
        fac.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return fac.newDocumentBuilder().parse(f.toFile());
    }

    private static List<Element> marks(Document d) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagName("rect");
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (e.getAttribute("class").startsWith("mark ")) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void writesTheNightWithEveryStoredMovementAtItsStoredTime() throws Exception {
        Path out = dir.resolve("night.html");
        PlmRun r = plm("report", "--dir", data.toString(), "--night", NIGHT, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + ": night " + NIGHT), r.out());
        Document d = parse(out);
        String html = Files.readString(out);
        assertFalse(html.contains("http") || html.contains("//") || html.contains("<script"), "nothing fetched");
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(closed.report()));
        List<?> movements = (List<?>) json.get("movements");
        List<Element> marks = marks(d);
        assertEquals(movements.size(), marks.size());
        assertTrue(marks.size() > 10, "a simulated night has movements: " + marks.size());

        try (LocalStore store = LocalStore.open(data.resolve("plm.db"), StoreConfig.defaults(), WALL)) {
            NightRecord rec = store.nights().get(0);
            double durS = (rec.endUtcMs() - rec.startUtcMs()) / 1000.0;
            Map<String, Element> byKey = new HashMap<>();
            for (Element e : marks) {
                byKey.put(e.getAttribute("data-leg") + "@" + e.getAttribute("data-onset-s"), e);
            }
            List<StoredMovement> stored = store.movements(NIGHT, rec.detectorVersion());
            assertEquals(movements.size(), stored.size());
            for (StoredMovement m : stored) {
                double fromStart = (m.onsetUtcMs() - rec.startUtcMs()) / 1000.0;
                Element e = byKey.get(m.leg().jsonName() + "@" + String.format(Locale.ROOT, "%.3f", fromStart));
                assertTrue(e != null, "a mark for " + m.leg() + " at " + fromStart + " s");
                assertEquals(90 + fromStart / durS * 900, Double.parseDouble(e.getAttribute("x")), 0.006);
                assertEquals(m.periodic(), e.getAttribute("class").endsWith("plm"));
            }
            // The analysable shading covers the report's analysable time (to whole seconds per stretch).
            double analysableS = ((Number) ((Map<?, ?>) json.get("summary")).get("analysable_s")).doubleValue();
            double shaded = 0;
            NodeList nl = d.getElementsByTagName("rect");
            int stretches = 0;
            for (int i = 0; i < nl.getLength(); i++) {
                Element e = (Element) nl.item(i);
                if (e.getAttribute("class").equals("analysable")) {
                    shaded += Double.parseDouble(e.getAttribute("width")) / 900 * durS;
                    stretches++;
                }
            }
            assertTrue(analysableS > 3600, "analysable " + analysableS);
            assertEquals(analysableS, shaded, 2.0 * stretches + 1, "shaded analysable time");
        }
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains(JsonReport.ACCELEROMETER_CAVEAT));
        assertTrue(text.contains("Europe/Berlin") && text.contains("accel-") && text.contains("wasm2016"), "provenance");
        // 21:30 in Berlin is the night's start: the timeline's first tick is 22:00, its caption starts at 21:30.
        assertTrue(text.contains("21:30 to 23:30 (Europe/Berlin)"), "local time");
    }

    @Test
    void defaultOutputIsTheNightsNameInTheCurrentFolderAndRefusesInputs() throws Exception {
        PlmRun r = plm("report", "--dir", data.toString(), "--night", NIGHT, "--out",
                data.resolve("nights").resolve(NIGHT + ".json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("refusing to write over an input"), r.err());
        assertTrue(Files.readString(closed.report()).startsWith("{"), "the report is untouched");
        PlmRun db = plm("report", "--dir", data.toString(), "--night", NIGHT, "--out", data.resolve("plm.db").toString());
        assertEquals(2, db.code());
        assertTrue(db.err().contains("is the input file"), db.err());
    }

    @Test
    void anUnknownNightListsTheKnownOnes() {
        PlmRun r = plm("report", "--dir", data.toString(), "--night", "2026-07-09", "--out", dir.resolve("x.html").toString());
        assertEquals(2, r.code());
        assertEquals("plm: " + data.resolve("plm.db") + ": no night 2026-07-09 in this store; its nights: " + NIGHT,
                r.err().strip());
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void aMissingStoreOrABadDateIsOneLine() {
        Path none = dir.resolve("nothing-here");
        PlmRun r = plm("report", "--dir", none.toString(), "--night", NIGHT, "--out", dir.resolve("y.html").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(none.resolve("plm.db") + ": no store here"), r.err());
        assertFalse(Files.exists(none), "nothing is created where there was no store");
        PlmRun bad = plm("report", "--dir", data.toString(), "--night", "1.7.2026");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--night") && bad.err().contains("yyyy-MM-dd"), bad.err());
    }

    @Test
    void aDamagedReportIsNamed() throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy.resolve("nights"));
        for (String f : List.of("plm.db", "plm-raw.db")) {
            Files.copy(data.resolve(f), copy.resolve(f));
        }
        Path json = copy.resolve("nights").resolve(NIGHT + ".json");
        PlmRun missing = plm("report", "--dir", copy.toString(), "--night", NIGHT, "--out", dir.resolve("m.html").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains(json + ": no report for this night"), missing.err());
        String text = Files.readString(closed.report());
        Files.writeString(json, text.substring(0, text.length() / 2));
        PlmRun cut = plm("report", "--dir", copy.toString(), "--night", NIGHT, "--out", dir.resolve("c.html").toString());
        assertEquals(2, cut.code());
        assertTrue(cut.err().contains(json + ": damaged report: at character"), cut.err());
        Files.writeString(json, text.replace("\"movements\"", "\"moves\""));
        PlmRun key = plm("report", "--dir", copy.toString(), "--night", NIGHT, "--out", dir.resolve("k.html").toString());
        assertEquals(2, key.code());
        assertTrue(key.err().contains(json + ": not a night report as plm writes it: movements: expected an array"), key.err());
        assertFalse(Files.exists(dir.resolve("k.html")));
    }

    @Test
    void writesTheTrendsOfAPeriodWithTheNightItsReasonAndTheLabResult() throws Exception {
        try (org.plmmonitor.monitor.store.DiaryStore diary = org.plmmonitor.monitor.store.DiaryStore.open(data.resolve("plm.db"), WALL)) {
            diary.saveLab(new org.plmmonitor.analysis.diary.LabResult(java.time.LocalDate.parse("2026-06-29"), 61.0, 21.0));
        }
        Path out = dir.resolve("trends.html");
        PlmRun r = plm("report", "--dir", data.toString(), "--from", "2026-06-25", "--to", "2026-07-01", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + ": nights 2026-06-25 to 2026-07-01, 1 recorded, 0 usable, 1 lab results"), r.out());
        Document d = parse(out);
        String html = Files.readString(out);
        assertFalse(html.contains("http") || html.contains("<script"), "nothing fetched");
        // The 2-h night is drawn at its index from the JSON report, hollow, with its reason.
        Map<?, ?> summary = (Map<?, ?>) ((Map<?, ?>) JsonReader.parse(Files.readString(closed.report()))).get("summary");
        NodeList circles = d.getElementsByTagName("circle");
        assertEquals(1, circles.getLength());
        Element pt = (Element) circles.item(0);
        assertEquals("pt excl", pt.getAttribute("class"));
        assertEquals(NIGHT, pt.getAttribute("data-night"));
        assertEquals(((Number) summary.get("plm_per_h")).doubleValue(), Double.parseDouble(pt.getAttribute("data-index")), 1e-9, "the JSON's three decimals");
        assertTrue(pt.getTextContent().contains("h analysable, under 4 h"), pt.getTextContent());
        assertTrue(html.contains("Not enough usable nights for a trend yet: 0 of the 3 needed"), "no trend statement");
        assertTrue(html.contains("data-value=\"61.0\""), "the ferritin result is drawn");
        PlmRun none = plm("report", "--dir", data.toString(), "--from", "2026-06-01", "--to", "2026-06-07", "--out",
                dir.resolve("empty.html").toString());
        assertEquals(0, none.code(), none.err());
        assertTrue(none.out().contains("0 recorded, 0 usable"), none.out());
    }
}
