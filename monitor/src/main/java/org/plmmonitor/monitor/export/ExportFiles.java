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
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.html.TrendsView;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one format of an export into a folder (docs/export.md). Each file is written to a temporary
 * name in the same folder and moved over its name only when complete, so a failure (a full disk) never
 * leaves a partial file under an export's name.
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

    private final Path out;
    private final Path nightsDir;
    private final String noRawSignal;
    private final List<ExportedFile> written = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param out       the folder to write into (must exist)
     * @param nightsDir the store's {@code nights/} folder, where the raw EDF+ files are
     */
    public ExportFiles(Path out, Path nightsDir) {
        this.out = out;
        this.nightsDir = nightsDir;
        this.noRawSignal = null;
    }

    private ExportFiles(Path out, String noRawSignal) {
        this.out = out;
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

    private interface Body {
        void write(OutputStream os) throws IOException;
    }

    private interface TextBody {
        void write(Writer w) throws IOException;
    }

    private static void text(OutputStream os, TextBody body) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        body.write(w);
        w.flush();
    }

    private void file(String name, String contentType, String title, String nightId, Body body) throws IOException {
        Path target = out.resolve(name);
        Path tmp = out.resolve("." + name + ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(os);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            IOException io = e instanceof IOException i ? i : e instanceof UncheckedIOException u ? u.getCause() : null;
            if (io == null) {
                throw (RuntimeException) e;
            }
            throw new IOException("cannot write " + target + ": " + IoErrors.reason(io), io);
        }
        written.add(new ExportedFile(name, contentType, Files.size(target), sha1(target), title, nightId));
    }

    private static byte[] sha1(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-1"))) {
            DigestInputStream d = (DigestInputStream) in;
            d.transferTo(OutputStream.nullOutputStream());
            return d.getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1, which every Java platform must provide", e);
        }
    }
}
