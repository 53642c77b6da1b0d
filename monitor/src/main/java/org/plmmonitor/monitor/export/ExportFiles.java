package org.plmmonitor.monitor.export;

import org.plmmonitor.analysis.export.CsvExport;
import org.plmmonitor.analysis.export.EdfExport;
import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.export.ExportedFile;
import org.plmmonitor.analysis.export.FhirExport;
import org.plmmonitor.analysis.export.JsonExport;
import org.plmmonitor.analysis.export.PdfSummary;
import org.plmmonitor.analysis.export.PlmCodes;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.html.TrendsView;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one format of an export (docs/export.md) into an {@link ExportSink}: a folder for {@code plm export}
 * (each file under a temporary name until complete), a zip or a single file being sent for the web's download.
 * Each file's size and SHA-1 are counted as it is written (the FHIR bundle's references carry them).
 */
public final class ExportFiles {
    /** File of {@link ExportFormat#JSON}. */
    public static final String JSON = "export.json";
    /** File of {@link ExportFormat#FHIR}. */
    public static final String FHIR = "fhir-bundle.json";
    /** File of {@link ExportFormat#PDF}. */
    public static final String PDF = "plm-summary.pdf";
    /** One of the files of {@link ExportFormat#CSV}: one row per movement. */
    public static final String MOVEMENTS_CSV = "movements.csv";
    /** The other file of {@link ExportFormat#CSV}: one row per night. */
    public static final String NIGHTS_CSV = "nights.csv";

    private final ExportSink sink;
    private final Path nightsDir;
    private final String noRawSignal;
    private final List<ExportedFile> written = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param out       the folder to write into (must exist)
     * @param nightsDir the store's {@code nights/} folder, where the raw EDF+ files are
     */
    public ExportFiles(Path out, Path nightsDir) {
        this(ExportSink.folder(out), nightsDir);
    }

    /**
     * @param sink      where the files go (a folder, a zip being sent)
     * @param nightsDir the store's {@code nights/} folder, where the raw EDF+ files are
     */
    public ExportFiles(ExportSink sink, Path nightsDir) {
        this.sink = java.util.Objects.requireNonNull(sink, "sink");
        this.nightsDir = java.util.Objects.requireNonNull(nightsDir, "nightsDir");
        this.noRawSignal = null;
    }

    private ExportFiles(Path out, String noRawSignal) {
        this.sink = ExportSink.folder(out);
        this.nightsDir = null;
        this.noRawSignal = noRawSignal;
    }

    /**
     * Files of nights read from a source without the raw signal (InfluxDB): the EDF+ format writes each night's
     * annotation file only, and says so once in {@link #notes()}.
     *
     * @param out    the folder to write into (must exist)
     * @param reason why there is no raw signal and where it is, for the note
     * @return the writer
     */
    public static ExportFiles withoutRawSignal(Path out, String reason) {
        return new ExportFiles(out, reason);
    }

    /** @return what was written, in order */
    public List<ExportedFile> written() {
        return List.copyOf(written);
    }

    /** @return remarks for the user (a leg without raw signal) */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * @param period       the nights
     * @param format       the format
     * @param records      what the format writes beside the nights: the diary and blood tests of {@code export.json},
     *                     the trends of the PDF ({@link PeriodRecords})
     * @throws IOException naming the file that could not be written
     * @throws IllegalArgumentException when {@code records} lack what the format needs (no trends for a PDF)
     */
    public void write(ExportPeriod period, ExportFormat format, PeriodRecords records) throws IOException {
        switch (format) {
            case CSV -> csv(period);
            case EDF -> edf(period);
            case JSON -> file(JSON, "application/json", "Nights as the plm analyze JSON", null,
                    os -> text(os, w -> JsonExport.write(w, period, records.jsonSections())));
            case FHIR -> {
                csv(period);
                edf(period);
                List<ExportedFile> docs = written();
                file(FHIR, "application/fhir+json", "FHIR R4 bundle", null,
                        os -> text(os, w -> FhirExport.write(w, period, docs, PlmCodes.load())));
            }
            case PDF -> {
                TrendsView trends = records.trends().orElseThrow(() -> new IllegalArgumentException(
                        "the PDF of " + period.from() + " to " + period.to() + " needs the period's trends (PeriodRecords)"));
                file(PDF, "application/pdf", "Printable summary", null, os -> PdfSummary.write(os, period, trends));
            }
        }
    }

    private void csv(ExportPeriod period) throws IOException {
        file(MOVEMENTS_CSV, "text/csv", "Leg movements, one row per movement (CSV)", null,
                os -> text(os, w -> CsvExport.writeMovements(w, period)));
        file(NIGHTS_CSV, "text/csv", "Night summaries, one row per night (CSV)", null,
                os -> text(os, w -> CsvExport.writeNights(w, period)));
    }

    private void edf(ExportPeriod period) throws IOException {
        if (noRawSignal != null) {
            notes.add("no raw signal EDF+ (<night>-left.edf, <night>-right.edf): " + noRawSignal);
        }
        for (ExportNight n : period.nights()) {
            for (Leg leg : noRawSignal == null ? List.of(Leg.LEFT, Leg.RIGHT) : List.<Leg>of()) {
                String name = n.nightId() + "-" + leg.jsonName() + ".edf";
                Path raw = nightsDir.resolve(name);
                if (Files.isRegularFile(raw)) {
                    file(name, "application/edf", "Raw ankle acceleration, " + leg.jsonName() + " leg (EDF+)", n.nightId(),
                            os -> Files.copy(raw, os));
                } else {
                    notes.add("night " + n.nightId() + ": no raw signal file for the " + leg.jsonName() + " leg (" + raw
                            + "): none was recorded, or store.raw_retention_days removed it");
                }
            }
            file(n.nightId() + "-movements.edf", "application/edf", "Leg movements as EDF+ annotations", n.nightId(),
                    os -> EdfExport.write(os, n, period.patientId()));
        }
    }

    private interface TextBody {
        void write(Writer w) throws IOException;
    }

    private static void text(OutputStream os, TextBody body) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        body.write(w);
        w.flush();
    }

    /** Writes a file to the sink and notes its size and SHA-1, counted as it is written. */
    private void file(String name, String contentType, String title, String nightId, ExportSink.Body body) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1, which every Java platform must provide", e);
        }
        long[] bytes = {0};
        sink.put(name, os -> body.write(new FilterOutputStream(os) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                sha1.update((byte) b);
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                sha1.update(b, off, len);
                bytes[0] += len;
            }

            @Override
            public void close() throws IOException {
                flush(); // the sink closes what it opened
            }
        }));
        written.add(new ExportedFile(name, contentType, bytes[0], sha1.digest(), title, nightId));
    }
}
