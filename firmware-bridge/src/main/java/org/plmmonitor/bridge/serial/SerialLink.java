package org.plmmonitor.bridge.serial;

import java.io.IOException;

/**
 * A byte pipe to a device: a serial port, a Bluetooth rfcomm device or a pseudo-terminal. Our own
 * interface so that the protocol code does not see the serial library and tests can use a pipe.
 * {@link #read} and {@link #write} may be called from different threads; {@link #close} from any
 * thread, and it makes a blocked read return promptly.
 */
public interface SerialLink extends AutoCloseable {

    /** @return the path the link was opened with (as configured, before resolving symlinks) */
    String path();

    /**
     * Waits up to the link's read timeout for bytes.
     *
     * @param buf destination
     * @param off first index to fill
     * @param len most bytes to read, at least 1
     * @return bytes read, 0 when the timeout passed with nothing, -1 once the link is closed
     * @throws LinkLostException when the device went away (unplugged, pty closed, Bluetooth dropped)
     * @throws IOException on another I/O failure
     */
    int read(byte[] buf, int off, int len) throws IOException;

    /**
     * Writes all bytes or fails.
     *
     * @param buf source
     * @param off first byte
     * @param len number of bytes
     * @throws LinkLostException when the device went away or the link is not connected
     * @throws IOException when the write timed out (the device is not draining its input)
     */
    void write(byte[] buf, int off, int len) throws IOException;

    /** @return true while connected to a device */
    boolean isConnected();

    /** Closes the link; idempotent; never throws. */
    @Override
    void close();
}
