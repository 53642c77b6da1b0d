package org.plmmonitor.bridge.serial;

import java.io.IOException;

/** Opens one connection to a path; called again for every reconnect attempt. */
@FunctionalInterface
public interface SerialLinkFactory {
    /**
     * @param path as configured, e.g. {@code /dev/serial/by-id/usb-...}, {@code /dev/rfcomm0} or a pty
     *             link; implementations re-resolve symlinks on every call
     * @return an open, connected link
     * @throws IOException when the device is absent or cannot be opened (the caller retries later)
     */
    SerialLink open(String path) throws IOException;
}
