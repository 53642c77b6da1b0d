package org.plmmonitor.monitor.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file.
 *
 * @param file    the file as the user named it
 * @param line    1-based line of the offending key, or 0 when the problem is a missing key or the whole file
 * @param key     the key at fault, or empty when no single key is
 * @param message what is wrong and what was allowed; never contains a secret's value
 */
public record ConfigProblem(String file, int line, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " is negative");
        }
    }

    /** @return {@code file:line: key 'k': message}, the line and key parts left out when unknown */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (!key.isEmpty()) {
            s.append("key '").append(key).append("': ");
        }
        return s.append(message).toString();
    }
}
