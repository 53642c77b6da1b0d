package org.plmmonitor.monitor.cli;

import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.daemon.StatusFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code plm status}: what the running daemon last reported. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the daemon's sources (rate, last sample, frames rejected/lost), the store, InfluxDB "
                + "(last write, backlog) and the cuff, as the daemon last wrote them (every 2 s).")
public final class StatusCommand implements Callable<Integer> {
    /** A status older than this means the daemon is probably not running. */
    static final Duration STALE = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;
    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file (default ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--dir", paramLabel = "DIR", description = "The daemon's data directory instead of --config (e.g. night-demo).")
    Path dir;
    @Option(names = "--json", description = "Machine-readable JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path d = dir != null ? dir : ConfigLoader.load(config).store().dataDir();
        Path f = d.resolve(json ? StatusFile.JSON : StatusFile.TEXT);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no status at " + f
                    + ": has plm monitor run with this configuration?");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        Duration age = Duration.between(Files.getLastModifiedTime(f).toInstant(), Instant.now());
        if (age.compareTo(STALE) > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("plm status: written " + age.toSeconds() + " s ago: the daemon is not running (or is stuck)");
            err.flush();
        }
        return 0;
    }
}
