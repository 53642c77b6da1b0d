package org.plmmonitor.monitor.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration could not be used. Carries every problem found, so that the user can fix them all
 * in one edit; the message is one {@link ConfigProblem} per line.
 */
public final class ConfigException extends Exception {
    private final transient List<ConfigProblem> problems;

    /** @param problems at least one problem, in file order */
    public ConfigException(List<ConfigProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * One problem caused by a lower-level failure (an unreadable file).
     *
     * @param problem what went wrong
     * @param cause   the I/O error behind it
     */
    public ConfigException(ConfigProblem problem, Throwable cause) {
        super(format(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    private static String format(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }

    /** @return every problem, in file order */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
