package org.plmmonitor.monitor.export;

import org.plmmonitor.monitor.cli.PlmRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.html.TrendsChart;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsTables;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.monitor.report.StoredTrends;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plmmonitor.monitor.export.ExportFixture.FIRST;
import static org.plmmonitor.monitor.export.ExportFixture.SECOND;
import static org.plmmonitor.monitor.export.ExportFixture.csv;
import static org.plmmonitor.monitor.export.ExportFixture.plm;

/**
 * {@code plm export} on two nights the real daemon stored: what goes out is read back by another reader
 * (an RFC 4180 parser, Jackson, PDFBox's text extraction) and compared with the store and the nights'
 * JSON reports. The EDF+ files are read back by MNE in {@link EdfMneTest}, the FHIR bundle by HAPI in
 * {@link FhirValidationTest}.
 */
class ExportRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static List<ClosedNight> closed;

    @BeforeAll
    static void recordTwoNights() throws Exception {
        data = dir.resolve("data");
        closed = ExportFixture.twoNights(data);
    }

    private static Path export(String format) {
        Path out = dir.resolve("out-" + format);
        PlmRun r = plm("export", "--dir", data.toString(), "--patient", "p-0042", "--from", FIRST, "--to", SECOND,
                "--format", format, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("exported 2 nights (" + FIRST + " to " + SECOND + ", patient p-0042) as " + format),
                r.out());
        assertEquals("", r.err());
        return out;
    }

    private static LocalStore store() {
        return LocalStore.open(data.resolve("plm.db"), StoreConfig.builder().path(data.resolve("plm.db"))
                .retentionDays(StoreConfig.MAX_RETENTION_DAYS).rawRetentionDays(StoreConfig.MAX_RETENTION_DAYS).build(), Clock.systemUTC());
    }

    private static JsonNode report(ClosedNight n) throws Exception {
        return JSON.readTree(n.report().toFile());
    }

    @Test
    void movementsCsvHasEveryStoredMovementAtItsStoredTimes() throws Exception {
        Path out = export("csv");
        List<List<String>> rows = csv(Files.readString(out.resolve("movements.csv")));
        List<String> head = rows.get(0);
        assertEquals(List.of("night", "leg", "onset_utc", "onset_local", "onset_from_start_s", "offset_from_start_s",
                "duration_s", "candidate", "periodic", "series", "imi_s", "peak_g", "rms_g", "detector_version"), head);
        Map<String, List<String>> byKey = new HashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            assertEquals(head.size(), r.size(), r.toString());
            assertNull(byKey.put(r.get(0) + "/" + r.get(1) + "/" + r.get(2), r), "one row per movement: " + r);
        }
        int total = 0;
        try (LocalStore store = store()) {
            for (ClosedNight n : closed) {
                NightRecord rec = store.nights().stream().filter(x -> x.nightId().equals(n.nightId())).findFirst().orElseThrow();
                List<StoredMovement> stored = store.movements(n.nightId(), rec.detectorVersion());
                assertTrue(stored.size() > 10, "a simulated night has movements: " + stored.size());
                Map<String, JsonNode> reported = new HashMap<>();
                for (JsonNode m : report(n).get("movements")) {
                    reported.put(m.get("leg").asText() + "@" + m.get("onset_s").asText(), m);
                }
                for (StoredMovement m : stored) {
                    String onset = Instant.ofEpochMilli(m.onsetUtcMs()).toString().replace("Z", "");
                    List<String> r = byKey.get(n.nightId() + "/" + m.leg().jsonName() + "/"
                            + (onset.length() == 19 ? onset + ".000" : onset) + "Z");
                    assertNotNull(r, "a row for " + m);
                    assertEquals(m.onsetUtcMs(), Instant.parse(r.get(2)).toEpochMilli());
                    OffsetDateTime local = OffsetDateTime.parse(r.get(3));
                    assertEquals(m.onsetUtcMs(), local.toInstant().toEpochMilli());
                    assertEquals(ZoneId.of("Europe/Berlin").getRules().getOffset(local.toInstant()), local.getOffset());
                    assertEquals((m.onsetUtcMs() - rec.startUtcMs()) / 1000.0, Double.parseDouble(r.get(4)), 1e-9);
                    assertEquals((m.offsetUtcMs() - rec.startUtcMs()) / 1000.0, Double.parseDouble(r.get(5)), 0.0015);
                    assertEquals(m.offsetS() - m.onsetS(), Double.parseDouble(r.get(6)), 0.0015);
                    assertEquals(Boolean.toString(m.candidate()), r.get(7));
                    assertEquals(Boolean.toString(m.periodic()), r.get(8));
                    assertEquals(m.seriesId() == null ? "" : m.seriesId().toString(), r.get(9));
                    JsonNode j = reported.get(m.leg().jsonName() + "@" + String.format(Locale.ROOT, "%s",
                            new java.math.BigDecimal(m.onsetS()).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()));
                    assertNotNull(j, "the report has the stored movement " + m);
                    assertEquals(j.get("imi_s").isNull() ? "" : j.get("imi_s").asText(), r.get(10));
                    assertEquals(m.peakG(), Double.parseDouble(r.get(11)), 5e-7);
                    assertEquals(rec.detectorVersion(), r.get(13));
                }
                total += stored.size();
            }
        }
        assertEquals(total, rows.size() - 1, "no row that the store does not hold");
    }

    @Test
    void nightsCsvEqualsEachNightsReportAndRecord() throws Exception {
        Path out = export("csv");
        List<List<String>> rows = csv(Files.readString(out.resolve("nights.csv")));
        List<String> head = rows.get(0);
        assertEquals(3, rows.size());
        try (LocalStore store = store()) {
            for (int i = 0; i < 2; i++) {
                ClosedNight n = closed.get(i);
                Map<String, String> r = new HashMap<>();
                for (int k = 0; k < head.size(); k++) {
                    r.put(head.get(k), rows.get(i + 1).get(k));
                }
                NightRecord rec = store.nights().stream().filter(x -> x.nightId().equals(n.nightId())).findFirst().orElseThrow();
                JsonNode s = report(n).get("summary");
                assertEquals(n.nightId(), r.get("night"));
                assertEquals(rec.startUtcMs(), Instant.parse(r.get("start_utc")).toEpochMilli());
                assertEquals(rec.endUtcMs(), Instant.parse(r.get("end_utc")).toEpochMilli());
                assertEquals("Europe/Berlin", r.get("time_zone"));
                assertEquals(rec.analysableS(), Double.parseDouble(r.get("analysable_s")), 0.0015);
                assertEquals(rec.wearS(), Double.parseDouble(r.get("wear_s")), 0.0015);
                for (String k : List.of("lm", "clm", "plm")) {
                    assertEquals(s.get(k).asText(), r.get(k), k);
                }
                assertTrue(s.get("plm").asInt() > 0, "the simulated nights have periodic movements");
                assertEquals(s.get("plm_per_h").asText(), r.get("plm_per_h_in_bed"));
                assertEquals(s.get("lm_per_h").asText(), r.get("lm_per_h_in_bed"));
                assertEquals(s.get("periodicity_index").asText(), r.get("periodicity_index"));
                JsonNode imi = s.get("imi");
                assertEquals(imi.get("below_10_s").asText(), r.get("imi_below_10_s"));
                assertEquals(imi.get("from_10_to_90_s").asText(), r.get("imi_10_to_90_s"));
                assertEquals(imi.get("above_90_s").asText(), r.get("imi_above_90_s"));
                // mean ln(IMI) over the candidates' intervals, recomputed here from the report
                double sum = 0;
                int c = 0;
                for (JsonNode m : report(n).get("movements")) {
                    if (m.get("candidate").asBoolean() && !m.get("imi_s").isNull()) {
                        sum += Math.log(m.get("imi_s").asDouble());
                        c++;
                    }
                }
                assertEquals(imi.get("total").asInt(), c);
                assertEquals(sum / c, Double.parseDouble(r.get("mean_ln_imi")), 1e-4);
                assertEquals(report(n).get("series").size(), Integer.parseInt(r.get("plm_series")));
                assertEquals("wasm2016", r.get("standard"));
                assertEquals(rec.detectorVersion(), r.get("detector_version"));
                assertEquals(rec.softwareVersion(), r.get("software_version"));
                assertTrue(r.get("sensors").contains("(accelerometer, 25 Hz)"), r.get("sensors"));
                assertEquals(JsonReport.ACCELEROMETER_CAVEAT, r.get("caveat"));
            }
        }
    }

    @Test
    void jsonHoldsEachStoredReportUnchangedAndTheDiaryWithItsAmendments() throws Exception {
        Clock saved = Clock.fixed(Instant.parse("2026-07-04T10:00:00Z"), ZoneOffset.UTC);
        try (DiaryStore diary = DiaryStore.open(data.resolve("plm.db"), saved)) {
            // Written after the night was analysed: sealed, so the second save is an amendment beside it.
            diary.save(DiaryEntry.builder(LocalDate.parse(FIRST)).alcoholUnits(2.0).symptomRating(6).build());
            diary.save(DiaryEntry.builder(LocalDate.parse(FIRST)).alcoholUnits(3.0).symptomRating(6).build());
            diary.save(DiaryEntry.builder(LocalDate.parse("2026-07-05")).symptomRating(1).build()); // after the period
            diary.saveLab(new LabResult(LocalDate.parse("2026-05-20"), 48.0, 18.5));
            diary.saveLab(new LabResult(LocalDate.parse("2026-07-20"), 90.0, null)); // after the period
        }
        Path out = export("json");
        JsonNode root = JSON.readTree(out.resolve("export.json").toFile());
        assertEquals("p-0042", root.get("export").get("patient").asText());
        assertEquals(FIRST, root.get("export").get("from").asText());
        assertEquals(2, root.get("export").get("nights").asInt());
        assertTrue(root.get("export").get("rates").asText().contains("per hour in bed"));
        JsonNode nights = root.get("nights");
        assertEquals(2, nights.size());
        try (LocalStore store = store()) {
            for (int i = 0; i < 2; i++) {
                ClosedNight n = closed.get(i);
                NightRecord rec = store.nights().stream().filter(x -> x.nightId().equals(n.nightId())).findFirst().orElseThrow();
                JsonNode night = nights.get(i);
                assertEquals(n.nightId(), night.get("night").asText());
                assertEquals(rec.startUtcMs(), Instant.parse(night.get("start_utc").asText()).toEpochMilli());
                assertEquals(rec.endUtcMs(), Instant.parse(night.get("end_utc").asText()).toEpochMilli());
                assertEquals(rec.detectorVersion(), night.get("detector_version").asText());
                assertEquals(report(n), night.get("report"), "the night's report, key for key and value for value");
            }
        }
        JsonNode diary = root.get("diary");
        assertEquals(2, diary.size(), "the original and its amendment; the evening after the period is not exported");
        for (int r = 0; r < 2; r++) {
            JsonNode e = diary.get(r);
            assertEquals(FIRST, e.get("date").asText());
            assertEquals(r, e.get("revision").asInt());
            assertEquals(r > 0, e.get("amendment").asBoolean());
            assertEquals(Integer.toString(2 + r), e.get("alcohol_units").asText());
            assertEquals("6", e.get("symptom_rating").asText());
            assertTrue(e.get("nicotine").isNull(), "a field not recorded is null");
            assertEquals("2026-07-04T10:00:00Z", e.get("recorded_utc").asText());
        }
        JsonNode lab = root.get("lab_results");
        assertEquals(1, lab.size(), "results up to the period's end");
        assertEquals("2026-05-20", lab.get(0).get("date").asText());
        assertEquals(48.0, lab.get(0).get("ferritin_ng_ml").asDouble());
        assertEquals(18.5, lab.get(0).get("tsat_pct").asDouble());
    }

    @Test
    void pdfCarriesTheFiguresTheCaveatAndTheProvenance() throws Exception {
        Path out = export("pdf");
        String text;
        try (PDDocument doc = Loader.loadPDF(out.resolve("plm-summary.pdf").toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            int nightPages = 0;
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                nightPages += stripper.getText(doc).startsWith("Night of ") ? 1 : 0;
            }
            assertEquals(2, nightPages, "each night starts a page");
            stripper.setStartPage(1);
            stripper.setEndPage(doc.getNumberOfPages());
            assertTrue(stripper.getText(doc).startsWith("Leg movements, nights of " + FIRST + " to " + SECOND));
            text = stripper.getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains(JsonReport.ACCELEROMETER_CAVEAT), "the caveat, whole");
        assertTrue(text.contains("per hour in bed"));
        // The trends page's chart and numbers, as plm report --from --to and the web build them from the store.
        TrendsView trends = StoredTrends.load(data.resolve("plm.db"), LocalDate.parse(FIRST), LocalDate.parse(SECOND));
        TrendsChart chart = TrendsChart.of(trends);
        assertTrue(text.contains("PLM per hour in bed (ankle accelerometry), night by night, " + FIRST + " to " + SECOND)
                && text.contains(chart.title()), "the period's chart");
        assertTrue(text.contains(chart.description()), chart.description());
        assertTrue(text.contains(TrendsReport.statement(trends).replaceAll("\\s+", " ")), "the trends page's statement");
        for (List<String> row : TrendsTables.nights(trends)) {
            assertTrue(text.contains(String.join(" ", row.subList(0, 3))), "the trends table's row " + row);
        }
        assertEquals(2, TrendsTables.nights(trends).size());
        for (List<String> lab : TrendsTables.labs(trends)) {
            assertTrue(text.contains(String.join(" ", lab)), "blood test " + lab);
        }
        assertTrue(text.contains("p-0042"));
        for (ClosedNight n : closed) {
            JsonNode s = report(n).get("summary");
            String perH = String.format(Locale.ROOT, "%.1f", s.get("plm_per_h").asDouble());
            assertTrue(text.contains("Night of " + n.nightId()), n.nightId());
            assertTrue(text.contains(perH + " periodic leg movements per hour in bed"), perH);
            assertTrue(text.contains(n.nightId() + " " + String.format(Locale.ROOT, "%.2f", s.get("analysable_s").asDouble() / 3600)
                    + " " + s.get("lm").asText() + " " + s.get("clm").asText() + " " + s.get("plm").asText() + " " + perH),
                    "the period table's row of " + n.nightId());
            JsonNode p = report(n).get("provenance");
            assertTrue(text.contains("detector shown: " + p.get("detector_version").asText()));
            assertTrue(text.contains("software: " + p.get("software_version").asText()));
        }
        assertTrue(text.contains("scoring standard: wasm2016"));
        assertTrue(text.contains("25 Hz"), "sensor rates");
        assertTrue(text.contains("time zone: Europe/Berlin"));
    }

    @Test
    void edfCopiesTheRawFilesUnchangedBesideTheMovementAnnotations() throws Exception {
        Path out = export("edf");
        for (ClosedNight n : closed) {
            for (String leg : List.of("left", "right")) {
                Path raw = n.report().resolveSibling(n.nightId() + "-" + leg + ".edf");
                assertTrue(Files.isRegularFile(raw), raw.toString());
                assertArrayEquals(Files.readAllBytes(raw), Files.readAllBytes(out.resolve(raw.getFileName())));
            }
            byte[] ann = Files.readAllBytes(out.resolve(n.nightId() + "-movements.edf"));
            String header = new String(ann, 0, 256, java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("0       p-0042 X X X"), header);
            assertTrue(header.contains("EDF+C"), header);
        }
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void badArgumentsGiveOneLineAndExit2() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String d = data.toString();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--dir", d, "--from", "2026-7-1", "--to", SECOND, "--format", "csv", "--out", dir.resolve("o1").toString()});
        cases.add(new String[] {"--dir", d, "--from", SECOND, "--to", FIRST, "--format", "csv", "--out", dir.resolve("o2").toString()});
        cases.add(new String[] {"--dir", d, "--from", FIRST, "--to", SECOND, "--format", "xls", "--out", dir.resolve("o3").toString()});
        cases.add(new String[] {"--dir", d, "--from", FIRST, "--to", SECOND, "--format", "csv", "--out", file.toString()});
        cases.add(new String[] {"--dir", d, "--from", FIRST, "--to", SECOND, "--format", "csv", "--out", file.resolve("sub").toString()});
        cases.add(new String[] {"--dir", d, "--from", "2025-01-01", "--to", "2025-01-31", "--format", "csv", "--out", dir.resolve("o6").toString()});
        cases.add(new String[] {"--dir", d, "--patient", "Jane Doe", "--from", FIRST, "--to", SECOND, "--format", "csv", "--out", dir.resolve("o7").toString()});
        cases.add(new String[] {"--dir", dir.resolve("nowhere").toString(), "--from", FIRST, "--to", SECOND, "--format", "csv", "--out", dir.resolve("o8").toString()});
        String[] expect = {"--from: '2026-7-1' is not a date: expected yyyy-MM-dd", "is after --to", "'xls' is not a format",
                "is a file: expected a directory", "cannot create the folder", "no closed night from 2025-01-01 to 2025-01-31",
                "is not a pseudonymous id", "no store here"};
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new ArrayList<>(List.of("export"));
            args.addAll(List.of(cases.get(i)));
            PlmRun r = plm(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out(), "nothing on stdout");
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(expect[i]), r.err());
            if (i == 5) {
                assertTrue(r.err().contains("its nights: " + FIRST + ", " + SECOND), r.err());
            }
        }
        assertFalse(Files.exists(dir.resolve("o6")), "nothing created for a period without nights");
    }
}
