package org.plmmonitor.monitor.web;

import java.util.Objects;

/** The web interface did not start; the message says why and what to do. */
public final class WebStartException extends Exception {
    /** Why it did not start. */
    public enum Reason {
        /** No web user: there is no default password. */
        NO_USER,
        /** Plain HTTP on a network address without {@code web.allow_plaintext}. */
        PLAINTEXT,
        /** The certificate or key file cannot be used. */
        TLS,
        /** The address or port cannot be listened on. */
        BIND,
        /** The store cannot be read. */
        STORE
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what happened and what to do, one line
     */
    public WebStartException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason  why
     * @param message what happened and what to do, one line
     * @param cause   the underlying error, or null
     */
    public WebStartException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why it did not start */
    public Reason reason() {
        return reason;
    }
}
