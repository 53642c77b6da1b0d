package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.monitor.export.ExportFiles;
import org.plmmonitor.monitor.export.ExportSink;
import org.plmmonitor.monitor.export.PeriodRecords;
import org.plmmonitor.monitor.export.StoredNights;
import org.plmmonitor.monitor.store.NightRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * The clinician export as a download ({@code /export}): the same files as {@code plm export}, in every format,
 * written by the command's own code ({@link ExportFiles} from {@link PeriodRecords}) straight into the answer.
 * JSON and PDF are one file each and sent as that file; CSV, EDF+ (each night's raw signal and its annotations)
 * and FHIR (the bundle with the CSV and EDF+ files it refers to) as one zip named by period and format, with a
 * {@code notes.txt} when {@code plm export} would print notes (a leg without raw signal). Nothing is held whole
 * in the heap or copied to disk: EDF+ holds tens of MB a night, the daemon's heap is 48 MB.
 */
final class ExportPage {
    static final String PATH = "/export";
    static final String FILE = "/export/file";
    /** In a zip beside the files: what {@code plm export} prints as notes. */
    static final String NOTES = "notes.txt";
    /** The formats of one file, sent as that file; the others are sent as a zip. */
    private static final java.util.Set<ExportFormat> SINGLE = java.util.EnumSet.of(ExportFormat.JSON, ExportFormat.PDF);

    private final WebSite site;
    private final Pages pages;

    ExportPage(WebSite site, Pages pages) {
        this.site = Objects.requireNonNull(site, "site");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    List<Route> routes() {
        return List.of(Route.get(PATH, r -> form(r, 200, null)), Route.get(FILE, this::file));
    }

    private WebResponse form(WebRequest r, int status, String error) {
        LocalDate last = site.store().nights().stream().map(NightRecord::nightId).map(LocalDate::parse)
                .max(LocalDate::compareTo).orElse(LocalDate.now(site.zone()));
        StringBuilder b = new StringBuilder("<section class=\"page\" aria-labelledby=\"h-exp\"><h1 id=\"h-exp\">Export for a clinician</h1>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        b.append("<p>The closed nights of a period, as <code>plm export</code> writes them: CSV (movements and night summaries), "
                        + "EDF+ (each night's raw signal and its movements as annotations), JSON (with the diary and blood tests), "
                        + "FHIR R4 (a bundle with the CSV and EDF+ files it refers to), or a printable PDF summary with the "
                        + "trends page's chart. Formats of several files come as one zip; EDF+ and FHIR carry the raw signal, "
                        + "tens of MB a night.</p>")
                .append("<form class=\"stack\" method=\"get\" action=\"").append(FILE).append("\">")
                .append("<label for=\"from\">First night</label><input type=\"date\" id=\"from\" name=\"from\" required=\"required\" value=\"")
                .append(last.minusDays(29)).append("\"/><label for=\"to\">Last night</label><input type=\"date\" id=\"to\" name=\"to\" ")
                .append("required=\"required\" value=\"").append(last).append("\"/><label for=\"format\">Format</label><select id=\"format\" name=\"format\">");
        for (ExportFormat f : ExportFormat.values()) {
            b.append("<option value=\"").append(f.cliName()).append("\">").append(label(f)).append("</option>");
        }
        b.append("</select><button class=\"primary\" type=\"submit\">Download</button></form></section>");
        return WebResponse.html(status, pages.page("Export", PATH, r.csrf(), b.toString()));
    }

    private static String label(ExportFormat f) {
        return switch (f) {
            case CSV -> "CSV (zip)";
            case EDF -> "EDF+ (zip)";
            case JSON -> "JSON";
            case FHIR -> "FHIR R4 (zip)";
            case PDF -> "PDF";
        };
    }

    private WebResponse file(WebRequest r) {
        LocalDate from;
        LocalDate to;
        ExportFormat format;
        try {
            from = LocalDate.parse(r.query().getOrDefault("from", ""));
            to = LocalDate.parse(r.query().getOrDefault("to", ""));
            format = ExportFormat.parse(r.query().getOrDefault("format", ""));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return form(r, 400, "from and to are dates (yyyy-MM-dd) and the format one of csv, edf, json, fhir, pdf: "
                    + e.getMessage());
        }
        if (to.isBefore(from)) {
            return form(r, 400, "Choose a last night on or after the first.");
        }
        ExportPeriod period;
        PeriodRecords records;
        try {
            StoredNights sel = StoredNights.select(site.store(), site.dataDir(), from, to);
            period = new ExportPeriod(site.patientId(), from, to, sel.nights(), Clock.systemUTC().instant());
            records = PeriodRecords.fromStore(site.store(), site.dataDir(), from, to, format);
        } catch (InputException | IllegalArgumentException e) {
            return form(r, 400, e.getMessage());
        }
        for (ExportNight n : period.nights()) {
            try {
                n.summary(); // reads every key the writers read: a damaged report is named now, not mid-download
            } catch (IllegalArgumentException e) {
                return form(r, 400, "night " + n.nightId() + ": " + e.getMessage());
            }
        }
        String base = "plm-" + from + "_" + to;
        Path nightsDir = site.dataDir().resolve("nights");
        if (SINGLE.contains(format)) {
            String name = format == ExportFormat.JSON ? ExportFiles.JSON : ExportFiles.PDF;
            return WebResponse.download(format == ExportFormat.JSON ? "application/json" : "application/pdf",
                    base + "-" + name, out -> new ExportFiles(ExportSink.single(out), nightsDir).write(period, format, records));
        }
        return WebResponse.download("application/zip", base + "-" + format.cliName() + ".zip", out -> {
            ZipOutputStream z = new ZipOutputStream(out);
            ExportFiles files = new ExportFiles(ExportSink.zip(z), nightsDir);
            files.write(period, format, records);
            if (!files.notes().isEmpty()) {
                z.putNextEntry(new ZipEntry(NOTES));
                z.write((String.join("\n", files.notes()) + "\n").getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            z.finish();
        });
    }

}
