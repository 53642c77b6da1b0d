package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line built for one subcommand behaves as the full one: same help, same errors, same exit status. */
class PlmCommandTest {


    static PlmRun run(CommandLine cl, String... args) {
        return PlmRun.on(cl, args);
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Class<?> sub : PlmCommand.SUBCOMMANDS) {
            names.add(sub.getAnnotation(Command.class).name());
        }
        return names;
    }

    @Test
    void oneSubcommandIsBuiltWhenTheFirstArgumentNamesIt() {
        for (String name : names()) {
            CommandLine cl = PlmCommand.commandLineFor(name, "--whatever");
            assertEquals(List.of(name), List.copyOf(cl.getSubcommands().keySet()), name);
        }
    }

    @Test
    void everySubcommandIsBuiltOtherwise() {
        for (String[] args : List.of(new String[0], new String[]{"--help"}, new String[]{"--version"},
                new String[]{"analyse"}, new String[]{"-h", "analyze"})) {
            assertEquals(names(), List.copyOf(PlmCommand.commandLineFor(args).getSubcommands().keySet()),
                    String.join(" ", args));
        }
    }

    @Test
    void everySubcommandsHelpIsTheSameAsInTheFullCommandLine() {
        for (String name : names()) {
            PlmRun full = run(PlmCommand.commandLine(), name, "--help");
            PlmRun one = run(PlmCommand.commandLineFor(name, "--help"), name, "--help");
            assertEquals(full, one, name);
            assertTrue(full.out.contains("plm " + name), name + ": " + full.out);
        }
    }

    @Test
    void aBadOptionGetsTheSameLineAndStatus() {
        String[] args = {"analyze", "--left", "x.csv", "--no-such-option"};
        PlmRun full = run(PlmCommand.commandLine(), args);
        PlmRun one = run(PlmCommand.commandLineFor(args), args);
        assertEquals(2, one.code);
        assertEquals(full, one);
        assertTrue(one.err.startsWith("plm analyze: Unknown option: '--no-such-option'"), one.err);
    }

    @Test
    void aMistypedSubcommandIsRefusedByTheFullCommandLine() {
        PlmRun r = run(PlmCommand.commandLineFor("analyse"), "analyse");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("plm: Unmatched argument at index 0: 'analyse'"), r.err);
    }
}
