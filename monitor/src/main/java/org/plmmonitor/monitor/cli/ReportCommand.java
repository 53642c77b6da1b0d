package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightIds;
import org.plmmonitor.monitor.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plm report --night DATE}: the morning report of one closed night as one self-contained HTML
 * file (inline SVG and CSS, no script, nothing fetched: it opens offline).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the morning report of one closed night as a self-contained HTML file that opens offline: "
                + "timeline, PLM per hour, IMI histograms, counts, the caveat and the provenance.",
                "Reads <data dir>/nights/DATE.json and the store. Exit status: 0 written, 2 bad input (unknown night, "
                        + "no store, a damaged report, an output that is an input)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file (default ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--dir", paramLabel = "DIR", description = "The daemon's data directory instead of --config (holds plm.db and nights/).")
    Path dir;
    @Option(names = "--night", paramLabel = "DATE", required = true, description = "The night, by the local date of its evening (yyyy-MM-dd).")
    String night;
    @Option(names = "--detector", paramLabel = "VERSION", description = "Show the night's analysis by this detector "
            + "version (default: the newest; plm reanalyze adds one).")
    String detector;
    @Option(names = "--out", paramLabel = "FILE.html", description = "Where to write it (default DATE.html in the current folder).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try {
            NightIds.requireValid(night);
        } catch (IllegalArgumentException e) {
            throw new InputException("--night", 0, e.getMessage(), e);
        }
        DaemonDir.refuseBoth(spec, dir);
        Path db = dir != null ? dir.resolve("plm.db") : ConfigLoader.load(config).store().path();
        Path data = StoreConfig.builder().path(db).build().dataDir();
        Path target = out != null ? out : Path.of(night + ".html");
        List<Path> inputs = new ArrayList<>(List.of(db, LocalStore.rawFile(db), StoredNightReport.reportFile(data, night)));
        if (dir == null) {
            inputs.add(config);
        }
        if (detector != null) {
            inputs.add(StoredNightReport.reanalysisFile(data, night, detector));
        }
        OutputFiles.refuseInputs("--out", target, inputs);
        if (!Files.isRegularFile(db)) {
            throw new InputException(db.toString(), 0, "no store here: has plm monitor (or plm demo) run with this "
                    + (dir != null ? "data directory" : "configuration") + "?");
        }
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
}
