package org.plmmonitor.analysis.export;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.edf.Annotation;
import org.plmmonitor.analysis.edf.EdfAnnotations;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.html.NightFrame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export writers on a hand-made night that has what a simulated one rarely has: a daylight-saving
 * change (Europe/Berlin, 25 October 2026), a start with milliseconds, no analysable time (every rate
 * unknown), a bilateral periodic candidate, and text the PDF's fonts cannot encode.
 */
class ExportWritersTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 22:00:00.250 local, summer time (+02:00); the clocks go back at 03:00 local. */
    private static final long START = Instant.parse("2026-10-24T20:00:00.250Z").toEpochMilli();
    private static final long END = START + 9 * 3600_000L;

    private static final String REPORT = """
            {"summary":{"recorded_s":32400,"analysable_s":0,"lm":0,"clm":0,"plm":0,"plm_per_h":null,
             "periodicity_index":null,"standard":"wasm2016","software_version":"9.9.9","lm_per_h":null,"clm_per_h":null,
             "recorded":{"lm":3,"clm":2,"plm":2,"lm_per_h":0.333,"clm_per_h":0.222,"plm_per_h":0.222},
             "lm_duration_s":{"n":3,"mean":1.5,"sd":0.5,"min":1,"max":2},
             "imi":{"total":2,"below_10_s":0,"from_10_to_90_s":2,"above_90_s":0,
              "histogram_2s":{"low":0,"width":2,"below":0,"above":0,"counts":[0,0,0,0,0,0,0,0,0,0,0,0,1,1]},
              "histogram_ln":{"low":0,"width":0.1,"below":0,"above":0,"counts":[0,0,0,1,1]}},
             "hour_origin_s":0,"plm_per_hour_of_night":[1,0,0,0,0,1,0,0,0],
             "legs":{"left":{"lm":1,"clm":1,"plm":1},"right":{"lm":1,"clm":1,"plm":0},"bilateral":{"lm":1,"clm":1,"plm":1}}},
             "provenance":{"software_version":"9.9.9","detector_version":"accel-test","detector_parameters":{"k":"1"},
              "standard":"wasm2016","sensors":[{"name":"ankle, left","leg":"left","kind":"accelerometer","rate_hz":50}],
              "time_zone":"Europe/Berlin","wear_s":30000,"inputs":["sim"]},
             "caveat":"Counted from ankle acceleration \u2013 not a diagnosis.",
             "series":[{"id":1,"start_s":100.5,"end_s":18100.25,"count":2}],
             "movements":[
              {"onset_s":100.5,"offset_s":101.75,"leg":"left","candidate":true,"periodic":true,"series":1,"imi_s":null,"peak_g":0.05,"rms_g":0.02,"merged":false},
              {"onset_s":18000.25,"offset_s":18002.25,"leg":"right","candidate":true,"periodic":false,"series":null,"imi_s":20.5,"peak_g":0.04,"rms_g":0.01,"merged":false},
              {"onset_s":18100,"offset_s":18101.5,"leg":"bilateral","candidate":true,"periodic":true,"series":1,"imi_s":55,"peak_g":null,"rms_g":null,"merged":true}]}
            """;

    private static ExportNight night() {
        NightFrame frame = new NightFrame("2026-10-24", START, END, BERLIN, line -> START + Math.round(line * 1000),
                List.of(), List.of(), List.of(), List.of("accel-old"), List.of("hand-made"));
        return ExportNight.of(frame, JsonReader.parse(REPORT));
    }

    private static ExportPeriod period() {
        return new ExportPeriod("p01", LocalDate.parse("2026-10-20"), LocalDate.parse("2026-10-26"), List.of(night()),
                Instant.parse("2026-10-27T08:00:00Z"));
    }

    @Test
    void movementsCsvGivesUtcAndLocalTimesAcrossTheDaylightSavingChange() {
        StringBuilder b = new StringBuilder();
        CsvExport.writeMovements(b, period());
        List<String> lines = b.toString().lines().toList();
        assertEquals(CsvExport.MOVEMENT_HEADER, lines.get(0));
        assertEquals("2026-10-24,left,2026-10-24T20:01:40.750Z,2026-10-24T22:01:40.750+02:00,100.5,101.75,1.25,true,true,1,,"
                + "0.05,0.02,accel-test", lines.get(1));
        // 5 h later it is 02:00:00.5 UTC: 03:00:00.5 local, winter time already (+01:00).
        assertEquals("2026-10-24,right,2026-10-25T01:00:00.500Z,2026-10-25T02:00:00.500+01:00,18000.25,18002.25,2,true,false,,"
                + "20.5,0.04,0.01,accel-test", lines.get(2));
        assertEquals("2026-10-24,bilateral,2026-10-25T01:01:40.250Z,2026-10-25T02:01:40.250+01:00,18100,18101.5,1.5,true,true,1,"
                + "55,,,accel-test", lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void nightsCsvLeavesUnknownRatesEmptyAndQuotesTextWithCommas() {
        StringBuilder b = new StringBuilder();
        CsvExport.writeNights(b, period());
        List<String> lines = b.toString().lines().toList();
        assertEquals(CsvExport.NIGHT_HEADER, lines.get(0));
        String row = lines.get(1);
        assertTrue(row.startsWith("2026-10-24,2026-10-24T20:00:00.250Z,2026-10-25T05:00:00.250Z,Europe/Berlin,32400,0,30000,"
                + "0,0,0,,,,1,,2,0,2,0," + String.format(java.util.Locale.ROOT, "%.4f", (Math.log(20.5) + Math.log(55)) / 2)
                + ",1.5,wasm2016,9.9.9,accel-test,accel-old,\"left: ankle, left (accelerometer, 50 Hz)\","), row);
        assertTrue(row.endsWith(",Counted from ankle acceleration \u2013 not a diagnosis."), row);
    }

    @Test
    void annotationsAreLabelledPerLegAndPeriodicityAndReadBackByTheProjectsEdfReader() throws Exception {
        ExportNight n = night();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdfExport.write(out, n, "p01");
        byte[] bytes = out.toByteArray();
        String header = new String(bytes, 0, 256, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("0       p01 X X X"), header);
        assertTrue(header.contains("Startdate 24-OCT-2026 X X plm-monitor_9.9.9"), header);
        EdfAnnotations f = EdfAnnotations.parse(bytes, "movements.edf");
        assertEquals(LocalDateTime.parse("2026-10-24T22:00:00"), f.start(), "the night's start to the second, local time");
        assertEquals(9 * 60 + 1, f.records(), "one-minute records to the night's end (9 h and the 250 ms before it)");
        List<Annotation> a = new ArrayList<>(f.annotations());
        assertTrue(a.get(0).text().contains("detector accel-test") && a.get(0).text().contains("50 Hz")
                && a.get(0).text().contains("not a diagnosis"), a.get(0).text());
        assertEquals(List.of("PLM left", "LM right", "PLM bilateral"), a.subList(1, 4).stream().map(Annotation::text).toList());
        // Onsets from the file's start (the night's start less its 250 ms).
        assertEquals(100.75, a.get(1).onsetS(), 1e-9);
        assertEquals(18000.5, a.get(2).onsetS(), 1e-9);
        assertEquals(2.0, a.get(2).durationS(), 1e-9);
    }

    @Test
    void jsonCarriesTheReportUnchangedAndFurtherSectionsAfterTheNights() {
        StringBuilder b = new StringBuilder();
        JsonExport.write(b, period(), List.of(new JsonExport.Section() {
            @Override
            public String key() {
                return "diary";
            }

            @Override
            public void write(org.plmmonitor.analysis.report.JsonWriter w) {
                w.beginArray(false).endArray();
            }
        }));
        Map<?, ?> root = (Map<?, ?>) JsonReader.parse(b.toString());
        assertEquals(List.of("export", "nights", "diary"), new ArrayList<>(root.keySet()));
        Map<?, ?> n = (Map<?, ?>) ((List<?>) root.get("nights")).get(0);
        assertEquals(JsonReader.parse(REPORT), n.get("report"));
        assertEquals("2026-10-24T20:00:00.250Z", n.get("start_utc"));
        assertEquals(List.of("accel-old"), n.get("other_detector_versions"));
    }

    @Test
    void fhirSaysDataAbsentForRatesWithoutAnalysableTimeAndCodesOnlyFromItsCodeSystem() {
        StringBuilder b = new StringBuilder();
        PlmCodes codes = PlmCodes.load();
        FhirExport.write(b, period(), List.of(new ExportedFile("nights.csv", "text/csv", 3, new byte[20], "Nights", null)), codes);
        Map<?, ?> bundle = (Map<?, ?>) JsonReader.parse(b.toString());
        List<Map<?, ?>> resources = new ArrayList<>();
        for (Object e : (List<?>) bundle.get("entry")) {
            resources.add((Map<?, ?>) ((Map<?, ?>) e).get("resource"));
        }
        Map<?, ?> obs = resources.stream().filter(r -> r.get("resourceType").equals("Observation")).findFirst().orElseThrow();
        assertNull(obs.get("valueQuantity"));
        assertTrue(obs.containsKey("dataAbsentReason"));
        List<String> used = new ArrayList<>();
        collectCodes(bundle, codes.url(), used);
        assertFalse(used.isEmpty());
        for (String c : used) {
            codes.display(c); // throws for a code the system does not have
        }
        assertThrows(IllegalArgumentException.class, () -> codes.display("no-such-code"));
        Map<?, ?> lmPerH = ((List<?>) obs.get("component")).stream().map(c -> (Map<?, ?>) c)
                .filter(c -> ((Map<?, ?>) c.get("code")).get("text")
                        .equals(codes.display("lm-per-h-in-bed"))).findFirst().orElseThrow();
        assertTrue(lmPerH.containsKey("dataAbsentReason") && !lmPerH.containsKey("valueQuantity"), lmPerH.toString());
    }

    private static void collectCodes(Object o, String system, List<String> out) {
        if (o instanceof Map<?, ?> m) {
            if (system.equals(m.get("system")) && m.get("code") != null) {
                out.add(m.get("code").toString());
            }
            m.values().forEach(v -> collectCodes(v, system, out));
        } else if (o instanceof List<?> l) {
            l.forEach(v -> collectCodes(v, system, out));
        }
    }

    @Test
    void pdfShowsUnknownRatesAsDashesAndWritesUnencodableTextAsAscii() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfSummary.write(out, period(), period().trends(List.of(), List.of(), List.of("test")));
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("- periodic leg movements per hour in bed"), "no rate without analysable time");
            assertTrue(text.contains("Counted from ankle acceleration - not a diagnosis."), "the en dash as a hyphen");
            assertTrue(text.contains(JsonReport.ACCELEROMETER_CAVEAT), "the period page's caveat");
            assertTrue(text.contains("also analysed by: accel-old"));
        }
        assertEquals("10-90 s >= u x ?", PdfCanvas.safe("10\u201390 s \u2265 \u00b5 \u00d7 \u263a"));
    }

    @Test
    void pdfRefusesTrendsOfAnotherPeriod() {
        ExportPeriod p = period();
        ExportPeriod shorter = new ExportPeriod("p01", p.from(), p.to().minusDays(1), p.nights(), p.generated());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PdfSummary.write(
                new ByteArrayOutputStream(), p, shorter.trends(List.of(), List.of(), List.of("test"))));
        assertTrue(e.getMessage().contains("2026-10-20 to 2026-10-25"), e.getMessage());
    }
}
