package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.diary.DiaryColumn;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.monitor.export.ExportFiles;
import org.plmmonitor.monitor.export.PeriodRecords;
import org.plmmonitor.monitor.export.StoredNights;
import org.plmmonitor.monitor.store.DiaryRevision;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diary, ferritin, trends, factors and export pages over the real server. */
class WebPagesTest extends LoggedInWebTest {
    private String token() throws Exception {
        return HttpSession.csrf(s.get("/nights"));
    }

    @Test
    void aDiaryEveningIsSavedThroughTheCsvCodecAndShowsOnTheTrend() throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("csrf", token(), "date", WebFixture.NIGHT, "caffeine_last", "20:30",
                "alcohol_units", "2", "med_mirtazapine", "1", "symptom_rating", "6", "massage", "yes"));
        HttpResponse<String> saved = s.post("/diary", form);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("/diary?date=" + WebFixture.NIGHT + "&saved=created", saved.headers().firstValue("Location").orElseThrow());
        DiaryRevision rev = web.diary.current(LocalDate.parse(WebFixture.NIGHT)).orElseThrow();
        assertEquals("20:30", DiaryColumn.CAFFEINE_LAST.format(rev.entry()));
        assertEquals("2", DiaryColumn.ALCOHOL_UNITS.format(rev.entry()));
        assertEquals("mirtazapine", DiaryColumn.MEDICINES.format(rev.entry()));
        assertEquals("yes", DiaryColumn.MASSAGE.format(rev.entry()));
        assertEquals(null, DiaryColumn.NICOTINE.format(rev.entry()), "left empty: not recorded");
        HttpResponse<String> page = s.get("/diary?date=" + WebFixture.NIGHT);
        assertTrue(page.body().contains("id=\"caffeine_last\" name=\"caffeine_last\" value=\"20:30\""), page.body());
        assertTrue(page.body().contains("name=\"med_mirtazapine\" value=\"1\" checked=\"checked\""));

        HttpResponse<String> trend = s.get("/trends?from=2026-06-01&to=2026-07-10");
        assertEquals(200, trend.statusCode(), trend.body());
        assertTrue(trend.body().contains("data-evening=\"" + WebFixture.NIGHT + "\""), "the diary marker on the trend");
        assertTrue(trend.body().contains("<svg"), "the trend chart");

        // The night is analysed: a change is kept as an amendment beside the original.
        form.put("alcohol_units", "3");
        HttpResponse<String> amended = s.post("/diary", form);
        assertTrue(amended.headers().firstValue("Location").orElseThrow().endsWith("saved=amended"));
        assertEquals(2, web.diary.history(LocalDate.parse(WebFixture.NIGHT)).size());
        assertTrue(s.get("/diary?date=" + WebFixture.NIGHT).body().contains("Amendments"));
    }

    @Test
    void aBadDiaryFieldIsNamedAndNothingIsSaved() throws Exception {
        HttpResponse<String> r = s.post("/diary", Map.of("csrf", token(), "date", "2026-07-03", "alcohol_units", "lots",
                "bedtime", "25:00"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("alcohol_units"), r.body());
        assertTrue(r.body().contains("bedtime"), r.body());
        assertTrue(r.body().contains("value=\"lots\""), "what was typed stays in the form");
        assertTrue(web.diary.current(LocalDate.parse("2026-07-03")).isEmpty());
        assertEquals(403, s.post("/diary", Map.of("date", "2026-07-03", "alcohol_units", "1")).statusCode(), "no token");
        assertTrue(web.diary.current(LocalDate.parse("2026-07-03")).isEmpty());
    }

    @Test
    void ferritinResultsAreLoggedAndRefusedWhenEmpty() throws Exception {
        HttpResponse<String> r = s.post("/ferritin", Map.of("csrf", token(), "date", "2026-06-15", "ferritin_ng_ml", "48", "tsat_pct", "17.5"));
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(List.of(new LabResult(LocalDate.parse("2026-06-15"), 48.0, 17.5)), web.diary.labResults());
        String page = s.get("/ferritin").body();
        assertTrue(page.contains("<th scope=\"row\">2026-06-15</th><td>48</td><td>17.5</td>"), page);
        HttpResponse<String> empty = s.post("/ferritin", Map.of("csrf", token(), "date", "2026-06-16"));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("a result needs ferritin or TSAT"), empty.body());
        assertEquals(1, web.diary.labResults().size());
        assertTrue(s.get("/trends?from=2026-06-01&to=2026-07-10").body().contains("2026-06-15"), "the result on the trends page");
    }

    @Test
    void factorsAndTrendsDefaultToTheNinetyNightsUpToTheLatest() throws Exception {
        HttpResponse<String> f = s.get("/factors");
        assertEquals(200, f.statusCode());
        assertTrue(f.body().contains("value=\"2026-04-03\"") && f.body().contains("value=\"" + WebFixture.NIGHT + "\""), f.body());
        HttpResponse<String> t = s.get("/trends");
        assertTrue(t.body().contains("Nights from 2026-04-03 to " + WebFixture.NIGHT), t.body());
        assertEquals(400, s.get("/trends?from=2026-07-02&to=2026-07-01").statusCode());
        assertEquals(400, s.get("/trends?from=yesterday").statusCode());
    }

    @Test
    void theExportDownloadsAreThePlmExportFiles() throws Exception {
        long tmpBefore = exportTemps();
        Path out = Files.createDirectories(each.resolve("cli"));
        LocalDate n = LocalDate.parse(WebFixture.NIGHT);
        ExportPeriod period = new ExportPeriod("p-0042", n, n,
                StoredNights.select(web.store, web.data, n, n).nights(), Instant.EPOCH);
        new ExportFiles(out, web.data.resolve("nights")).write(period, ExportFormat.CSV,
                PeriodRecords.fromStore(web.store, web.data, n, n, ExportFormat.CSV));

        HttpResponse<byte[]> csv = s.getBytes("/export/file?from=" + n + "&to=" + n + "&format=csv");
        assertEquals(200, csv.statusCode());
        assertEquals("application/zip", csv.headers().firstValue("Content-Type").orElseThrow());
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(csv.body()))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        assertEquals(java.util.Set.of(ExportFiles.MOVEMENTS_CSV, ExportFiles.NIGHTS_CSV), entries.keySet());
        assertArrayEquals(Files.readAllBytes(out.resolve(ExportFiles.MOVEMENTS_CSV)), entries.get(ExportFiles.MOVEMENTS_CSV));
        assertArrayEquals(Files.readAllBytes(out.resolve(ExportFiles.NIGHTS_CSV)), entries.get(ExportFiles.NIGHTS_CSV));

        HttpResponse<byte[]> pdf = s.getBytes("/export/file?from=" + n + "&to=" + n + "&format=pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("attachment; filename=\"plm-" + n + "_" + n + "-plm-summary.pdf\"",
                pdf.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

        HttpResponse<String> none = s.get("/export/file?from=2026-01-01&to=2026-01-31&format=csv");
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("no closed night from 2026-01-01 to 2026-01-31"), none.body());
        HttpResponse<String> xls = s.get("/export/file?from=" + n + "&to=" + n + "&format=xls");
        assertEquals(400, xls.statusCode());
        assertTrue(xls.body().contains("csv, edf, json, fhir, pdf"), xls.body());
        assertEquals(400, s.get("/export/file?from=" + n + "&to=" + n.minusDays(1) + "&format=csv").statusCode());
        assertEquals(tmpBefore, exportTemps(), "no temporary export folder left");
    }

    private static long exportTemps() throws java.io.IOException {
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("plm-export-") && Files.isDirectory(p)).count();
        }
    }
}
