package org.plmmonitor.bridge.serial;

import java.io.IOException;

/**
 * One end of an in-process byte pipe pair: a {@link SerialLink} without a serial port, so that the
 * host session and a {@link org.plmmonitor.bridge.sim.DeviceSimulator} can talk the real protocol
 * inside one JVM (the demo needs only the JDK). Each direction is a bounded ring buffer; a writer
 * waits up to the write timeout for room, a reader up to the read timeout for bytes. Closing either
 * end is an unplug for the other.
 */
public final class InMemoryLink implements SerialLink {
    private final String path;
    private final Ring in;
    private final Ring out;
    private final long readTimeoutMs;
    private final long writeTimeoutMs;

    private InMemoryLink(String path, Ring in, Ring out, SerialLinkConfig config) {
        this.path = path;
        this.in = in;
        this.out = out;
        this.readTimeoutMs = config.readTimeoutMs();
        this.writeTimeoutMs = config.writeTimeoutMs();
    }

    /**
     * @param capacityBytes bytes each direction holds, 64..16777216 (a UART FIFO plus driver buffer
     *                      is a few kB; a pty about 4 kB)
     * @param config        read and write timeouts
     * @return two connected ends: [0] the host's (path {@code mem:host}), [1] the device's ({@code mem:device})
     */
    public static InMemoryLink[] pair(int capacityBytes, SerialLinkConfig config) {
        if (capacityBytes < 64 || capacityBytes > 1 << 24) {
            throw new IllegalArgumentException("capacityBytes = " + capacityBytes + " is outside 64..16777216");
        }
        Ring toDevice = new Ring(capacityBytes);
        Ring toHost = new Ring(capacityBytes);
        return new InMemoryLink[]{
                new InMemoryLink("mem:host", toHost, toDevice, config),
                new InMemoryLink("mem:device", toDevice, toHost, config)};
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        return in.read(buf, off, len, readTimeoutMs, path);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len, writeTimeoutMs, path);
    }

    @Override
    public boolean isConnected() {
        return !in.isClosed() && !out.isClosed();
    }

    @Override
    public void close() {
        in.close();
        out.close();
    }

    /** A bounded byte ring shared by a writer and a reader. */
    private static final class Ring {
        private final byte[] data;
        private int head;
        private int size;
        private boolean closed;

        Ring(int capacity) {
            data = new byte[capacity];
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized int read(byte[] buf, int off, int len, long timeoutMs, String path) throws IOException {
            long end = System.nanoTime() + timeoutMs * 1_000_000L;
            while (size == 0 && !closed) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return 0;
                }
                waitMs(left, path);
            }
            if (size == 0) {
                throw new LinkLostException("in-memory link " + path + " was closed");
            }
            int n = Math.min(len, size);
            for (int i = 0; i < n; i++) {
                buf[off + i] = data[(head + i) % data.length];
            }
            head = (head + n) % data.length;
            size -= n;
            notifyAll();
            return n;
        }

        synchronized void write(byte[] buf, int off, int len, long timeoutMs, String path) throws IOException {
            long end = System.nanoTime() + timeoutMs * 1_000_000L;
            int done = 0;
            while (done < len) {
                if (closed) {
                    throw new LinkLostException("in-memory link " + path + " was closed");
                }
                if (size == data.length) {
                    long left = (end - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        throw new IOException("write to " + path + " timed out: " + done + " of " + len
                                + " bytes written (the other end is not reading)");
                    }
                    waitMs(left, path);
                    continue;
                }
                int n = Math.min(len - done, data.length - size);
                for (int i = 0; i < n; i++) {
                    data[(head + size + i) % data.length] = buf[off + done + i];
                }
                size += n;
                done += n;
                notifyAll();
            }
        }

        private void waitMs(long ms, String path) throws IOException {
            try {
                wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted on in-memory link " + path, e);
            }
        }
    }
}
