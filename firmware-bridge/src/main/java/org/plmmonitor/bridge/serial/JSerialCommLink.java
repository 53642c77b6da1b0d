package org.plmmonitor.bridge.serial;

import com.fazecast.jSerialComm.SerialPort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link SerialLink} over jSerialComm 2.11. No event listener is registered: after an unplug
 * jSerialComm fires DISCONNECTED in a tight loop until the port is closed, so loss is detected from
 * the read result (-1) instead and the port is closed at once. Each open resolves the path again
 * (by-id symlinks point at a new ttyUSBn after a replug) and calls {@code getCommPort} afresh, as a
 * closed SerialPort cannot be reopened onto a new device.
 */
public final class JSerialCommLink implements SerialLink {
    private final String path;
    private final String resolved;
    private final SerialPort port;
    private final long writeTimeoutNanos;
    private volatile boolean closed;

    private JSerialCommLink(String path, String resolved, SerialPort port, int writeTimeoutMs) {
        this.path = path;
        this.resolved = resolved;
        this.port = port;
        this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMs);
    }

    /**
     * @param config port settings
     * @return a factory that opens jSerialComm ports
     */
    public static SerialLinkFactory factory(SerialLinkConfig config) {
        return path -> open(path, config);
    }

    /**
     * @param path   device path or symlink to it
     * @param config port settings
     * @return the open link
     * @throws IOException when the path does not exist or the port cannot be opened
     */
    public static JSerialCommLink open(String path, SerialLinkConfig config) throws IOException {
        String real;
        try {
            real = Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            throw new IOException("serial device " + path + " is not present", e);
        }
        SerialPort p = SerialPort.getCommPort(real);
        p.setComPortParameters(config.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                config.readTimeoutMs(), config.writeTimeoutMs());
        if (!p.openPort()) {
            throw new IOException("could not open serial device " + path + " (" + real + "): error "
                    + p.getLastErrorCode() + " at " + p.getLastErrorLocation());
        }
        return new JSerialCommLink(path, real, p, config.writeTimeoutMs());
    }

    @Override
    public String path() {
        return path;
    }

    /** @return the device node the path resolved to when opened */
    public String resolvedPath() {
        return resolved;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            return -1;
        }
        int n = port.readBytes(buf, len, off);
        if (n < 0) {
            if (closed) {
                return -1;
            }
            int err = port.getLastErrorCode();
            close();
            throw new LinkLostException("serial device " + path + " (" + resolved + ") went away (read error " + err + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new LinkLostException("serial link " + path + " is closed");
        }
        // jSerialComm can return 0 at once when the kernel buffer is full (a pty whose reader lags):
        // keep trying until the write timeout, so that a brief stall is back-pressure, not loss.
        long deadline = System.nanoTime() + writeTimeoutNanos;
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(buf, len - done, off + done);
            if (n > 0) {
                done += n;
                continue;
            }
            if (port.bytesAvailable() < 0 || closed) {
                close();
                throw new LinkLostException("serial device " + path + " (" + resolved + ") went away while writing");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("write to " + path + " timed out: " + done + " of " + len
                        + " bytes written (the device is not reading)");
            }
            LockSupport.parkNanos(500_000);
        }
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }
}
