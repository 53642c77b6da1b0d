package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.monitor.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code plm} command: one entry point for every subcommand. */
@Command(name = "plm",
        mixinStandardHelpOptions = true,
        versionProvider = PlmCommand.Version.class,
        description = "Nocturnal leg-movement monitor: detect, score and report periodic limb movements.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ScoreCommand.class,
                AnalyzeCommand.class,
                GenerateNightCommand.class,
                DemoCommand.class,
                SimulateDeviceCommand.class,
                MonitorCommand.class,
                StatusCommand.class,
                ReportCommand.class,
                ReanalyzeCommand.class,
                ExportCommand.class,
                DiaryCommand.class,
                NightCommand.class,
                CuffControlCommand.class,
                TrialCommand.class,
                WebCommand.class,
                UserCommand.class,
        })
public final class PlmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command line with the project's error handling: one clear line, exit 2 for bad input. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PlmCommand());
        // A mistyped option gets one line and a pointer to --help, not the whole usage text.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            // The whole path ("plm user set"): a nested command's last word alone names no command one can run.
            String command = cmd.getCommandSpec().qualifiedName(" ");
            err.println(command + ": " + ex.getMessage() + " (try '" + command + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            boolean trace = System.getenv("PLM_STACKTRACE") != null;
            if (ex instanceof InputException) {
                err.println("plm: " + ex.getMessage());
            } else if (ex instanceof ConfigException) {
                // One problem per line, each naming the file, line, key and what is allowed.
                err.println("plm: configuration refused:");
                err.println(ex.getMessage());
            } else {
                err.println("plm: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString())
                        + (trace ? "" : " (set PLM_STACKTRACE=1 for details)"));
            }
            if (trace) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        // sqlite-jdbc logs through SLF4J and we ship no SLF4J provider: its 'no providers' notice is noise.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // One line per log record (journald adds the time); set before the first logger is made.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "plm %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"plm " + SoftwareVersion.get()};
        }
    }
}
