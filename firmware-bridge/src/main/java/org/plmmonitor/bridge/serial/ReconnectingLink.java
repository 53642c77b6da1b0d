package org.plmmonitor.bridge.serial;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@link SerialLink} that keeps itself connected: {@link #read} opens the path when needed (through
 * the factory, which re-resolves symlinks each time), and after a loss closes the dead port at once
 * and reopens with a doubling backoff between {@link SerialLinkConfig#reconnectMinMs()} and
 * {@link SerialLinkConfig#reconnectMaxMs()}, so a replugged device is back within the ceiling plus
 * the open time and an absent one costs one attempt per ceiling, never a busy loop. {@link #read}
 * returns 0 while disconnected so its caller keeps its own timers (heartbeats) going.
 */
public final class ReconnectingLink implements SerialLink {
    private final String path;
    private final SerialLinkFactory factory;
    private final SerialLinkConfig config;
    private final Pacer pacer;
    private final ConnectionListener listener;
    private final Object lock = new Object();
    private volatile SerialLink current;
    private volatile boolean closed;
    private int failures;
    private long connects;
    private boolean lostSinceLastOpen;

    /**
     * @param path     configured path
     * @param factory  opens one connection
     * @param config   reconnect pacing
     * @param pacer    waits between attempts
     * @param listener told of connects and losses
     */
    public ReconnectingLink(String path, SerialLinkFactory factory, SerialLinkConfig config, Pacer pacer,
                            ConnectionListener listener) {
        this.path = Objects.requireNonNull(path, "path");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.config = Objects.requireNonNull(config, "config");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            return -1;
        }
        SerialLink l = current;
        if (l == null) {
            l = connect();
            if (l == null) {
                return closed ? -1 : 0;
            }
        }
        try {
            int n = l.read(buf, off, len);
            if (n < 0) {
                // The underlying link was closed under us (close() or drop() from another thread).
                return closed ? -1 : 0;
            }
            return n;
        } catch (IOException e) {
            drop(l, e);
            return closed ? -1 : 0;
        }
    }

    private SerialLink connect() {
        if (lostSinceLastOpen || failures > 0) {
            // Pause before every attempt after a failure or loss: an unplugged port must not spin.
            if (!pacer.pause(config.backoffMs(Math.max(0, failures - 1)))) {
                return null;
            }
        }
        SerialLink l;
        try {
            l = factory.open(path);
        } catch (IOException | RuntimeException e) {
            failures++;
            return null;
        }
        synchronized (lock) {
            if (closed) {
                l.close();
                return null;
            }
            current = l;
            failures = 0;
            lostSinceLastOpen = false;
            connects++;
        }
        listener.onConnected(path, connects);
        return l;
    }

    /**
     * Drops the present connection (e.g. the device went silent) so that the next read reopens it.
     *
     * @param reason why, for the listener
     */
    public void reconnect(String reason) {
        SerialLink l = current;
        if (l != null) {
            drop(l, new LinkLostException(reason));
        }
    }

    private void drop(SerialLink l, Exception cause) {
        synchronized (lock) {
            if (current != l) {
                return;
            }
            current = null;
            lostSinceLastOpen = true;
        }
        l.close();
        if (!closed) {
            listener.onDisconnected(path, cause);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        SerialLink l = current;
        if (l == null || closed) {
            throw new LinkLostException("serial link " + path + " is not connected");
        }
        try {
            l.write(buf, off, len);
        } catch (LinkLostException e) {
            drop(l, e);
            throw e;
        }
    }

    @Override
    public boolean isConnected() {
        return current != null && !closed;
    }

    /** @return connections made so far (1 after the first open) */
    public long connects() {
        synchronized (lock) {
            return connects;
        }
    }

    @Override
    public void close() {
        SerialLink l;
        synchronized (lock) {
            closed = true;
            l = current;
            current = null;
        }
        pacer.shutdown();
        if (l != null) {
            l.close();
        }
    }
}
