package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.daemon.NightControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file (default ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--dir", paramLabel = "DIR", description = "The daemon's data directory instead of --config.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        NightControl.Command c;
        try {
            c = NightControl.Command.valueOf(what.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), InputText.quote(what) + " is not start or end");
        }
        Path d = DaemonDir.existing(spec, config, dir);
        NightControl.request(d, c);
        PrintWriter out = spec.commandLine().getOut();
        out.println("asked the daemon to " + c.word() + " the night (" + d.resolve(NightControl.FILE) + ")");
        out.flush();
        return 0;
    }
}
