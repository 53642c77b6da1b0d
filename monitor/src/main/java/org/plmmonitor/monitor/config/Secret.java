package org.plmmonitor.monitor.config;

import java.util.Objects;

/**
 * A password or token read from the secrets file. Its {@link #toString()} never shows the value, so a
 * configuration can be logged or printed whole; only {@link #reveal()} gives the value, for the one call
 * that sends it to the server. Equality is identity: two secrets are never compared by value in logs.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret text, not empty
     * @return the wrapped secret
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** @return the secret text: pass it straight to the client that needs it, never to a log */
    public String reveal() {
        return value;
    }

    /** @return a fixed mask, never the value */
    @Override
    public String toString() {
        return "Secret[****]";
    }
}
