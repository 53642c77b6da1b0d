package org.plmmonitor.monitor.web;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.edf.Annotation;
import org.plmmonitor.analysis.edf.EdfAnnotations;
import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.export.ExportedFile;
import org.plmmonitor.analysis.report.html.TrendsChart;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsTables;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.monitor.export.ExportFiles;
import org.plmmonitor.monitor.export.PeriodRecords;
import org.plmmonitor.monitor.export.StoredNights;
import org.plmmonitor.monitor.report.StoredTrends;
import org.plmmonitor.monitor.store.NightRecord;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The export download in every format of {@code plm export} over the real server: each served file is what the
 * command's code writes for the same period, and is read back by an independent reader (the zip by the JDK, EDF+
 * by the project's EDF reader and by MNE, FHIR by HAPI's parser, the PDF by PDFBox, which finds the trends page's
 * chart and numbers in it).
 */
class WebExportTest extends LoggedInWebTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final LocalDate N = LocalDate.parse(WebFixture.NIGHT);

    /** A download: its name and its files (one, or a zip's entries in order). */
    private record Download(String name, String contentType, Map<String, byte[]> files) {
    }

    private Download download(ExportFormat f) throws Exception {
        HttpResponse<byte[]> r = s.getBytes("/export/file?from=" + N + "&to=" + N + "&format=" + f.cliName());
        assertEquals(200, r.statusCode(), f.cliName());
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        String name = disposition.replaceAll(".*filename=\"([^\"]+)\".*", "$1");
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (type.equals("application/zip")) {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    files.put(e.getName(), z.readAllBytes());
                }
            }
        } else {
            files.put(name, r.body());
        }
        return new Download(name, type, files);
    }

    /** What plm export's code (ExportFiles from PeriodRecords) writes for the night, into a folder of its own. */
    private ExportFiles cli(ExportFormat f) throws Exception {
        Path out = Files.createDirectories(each.resolve("cli-" + f.cliName()));
        ExportPeriod period = new ExportPeriod("p-0042", N, N, StoredNights.select(web.store, web.data, N, N).nights(),
                Instant.EPOCH);
        ExportFiles files = new ExportFiles(out, web.data.resolve("nights"));
        files.write(period, f, PeriodRecords.fromStore(web.store, web.data, N, N, f));
        return files;
    }

    @Test
    void theFormPageOffersEveryFormat() throws Exception {
        String page = s.get("/export").body();
        for (ExportFormat f : ExportFormat.values()) {
            assertTrue(page.contains("<option value=\"" + f.cliName() + "\">"), f.cliName());
        }
    }

    @Test
    void csvAndEdfAreServedAsOneZipByteForByteWhatPlmExportWrites() throws Exception {
        for (ExportFormat f : List.of(ExportFormat.CSV, ExportFormat.EDF)) {
            Download d = download(f);
            assertEquals("plm-" + N + "_" + N + "-" + f.cliName() + ".zip", d.name());
            ExportFiles cli = cli(f);
            Path out = each.resolve("cli-" + f.cliName());
            assertEquals(cli.written().stream().map(ExportedFile::name).toList(), List.copyOf(d.files().keySet()));
            for (ExportedFile e : cli.written()) {
                assertArrayEquals(Files.readAllBytes(out.resolve(e.name())), d.files().get(e.name()), e.name());
            }
        }
        List<String> before = files(web.data);
        Download edf = download(ExportFormat.EDF);
        assertEquals(before, files(web.data), "the download is streamed: no copy of the raw signal in the data directory");
        assertEquals(List.of(N + "-left.edf", N + "-right.edf", N + "-movements.edf"), List.copyOf(edf.files().keySet()));
        // The annotations read back by the project's EDF+ reader: one per movement the store holds.
        NightRecord rec = web.store.nights().stream().filter(r -> r.nightId().equals(WebFixture.NIGHT)).findFirst().orElseThrow();
        Path ann = Files.write(each.resolve("served-movements.edf"), edf.files().get(N + "-movements.edf"));
        List<Annotation> read = EdfAnnotations.read(ann).annotations();
        int movements = web.store.movements(WebFixture.NIGHT, rec.detectorVersion()).size();
        assertTrue(movements > 0, "the simulated night has movements");
        assertEquals(movements + 1, read.size(), "the provenance, then one annotation per movement");
    }

    /** The files under a folder, but the store's database and its journal (SQLite's own). */
    private static List<String> files(Path root) throws Exception {
        try (var all = Files.walk(root)) {
            return all.map(p -> root.relativize(p).toString()).filter(n -> !n.startsWith("plm.db")).sorted().toList();
        }
    }

    @Test
    void mneReadsTheServedEdfFiles() throws Exception {
        assumeTrue(hasMne(), PYTHON + " has no mne (Debian's python3-mne): the served EDF+ is not read by MNE here");
        Download edf = download(ExportFormat.EDF);
        Path unzipped = Files.createDirectories(each.resolve("unzipped"));
        List<String> args = new ArrayList<>(List.of(PYTHON, "-c", String.join("\n",
                "import json, sys, mne",
                "mne.set_log_level('ERROR')",
                "out = {}",
                "for f in sys.argv[1:]:",
                "    if f.endswith('-movements.edf'):",
                "        out[f] = len(mne.read_annotations(f))",
                "    else:",
                "        r = mne.io.read_raw_edf(f, preload=False)",
                "        out[f] = {'n_times': int(r.n_times), 'sfreq': float(r.info['sfreq'])}",
                "print(json.dumps(out))")));
        for (Map.Entry<String, byte[]> e : edf.files().entrySet()) {
            args.add(Files.write(unzipped.resolve(e.getKey()), e.getValue()).toString());
        }
        Process p = new ProcessBuilder(args).redirectError(each.resolve("mne.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "MNE finishes");
        assertEquals(0, p.exitValue(), Files.readString(each.resolve("mne.err")));
        JsonNode read = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        NightRecord rec = web.store.nights().stream().filter(r -> r.nightId().equals(WebFixture.NIGHT)).findFirst().orElseThrow();
        int movements = web.store.movements(WebFixture.NIGHT, rec.detectorVersion()).size();
        assertEquals(movements + 1, read.get(unzipped.resolve(N + "-movements.edf").toString()).asInt(),
                "MNE finds the provenance and every movement");
        for (String leg : List.of("left", "right")) {
            JsonNode raw = read.get(unzipped.resolve(N + "-" + leg + ".edf").toString());
            assertEquals(25.0, raw.get("sfreq").asDouble(), 1e-9, leg);
            // A 2-h simulated night at 25 Hz: most of its 180,000 samples per channel.
            assertTrue(raw.get("n_times").asLong() > 150_000, leg + ": " + raw);
        }
    }

    private static boolean hasMne() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import mne").redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void fhirIsServedAsAZipWhoseBundleHapiParsesAndWhoseFilesMatchItsHashes() throws Exception {
        Download d = download(ExportFormat.FHIR);
        assertEquals("plm-" + N + "_" + N + "-fhir.zip", d.name());
        assertEquals(cli(ExportFormat.FHIR).written().stream().map(ExportedFile::name).toList(), List.copyOf(d.files().keySet()));
        Bundle b = FhirContext.forR4().newJsonParser().parseResource(Bundle.class,
                new String(d.files().get(ExportFiles.FHIR), StandardCharsets.UTF_8));
        List<Observation> obs = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
        assertEquals(1, obs.size(), "one observation for the one night");
        JsonNode summary = new ObjectMapper().readTree(Files.readString(web.data.resolve("nights").resolve(N + ".json")))
                .get("summary");
        assertEquals(summary.get("plm_per_h").asDouble(), obs.get(0).getValueQuantity().getValue().doubleValue(), 5e-4);
        List<DocumentReference> docs = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(DocumentReference.class::isInstance).map(DocumentReference.class::cast).toList();
        assertEquals(d.files().size() - 1, docs.size(), "a reference to every other file of the zip");
        for (DocumentReference doc : docs) {
            Attachment a = doc.getContentFirstRep().getAttachment();
            byte[] served = d.files().get(a.getUrl());
            assertEquals(served.length, a.getSize(), a.getUrl());
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(served), a.getHash(), "hash of " + a.getUrl());
        }
    }

    @Test
    void jsonIsServedAsPlmExportWritesItAndThePdfCarriesTheTrendsPagesChartAndNumbers() throws Exception {
        Download json = download(ExportFormat.JSON);
        assertEquals("plm-" + N + "_" + N + "-export.json", json.name());
        ExportFiles cli = cli(ExportFormat.JSON);
        String served = new String(json.files().get(json.name()), StandardCharsets.UTF_8);
        String written = Files.readString(each.resolve("cli-json").resolve(ExportFiles.JSON));
        assertEquals(written.replaceAll("\"generated_utc\": ?\"[^\"]*\"", "-"), served.replaceAll("\"generated_utc\": ?\"[^\"]*\"", "-"));
        assertEquals(1, cli.written().size());

        Download pdf = download(ExportFormat.PDF);
        assertEquals("plm-" + N + "_" + N + "-plm-summary.pdf", pdf.name());
        assertEquals("application/pdf", pdf.contentType());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.files().get(pdf.name()))) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        // The trends page of the same period, as the web serves it, and its view.
        String page = s.get("/trends?from=" + N + "&to=" + N).body();
        TrendsView v = StoredTrends.load(web.store, web.diary, web.data, N, N);
        String statement = TrendsReport.statement(v);
        assertTrue(page.contains(statement), "the page states it");
        assertTrue(text.contains(statement.replace('\u2013', '-')), "the PDF states it: " + statement);
        TrendsChart chart = TrendsChart.of(v);
        assertTrue(page.contains(chart.description()) && text.contains(chart.description()), chart.description());
        for (TrendsChart.Key k : TrendsChart.Key.values()) {
            assertTrue(text.contains(k.text().replace('\u2013', '-')), "legend " + k.text());
        }
        List<String> row = TrendsTables.nights(v).get(0);
        assertTrue(page.contains("<tr data-night=\"" + N + "\"><th scope=\"row\">" + N + "</th><td>" + row.get(1) + "</td><td>"
                + row.get(2) + "</td>"), "the page's row " + row);
        assertTrue(text.contains(N + " " + row.get(1) + " " + row.get(2) + " " + row.get(3).replace('\u2013', '-')),
                "the PDF's row " + row);
    }
}
