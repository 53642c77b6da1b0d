package org.plmmonitor.bridge.serial;

import java.io.IOException;

/** The device went away (unplug, closed pty, Bluetooth dropout): reopen rather than retry. */
public final class LinkLostException extends IOException {
    /** @param message what was being done and on which path */
    public LinkLostException(String message) {
        super(message);
    }

    /**
     * @param message what was being done and on which path
     * @param cause   the low-level failure
     */
    public LinkLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
