package org.plmmonitor.monitor.store;

/** The local store could not do what was asked; the message says what was being done. */
public class StoreException extends RuntimeException {
    /**
     * @param message what was being done and what went wrong
     * @param cause   the underlying error, or null
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
