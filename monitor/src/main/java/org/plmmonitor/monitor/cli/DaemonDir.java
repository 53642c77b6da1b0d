package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.ConfigLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the commands that talk to a running daemon ({@code status}, {@code night}, {@code cuff},
 * {@code report}) find it: the data directory given by {@code --dir}, or the store's folder named by
 * the configuration file {@code --config}. Giving both used to ignore {@code --config} silently.
 */
final class DaemonDir {
    private DaemonDir() {
    }

    /**
     * @param spec   the command, to tell whether {@code --config} was typed (it has a default)
     * @param config the {@code --config} value (the default when not typed)
     * @param dir    the {@code --dir} value, or null
     * @return the daemon's data directory
     * @throws ParameterException when both options were given
     * @throws ConfigException    when the configuration file is refused
     */
    static Path of(CommandSpec spec, Path config, Path dir) throws ConfigException {
        refuseBoth(spec, dir);
        return dir != null ? dir : ConfigLoader.load(config).store().dataDir();
    }

    /**
     * @param spec the command
     * @param dir  the {@code --dir} value, or null
     * @throws ParameterException when {@code --dir} and {@code --config} were both given
     */
    static void refuseBoth(CommandSpec spec, Path dir) {
        if (dir != null && spec.commandLine().getParseResult().hasMatchedOption("--config")) {
            throw new ParameterException(spec.commandLine(), "give --config FILE or --dir DIR, not both");
        }
    }

    /**
     * The data directory of a daemon that is to take a request: it must exist, or no daemon ever ran
     * there and a request written into a new folder would wait for one that never comes.
     *
     * @param spec   the command
     * @param config the {@code --config} value
     * @param dir    the {@code --dir} value, or null
     * @return the existing data directory
     * @throws InputException  when it does not exist or is not a folder
     * @throws ConfigException when the configuration file is refused
     */
    static Path existing(CommandSpec spec, Path config, Path dir) throws InputException, ConfigException {
        Path d = of(spec, config, dir);
        if (!Files.isDirectory(d)) {
            throw new InputException(d.toString(), 0, "no such data directory: has plm monitor run with this "
                    + (dir != null ? "data directory" : "configuration") + "?");
        }
        return d;
    }
}
