package org.plmmonitor.monitor.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of numeric options, said in the option's own words. A command checks its options
 * before it builds anything from them: the records it builds would name their internal fields
 * ({@code night spec durationS = 0.0 is outside [60.0, 172800.0]}) instead of {@code --hours}.
 */
final class OptionRanges {
    private OptionRanges() {
    }

    /**
     * @param spec   the command, for picocli's bad-option handling (exit 2, one line)
     * @param option the option as typed, e.g. {@code --hours}
     * @param value  its value
     * @param min    smallest allowed, inclusive
     * @param max    largest allowed, inclusive
     * @throws ParameterException when the value is outside [min, max] or not a number
     */
    static void check(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(spec.commandLine(), option + " " + value + " is outside " + fmt(min) + "-" + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
