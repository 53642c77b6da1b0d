package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.monitor.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code plm} command: one entry point for every subcommand.
 *
 * <p>The subcommands are listed in {@link #SUBCOMMANDS} rather than in the annotation, so that a start
 * for one command builds picocli's model of that command only: picocli reads every option of every
 * subcommand by reflection, about 0.2 s of a short command's start on a 2-core machine.
 */
@Command(name = "plm",
        mixinStandardHelpOptions = true,
        versionProvider = PlmCommand.Version.class,
        description = "Nocturnal leg-movement monitor: detect, score and report periodic limb movements.")
public final class PlmCommand implements Runnable {

    /** Every subcommand, in the order {@code plm --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            UserCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command line with every subcommand and the project's error handling (one clear line, exit 2). */
    public static CommandLine commandLine() {
        return withHandlers(withSubcommands(SUBCOMMANDS));
    }

    /**
     * Builds the command line for one invocation: when the first argument names a subcommand, only that
     * one is built (its options, help and errors are the same as in the full command line, which names
     * the parent the same way); anything else ({@code --help}, {@code --version}, a mistyped name, none)
     * gets the full command line, so the usage text and the suggestions list every subcommand.
     *
     * @param args the command line as given to {@code main}; not modified
     * @return the command line to execute {@code args} with
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length > 0) {
            for (Class<?> sub : SUBCOMMANDS) {
                if (sub.getAnnotation(Command.class).name().equals(args[0])) {
                    return withHandlers(withSubcommands(List.of(sub)));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new PlmCommand());
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(sub);
        }
        return cl;
    }

    private static CommandLine withHandlers(CommandLine cl) {
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
        System.exit(commandLineFor(args).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"plm " + SoftwareVersion.get()};
        }
    }
}
