package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.monitor.daemon.NightControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code plm night start|end}: override the night schedule of the running daemon. */
@Command(name = "night", mixinStandardHelpOptions = true,
        description = {"Override the night schedule of the running daemon: 'start' opens a night now (until the next "
                + "scheduled end), 'end' closes the open night now (or skips tonight's when none is open yet).",
                "The daemon takes the request within a poll (about 50 ms); check with 'plm status'."})
public final class NightCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "start|end", description = "What to do.")
    String what;
    @Mixin
    StoreLocation where = new StoreLocation();

    @Override
    public Integer call() throws Exception {
        NightControl.Command c;
        try {
            c = NightControl.Command.valueOf(what.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), InputText.quote(what) + " is not start or end");
        }
        Path d = where.existingDataDir();
        NightControl.request(d, c);
        PrintWriter out = spec.commandLine().getOut();
        out.println("asked the daemon to " + c.word() + " the night (" + d.resolve(NightControl.FILE) + ")");
        out.flush();
        return 0;
    }
}
