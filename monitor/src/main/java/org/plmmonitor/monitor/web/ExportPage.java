package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.export.ExportedFile;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.export.ExportFiles;
import org.plmmonitor.monitor.export.StoredDiary;
import org.plmmonitor.monitor.export.StoredNights;
import org.plmmonitor.monitor.store.NightRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * The clinician export as a download ({@code /export}): the same files as {@code plm export} (written by
 * {@link ExportFiles} into a temporary folder, then sent). CSV (its two files in a zip), JSON and PDF are
 * offered; EDF+ and FHIR carry the raw signal, tens of MB a night, which the Pi's 48 MB heap must not hold
 * for a download: {@code plm export} writes those.
 */
final class ExportPage {
    static final String PATH = "/export";
    static final String FILE = "/export/file";
    private static final List<ExportFormat> OFFERED = List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.PDF);

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
        b.append("<p>The closed nights of a period, as <code>plm export</code> writes them: CSV (movements and night summaries, "
                        + "zipped), JSON, or a printable PDF summary. EDF+ and FHIR files hold the raw signal: make them with ")
                .append("<code>plm export --format edf</code> or <code>fhir</code> on the monitor.</p>")
                .append("<form class=\"stack\" method=\"get\" action=\"").append(FILE).append("\">")
                .append("<label for=\"from\">First night</label><input type=\"date\" id=\"from\" name=\"from\" required=\"required\" value=\"")
                .append(last.minusDays(29)).append("\"/><label for=\"to\">Last night</label><input type=\"date\" id=\"to\" name=\"to\" ")
                .append("required=\"required\" value=\"").append(last).append("\"/><label for=\"format\">Format</label><select id=\"format\" name=\"format\">");
        for (ExportFormat f : OFFERED) {
            b.append("<option value=\"").append(f.cliName()).append("\">").append(f.cliName().toUpperCase(java.util.Locale.ROOT)).append("</option>");
        }
        b.append("</select><button class=\"primary\" type=\"submit\">Download</button></form></section>");
        return WebResponse.html(status, pages.page("Export", PATH, r.csrf(), b.toString()));
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
            return form(r, 400, "from and to are dates (yyyy-MM-dd) and the format one of csv, json, pdf: " + e.getMessage());
        }
        if (!OFFERED.contains(format) || to.isBefore(from)) {
            return form(r, 400, "Choose CSV, JSON or PDF, and a last night on or after the first.");
        }
        ExportPeriod period;
        try {
            StoredNights sel = StoredNights.select(site.store(), site.dataDir(), from, to);
            period = new ExportPeriod(site.patientId(), from, to, sel.nights(), Clock.systemUTC().instant());
        } catch (InputException | IllegalArgumentException e) {
            return form(r, 400, e.getMessage());
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("plm-export-");
            ExportFiles files = new ExportFiles(tmp, site.dataDir().resolve("nights"));
            // As plm export: the JSON carries the period's diary evenings and blood tests.
            files.write(period, format, format == ExportFormat.JSON
                    ? StoredDiary.sections(site.store().file(), from, to) : List.of());
            List<ExportedFile> written = files.written();
            String base = "plm-" + from + "_" + to;
            if (written.size() == 1) {
                ExportedFile f = written.get(0);
                return WebResponse.download(f.contentType(), base + "-" + f.name(), Files.readAllBytes(tmp.resolve(f.name())));
            }
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(zip)) {
                for (ExportedFile f : written) {
                    z.putNextEntry(new ZipEntry(f.name()));
                    Files.copy(tmp.resolve(f.name()), z);
                    z.closeEntry();
                }
            }
            return WebResponse.download("application/zip", base + "-" + format.cliName() + ".zip", zip.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(ExportPage.class.getName()).log(System.Logger.Level.WARNING,
                    "temporary export folder " + dir + " not removed: " + e.getMessage());
        }
    }
}
