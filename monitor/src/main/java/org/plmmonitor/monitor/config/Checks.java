package org.plmmonitor.monitor.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Invariants of the config records, for configs built in code. The loader checks the same limits
 * first, with file and line, so a loaded config never trips these.
 */
final class Checks {
    private Checks() {
    }

    static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is not between " + min + " and " + max);
        }
    }

    static void range(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " " + value + " is not between " + min + " and " + max);
        }
    }

    static void oneOf(String what, int value, List<Integer> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(what + " " + value + " is not one of " + join(allowed));
        }
    }

    static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
