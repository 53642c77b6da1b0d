package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.report.StoredTrends;
import org.plmmonitor.monitor.store.NightIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plm report --night DATE}: the morning report of one closed night as one self-contained HTML
 * file (inline SVG and CSS, no script, nothing fetched: it opens offline); {@code plm report --from DATE
 * --to DATE}: the trends of a period, the same way.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the morning report of one closed night as a self-contained HTML file that opens offline: "
                + "timeline, PLM per hour, IMI histograms, counts, the caveat and the provenance; or, with --from and --to, "
                + "the trends of a period: nights on a calendar axis, rolling median, ferritin and TSAT, diary markers, factors.",
                "Reads <data dir>/nights/DATE.json and the store. Exit status: 0 written, 2 bad input (unknown night, "
                        + "no store, a damaged report, an output that is an input)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreLocation where = new StoreLocation();
    @Option(names = "--night", paramLabel = "DATE", description = "The night, by the local date of its evening (yyyy-MM-dd).")
    String night;
    @Option(names = "--detector", paramLabel = "VERSION", description = "Show the night's analysis by this detector "
            + "version (default: the newest; plm reanalyze adds one).")
    String detector;
    @Option(names = "--from", paramLabel = "DATE", description = "Trends: the first night of the period (yyyy-MM-dd), with --to.")
    String from;
    @Option(names = "--to", paramLabel = "DATE", description = "Trends: the last night of the period (yyyy-MM-dd), at most 400 nights after --from.")
    String to;
    @Option(names = "--out", paramLabel = "FILE.html", description = "Where to write it (default DATE.html in the current folder).")
    Path out;

    @Override
    public Integer call() throws Exception {
        boolean trends = from != null || to != null;
        if (trends && night != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --night DATE (one night) or --from DATE --to DATE (trends), not both");
        }
        if (!trends && night == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--night=DATE' (or '--from=DATE' and '--to=DATE' for the trends of a period)");
        }
        if (trends && (from == null || to == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '"
                    + (from == null ? "--from" : "--to") + "=DATE' (the trends of a period need --from and --to)");
        }
        if (trends) {
            return trends();
        }
        try {
            NightIds.requireValid(night);
        } catch (IllegalArgumentException e) {
            throw new InputException("--night", 0, e.getMessage(), e);
        }
        Path db = where.db();
        Path data = where.dataDir();
        Path target = out != null ? out : Path.of(night + ".html");
        List<Path> inputs = new ArrayList<>(where.inputs());
        inputs.add(StoredNightReport.reportFile(data, night));
        if (detector != null) {
            inputs.add(StoredNightReport.reanalysisFile(data, night, detector));
        }
        OutputFiles.refuseInputs("--out", target, inputs);
        where.existingDb();
        NightView view = StoredNightReport.load(db, night, detector);
        byte[] html = MorningReport.document(view).getBytes(StandardCharsets.UTF_8);
        OutputFiles.write("--out", target, os -> os.write(html));
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + target + ": night " + night + ", " + view.marks().size() + " movements, "
                + view.inBed().plm() + " periodic, detector " + view.provenance().detectorVersion()
                + (view.otherDetectors().isEmpty() ? "" : " (also analysed by " + String.join(", ", view.otherDetectors())
                + ": --detector VERSION shows it)") + "; open it in a browser (it needs no network)");
        o.flush();
        return 0;
    }

    private int trends() throws Exception {
        LocalDate first = date("--from", from);
        LocalDate last = date("--to", to);
        if (last.isBefore(first)) {
            throw new InputException("--to", 0, last + " is before --from " + first);
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1 > TrendsView.MAX_DAYS) {
            throw new InputException("--to", 0, "the period " + first + " to " + last + " is longer than "
                    + TrendsView.MAX_DAYS + " nights");
        }
        Path target = out != null ? out : Path.of(first + "_" + last + ".html");
        OutputFiles.refuseInputs("--out", target, where.inputs());
        Path db = where.existingDb();
        long t0 = System.nanoTime();
        TrendsView view = StoredTrends.load(db, first, last);
        byte[] html = TrendsReport.document(view).getBytes(StandardCharsets.UTF_8);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        OutputFiles.write("--out", target, os -> os.write(html));
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + target + ": nights " + first + " to " + last + ", " + view.nights().size() + " recorded, "
                + view.usable().size() + " usable, " + view.labs().size() + " lab results (built in " + ms
                + " ms); open it in a browser (it needs no network)");
        o.flush();
        return 0;
    }

    private static LocalDate date(String option, String value) throws InputException {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InputException(option, 0, org.plmmonitor.analysis.io.InputText.quote(value) + " is not a date yyyy-MM-dd", e);
        }
    }
}
