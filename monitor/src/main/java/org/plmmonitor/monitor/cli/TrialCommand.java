package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.trial.TrialReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code plm trial}: the cuff's n-of-1 trial from the schedule recorded in the store (README). */
@Command(name = "trial", mixinStandardHelpOptions = true,
        description = {"Print the cuff's n-of-1 trial: each scheduled night's arm and whether it followed the schedule, "
                + "the PLM index per arm, the difference with its interval and permutation p, or that it cannot tell yet.",
                "Reads the store's recorded schedule and <data dir>/nights/*.json. Exit status: 0 printed, 2 bad input "
                        + "(no store, no trial recorded, a damaged night report)."})
public final class TrialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file (default ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--dir", paramLabel = "DIR", description = "The daemon's data directory instead of --config (holds plm.db and nights/).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        DaemonDir.refuseBoth(spec, dir);
        Path db = dir != null ? dir.resolve("plm.db") : ConfigLoader.load(config).store().path();
        if (!Files.isRegularFile(db)) {
            throw new InputException(db.toString(), 0, "no store here: has plm monitor run with this "
                    + (dir != null ? "data directory" : "configuration") + "?");
        }
        StoreConfig cfg = StoreConfig.forReading(db);
        TrialReport r;
        try (LocalStore store = LocalStore.open(db, cfg, Clock.systemUTC())) {
            r = TrialReport.load(store, cfg.dataDir());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(r.text());
        o.flush();
        return 0;
    }
}
