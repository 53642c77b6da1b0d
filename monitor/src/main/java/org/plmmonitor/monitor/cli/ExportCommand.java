package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.export.ExportedFile;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.export.ExportFiles;
import org.plmmonitor.monitor.export.PeriodRecords;
import org.plmmonitor.monitor.export.StoredNights;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.influx.InfluxNights;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plm export}: the clinician export of the closed nights of a period in one format
 * (docs/export.md).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the closed nights from --from to --to for a clinician: csv (movements.csv, nights.csv), "
                + "edf (raw signal and movements as EDF+ per night), json (export.json), fhir (an R4 bundle with the CSV "
                + "and EDF+ files it refers to) or pdf (a printable summary).",
                "Exit status: 0 written, 2 bad input (a date, the format, an output folder that cannot be written, "
                        + "no closed night in the period)."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreLocation where = new StoreLocation();
    @Option(names = "--patient", paramLabel = "ID", description = "Pseudonymous patient id written into the files "
            + "(default: the configuration's patient.id, or 'patient').")
    String patient;
    @Option(names = "--from", paramLabel = "DATE", required = true, description = "First night, yyyy-MM-dd (the local date of its evening).")
    String from;
    @Option(names = "--to", paramLabel = "DATE", required = true, description = "Last night, yyyy-MM-dd, included.")
    String to;
    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "csv, edf, json, fhir or pdf.")
    String format;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into (created when missing).")
    Path out;
    @Option(names = "--source", paramLabel = "SOURCE", description = "store (default: the local store) or influx (the "
            + "InfluxDB of the configuration's influx.* keys; needs --patient, one patient of many).")
    String source = "store";

    /** Where the nights are read. */
    private enum Source {
        STORE, INFLUX;

        static Source parse(String text) throws InputException {
            return switch (text) {
                case "store" -> STORE;
                case "influx" -> INFLUX;
                default -> throw new InputException("--source", 0, InputText.quote(text) + " is not a source: expected "
                        + "store or influx");
            };
        }
    }

    @Override
    public Integer call() throws Exception {
        LocalDate first = date("--from", from);
        LocalDate last = date("--to", to);
        if (first.isAfter(last)) {
            throw new InputException("--from " + from, 0, "is after --to " + to + ": expected the first night first");
        }
        ExportFormat fmt;
        try {
            fmt = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new InputException("--format", 0, e.getMessage(), e);
        }
        boolean byDir = where.byDir();
        boolean influx = Source.parse(source) == Source.INFLUX;
        if (byDir && influx) {
            throw new InputException("--dir", 0, "not with --source influx: the server is named by the influx.* keys of --config");
        }
        if (influx) {
            return fromInflux(first, last, fmt);
        }
        String id = patient != null ? patient
                : where.settings().map(MonitorConfig::patientId).orElse(MonitorConfig.DEFAULT_PATIENT_ID);
        checkPatient(id);
        OutputFiles.checkDirectory("--out", out);
        Path db = where.db();
        Path data = where.dataDir();
        StoredNights sel;
        PeriodRecords records;
        try (LocalStore store = where.openForReading(Clock.systemUTC())) {
            sel = StoredNights.select(store, data, first, last);
            records = PeriodRecords.fromStore(store, data, first, last, fmt);
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot read the store: " + e.getMessage(), e);
        }
        return write(new ExportPeriod(id, first, last, sel.nights(), Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS)),
                fmt, records, new ExportFiles(out, data.resolve("nights")),
                sel.stillOpen().stream().map(n -> "night " + n + " is still open and is not exported").toList());
    }

    /** {@code --source influx}: one patient's nights as the clinic's InfluxDB holds them (docs/export.md). */
    private int fromInflux(LocalDate first, LocalDate last, ExportFormat fmt) throws Exception {
        if (patient == null) {
            throw new InputException("--patient", 0, "missing: --source influx reads one patient of the server's many; "
                    + "expected the pseudonymous id the patient's monitor forwards under");
        }
        checkPatient(patient);
        OutputFiles.checkDirectory("--out", out);
        // Only the influx.* keys: a clinic's machine has no sensor, no store and no night of its own.
        InfluxConfig influx = ConfigLoader.loadInflux(where.config, patient).orElseThrow(() -> new InputException(where.config.toString(), 0,
                "no influx.url configured: --source influx reads the InfluxDB the monitors forward to"));
        InfluxNights.Selection sel = InfluxNights.select(influx, patient, first, last);
        ExportPeriod period = new ExportPeriod(patient, first, last, sel.nights(), Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
        // The diary and blood tests are not forwarded: their sections are there, empty, as for a store without any.
        return write(period, fmt, PeriodRecords.withoutDiary(period, fmt, "InfluxDB " + influx.url() + ", patient " + patient),
                ExportFiles.withoutRawSignal(out, "the raw signal is not forwarded to InfluxDB; it stays "
                        + "in each monitor's local store (plm export --format edf there)"), sel.skipped());
    }

    private static void checkPatient(String id) throws InputException {
        if (!ExportPeriod.PATIENT_ID.matcher(id).matches()) {
            throw new InputException("--patient", 0, "'" + id + "' is not a pseudonymous id: expected 1-64 letters, "
                    + "digits, '-' or '_', starting with a letter or digit");
        }
    }

    private int write(ExportPeriod period, ExportFormat fmt, PeriodRecords records, ExportFiles files,
                      List<String> skipped) throws InputException {
        LocalDate first = period.from();
        LocalDate last = period.to();
        String id = period.patientId();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("--out " + out, 0, "cannot create the folder: " + IoErrors.reason(e), e);
        }
        if (!Files.isWritable(out)) {
            throw new InputException("--out " + out, 0, "cannot write into the folder: permission denied");
        }
        try {
            files.write(period, fmt, records);
        } catch (IOException e) {
            throw new InputException("--out " + out, 0, e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("exported " + period.nights().size() + " night" + (period.nights().size() == 1 ? "" : "s") + " ("
                + first + " to " + last + ", patient " + id + ") as " + fmt.cliName() + " into " + out + ":");
        for (ExportedFile f : files.written()) {
            o.println("  " + f.name() + " (" + f.bytes() + " bytes)");
        }
        for (String n : files.notes()) {
            o.println("  note: " + n);
        }
        for (String n : skipped) {
            o.println("  note: " + n);
        }
        o.flush();
        return 0;
    }

    private static LocalDate date(String option, String text) throws InputException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException(option, 0, InputText.quote(text) + " is not a date: expected yyyy-MM-dd", e);
        }
    }
}
