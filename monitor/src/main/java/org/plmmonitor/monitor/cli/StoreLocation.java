package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --config FILE | --dir DIR}: where a command finds the daemon's data directory and its store, as a
 * picocli mixin shared by every command that takes these options ({@code status}, {@code night},
 * {@code cuff}, {@code report}, {@code reanalyze}, {@code export}, {@code diary}, {@code trial}, {@code web},
 * {@code user set}, {@code user delete}). Giving both is refused (it used to ignore {@code --config}
 * silently); a store that is not there is one line naming the file it looked for, never a new empty store.
 *
 * <p>The configuration file is read at most once per command and only when {@code --dir} is not given.
 */
final class StoreLocation {
    /** The store's file name in a data directory given by {@code --dir}. */
    static final String DB_FILE = "plm.db";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file (default ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--dir", paramLabel = "DIR", description = "The daemon's data directory instead of --config (holds plm.db and nights/).")
    Path dir;

    private MonitorConfig loaded;

    /** @return true when the location is a data directory ({@code --dir}), not a configuration file */
    boolean byDir() {
        refuseBoth();
        return dir != null;
    }

    /**
     * @return the configuration file's settings, or empty with {@code --dir} (no settings are known then)
     * @throws ParameterException when both options were given
     * @throws ConfigException    when the configuration file is refused
     */
    Optional<MonitorConfig> settings() throws ConfigException {
        if (byDir()) {
            return Optional.empty();
        }
        if (loaded == null) {
            loaded = ConfigLoader.load(config);
        }
        return Optional.of(loaded);
    }

    /**
     * @return the daemon's data directory (it may not exist)
     * @throws ConfigException when the configuration file is refused
     */
    Path dataDir() throws ConfigException {
        return byDir() ? dir : settings().orElseThrow().store().dataDir();
    }

    /**
     * The data directory of a daemon that is to take a request (or of a store to write into): it must exist,
     * or no daemon ever ran there and a request written into a new folder would wait for one that never comes.
     *
     * @return the existing data directory
     * @throws InputException  when it does not exist or is not a folder
     * @throws ConfigException when the configuration file is refused
     */
    Path existingDataDir() throws InputException, ConfigException {
        Path d = dataDir();
        if (!Files.isDirectory(d)) {
            throw new InputException(d.toString(), 0, "no such data directory: has plm monitor run with this " + what() + "?");
        }
        return d;
    }

    /**
     * @return the store's database file (it may not exist)
     * @throws ConfigException when the configuration file is refused
     */
    Path db() throws ConfigException {
        return byDir() ? dir.resolve(DB_FILE) : settings().orElseThrow().store().path();
    }

    /**
     * @return the store's database file, which exists
     * @throws InputException  when there is no store there
     * @throws ConfigException when the configuration file is refused
     */
    Path existingDb() throws InputException, ConfigException {
        Path db = db();
        if (!Files.isRegularFile(db)) {
            throw new InputException(db.toString(), 0, "no store here: has plm monitor (or plm demo) run with this "
                    + what() + "?");
        }
        return db;
    }

    /**
     * Opens the existing store for reading: with the longest retention and no forwarding, so that a reader
     * never deletes (retention runs at open; it is the daemon's, with its own settings).
     *
     * @param clock the store's clock (UTC)
     * @return the open store; the caller closes it
     * @throws InputException  when there is no store there or it cannot be opened (one line, exit 2)
     * @throws ConfigException when the configuration file is refused
     */
    LocalStore openForReading(Clock clock) throws InputException, ConfigException {
        StoreConfig cfg = StoreConfig.forReading(existingDb());
        try {
            return LocalStore.open(cfg.path(), cfg, clock);
        } catch (StoreException e) {
            throw new InputException(cfg.path().toString(), 0, "cannot open the store: " + e.getMessage(), e);
        }
    }

    /**
     * @return the files an output must not overwrite: the store, its raw file and the configuration file
     * @throws ConfigException when the configuration file is refused
     */
    List<Path> inputs() throws ConfigException {
        Path db = db();
        List<Path> in = new ArrayList<>(List.of(db, LocalStore.rawFile(db)));
        if (dir == null) {
            in.add(config);
        }
        return in;
    }

    /** @return how the user named the location, e.g. {@code --dir night-demo}, to repeat in a hint */
    String asOption() {
        return byDir() ? "--dir " + dir : "--config " + config;
    }

    /** @return "data directory" or "configuration": what the user named, for messages */
    String what() {
        return dir != null ? "data directory" : "configuration";
    }

    /** @throws ParameterException when {@code --dir} and {@code --config} were both given */
    private void refuseBoth() {
        if (dir != null && spec.commandLine().getParseResult().hasMatchedOption("--config")) {
            throw new ParameterException(spec.commandLine(), "give --config FILE or --dir DIR, not both");
        }
    }
}
