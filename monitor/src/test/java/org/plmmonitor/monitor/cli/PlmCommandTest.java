package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line built for one subcommand behaves as the full one: same help, same errors, same exit status. */
class PlmCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
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
            Run full = run(PlmCommand.commandLine(), name, "--help");
            Run one = run(PlmCommand.commandLineFor(name, "--help"), name, "--help");
            assertEquals(full, one, name);
            assertTrue(full.out.contains("plm " + name), name + ": " + full.out);
        }
    }

    @Test
    void aBadOptionGetsTheSameLineAndStatus() {
        String[] args = {"analyze", "--left", "x.csv", "--no-such-option"};
        Run full = run(PlmCommand.commandLine(), args);
        Run one = run(PlmCommand.commandLineFor(args), args);
        assertEquals(2, one.code);
        assertEquals(full, one);
        assertTrue(one.err.startsWith("plm analyze: Unknown option: '--no-such-option'"), one.err);
    }

    @Test
    void aMistypedSubcommandIsRefusedByTheFullCommandLine() {
        Run r = run(PlmCommand.commandLineFor("analyse"), "analyse");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("plm plm: Unmatched argument at index 0: 'analyse'"), r.err);
    }
}
