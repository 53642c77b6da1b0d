package org.plmmonitor.monitor.cli;

import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.trial.TrialReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
    @Mixin
    StoreLocation where = new StoreLocation();

    @Override
    public Integer call() throws Exception {
        TrialReport r;
        try (LocalStore store = where.openForReading(Clock.systemUTC())) {
            r = TrialReport.load(store, where.dataDir());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(r.text());
        o.flush();
        return 0;
    }
}
