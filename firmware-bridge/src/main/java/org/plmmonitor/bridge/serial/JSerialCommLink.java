package org.plmmonitor.bridge.serial;

import com.fazecast.jSerialComm.SerialPort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final ExecutorService writer;
    private volatile Future<?> pending;
    private volatile boolean closed;

    private JSerialCommLink(String path, String resolved, SerialPort port, int writeTimeoutMs) {
        this.path = path;
        this.resolved = resolved;
        this.port = port;
        this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMs);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plm-serial-write " + path);
            t.setDaemon(true);
            return t;
        });
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

    /**
     * jSerialComm ignores the write timeout on a pty (measured: a write into a full pty blocks until
     * the far end reads, however long), so the native write runs on this link's writer thread and the
     * caller waits at most the write timeout. While a timed-out write is still pending, later writes
     * fail at once: nothing is interleaved with a half-written frame, and a device that stopped
     * reading costs the caller only the first timeout.
     */
    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new LinkLostException("serial link " + path + " is closed");
        }
        Future<?> previous = pending;
        if (previous != null && !previous.isDone()) {
            throw new IOException("write to " + path + " refused: an earlier write is still blocked (the device is not reading)");
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        Future<?> f;
        try {
            f = writer.submit(() -> {
                writeAll(copy);
                return null;
            });
        } catch (RejectedExecutionException e) {
            throw new LinkLostException("serial link " + path + " is closed", e);
        }
        pending = f;
        try {
            f.get(writeTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("write to " + path + " timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos) + " ms (the device is not reading)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted writing to " + path, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("write to " + path + " failed", e.getCause());
        }
    }

    private void writeAll(byte[] data) throws IOException {
        int done = 0;
        while (done < data.length) {
            int n = port.writeBytes(data, data.length - done, done);
            if (n > 0) {
                done += n;
                continue;
            }
            if (port.bytesAvailable() < 0 || closed) {
                close();
                throw new LinkLostException("serial device " + path + " (" + resolved + ") went away while writing");
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
        writer.shutdownNow();
    }
}
