package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.monitor.daemon.Heartbeat;
import org.plmmonitor.monitor.daemon.StatusFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code plm status}: what the running daemon last reported. Exit status (README): {@value #RUNNING}
 * when the status is fresh, {@value #NOT_RUNNING} when the daemon is not running (a status older than
 * {@link #STALE}), 2 for bad input (options, configuration, no status file there, a damaged one).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the daemon's sources (rate, last sample, frames rejected/lost), the store, InfluxDB "
                + "(last write, backlog) and the cuff, as the daemon last wrote them (every 2 s).",
                "Exit status: 0 running (also when it is alive but cannot write its status, e.g. on a full disk: said on "
                        + "stderr), 3 not running (no status or heartbeat written for 30 s), 2 bad input, no status file or a damaged one."})
public final class StatusCommand implements Callable<Integer> {
    /** A status older than this means the daemon is probably not running. */
    static final Duration STALE = Duration.ofSeconds(30);
    /** Exit status: the daemon wrote its status within {@link #STALE}. */
    static final int RUNNING = 0;
    /** Exit status: a stale status: the daemon is not running (or is stuck). */
    static final int NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;
    @Mixin
    StoreLocation where = new StoreLocation();
    @Option(names = "--json", description = "Machine-readable JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path d = where.dataDir();
        Path f = d.resolve(json ? StatusFile.JSON : StatusFile.TEXT);
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // Bad input as much as "not running": a wrong --dir or --config looks the same.
            throw new InputException(f.toString(), 0, "no status at " + f
                    + ": has plm monitor run with this configuration (or data directory)?", e);
        } catch (CharacterCodingException e) {
            throw new InputException(f.toString(), 0, "damaged status file: not UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(f.toString(), 0, "cannot read the status file: " + IoErrors.reason(e), e);
        }
        Optional<String> damage = StatusFile.problemIn(text, json);
        if (damage.isPresent()) {
            throw new InputException(f.toString(), 0, "damaged status file: it " + damage.get()
                    + "; the daemon replaces it every 2 s while it runs");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        Instant now = Instant.now();
        Duration age = Duration.between(Files.getLastModifiedTime(f).toInstant(), now);
        Optional<Heartbeat.Beat> beat;
        try {
            beat = Heartbeat.read(d, now);
        } catch (IOException e) {
            throw new InputException(d.resolve(Heartbeat.FILE).toString(), 0, "cannot read the heartbeat: " + IoErrors.reason(e), e);
        }
        if (age.compareTo(STALE) > 0 && beat.isPresent() && beat.get().age().compareTo(STALE) <= 0) {
            // Alive, but its status files could not be replaced (a full disk most often): say so, not "not running".
            err.println("plm status: the daemon is running (alive " + beat.get().age().toSeconds() + " s ago) but has not "
                    + "written its status for " + age.toSeconds() + " s" + beat.get().statusProblem().map(p -> ": " + p)
                    .orElse("") + "; shown is the last status it wrote");
            err.flush();
            return RUNNING;
        }
        if (age.compareTo(STALE) > 0) {
            err.println("plm status: written " + age.toSeconds() + " s ago: the daemon is not running (or is stuck)");
            err.flush();
            return NOT_RUNNING;
        }
        return RUNNING;
    }
}
