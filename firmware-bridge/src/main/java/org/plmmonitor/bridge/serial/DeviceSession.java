package org.plmmonitor.bridge.serial;

import org.plmmonitor.bridge.protocol.FrameDecoder;
import org.plmmonitor.bridge.protocol.FrameEncoder;
import org.plmmonitor.bridge.protocol.FrameListener;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.Hello;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.RejectReason;
import org.plmmonitor.bridge.protocol.SequenceTracker;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The host end of one device link: a reader thread that keeps the link open, decodes frames, tracks
 * the device's sequence numbers and hands messages to listeners; HELLO on every (re)connect;
 * HEARTBEAT every {@link SessionConfig#heartbeatIntervalMs()}; reopen after a silent spell.
 * Listeners are called on the reader thread and must not block.
 */
public final class DeviceSession implements AutoCloseable {
    private final ReconnectingLink link;
    private final SessionConfig config;
    private final LongSupplier nanoClock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder;
    private final SequenceTracker sequence = new SequenceTracker();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong rejCrc = new AtomicLong();
    private final AtomicLong rejLen = new AtomicLong();
    private final AtomicLong rejOther = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final long startNanos;
    private volatile Identify identity;
    private volatile boolean closed;
    private Thread thread;
    private long lastFrameNanos;
    private long lastHeartbeatNanos;

    /**
     * Opens a session over jSerialComm with default timing.
     *
     * @param path device path, e.g. {@code /dev/serial/by-id/usb-...}, {@code /dev/rfcomm0}
     * @return a session; call {@link #addListener} then {@link #start()}
     */
    public static DeviceSession overSerial(String path) {
        return overSerial(path, SerialLinkConfig.DEFAULT, SessionConfig.DEFAULT);
    }

    /**
     * @param path       device path
     * @param linkConfig port settings and reconnect pacing
     * @param config     protocol timing
     * @return a session; call {@link #addListener} then {@link #start()}
     */
    public static DeviceSession overSerial(String path, SerialLinkConfig linkConfig, SessionConfig config) {
        return new DeviceSession(path, JSerialCommLink.factory(linkConfig), linkConfig, config,
                Pacer.realTime(), System::nanoTime);
    }

    /**
     * @param path       configured path
     * @param factory    opens one connection per attempt
     * @param linkConfig reconnect pacing
     * @param config     protocol timing
     * @param pacer      waits between reconnect attempts
     * @param nanoClock  monotonic ns, for heartbeats and silence
     */
    public DeviceSession(String path, SerialLinkFactory factory, SerialLinkConfig linkConfig, SessionConfig config,
                         Pacer pacer, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.decoder = new FrameDecoder(new Dispatch());
        this.link = new ReconnectingLink(path, factory, linkConfig, pacer, new Connection());
    }

    /** @param l listener; add before {@link #start()} so that nothing is missed */
    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    /** Starts the reader thread (a daemon thread). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("session on " + link.path() + " already started");
        }
        thread = new Thread(this::run, "plm-serial " + link.path());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        byte[] buf = new byte[4096];
        while (!closed) {
            int n;
            try {
                n = link.read(buf, 0, buf.length);
            } catch (IOException e) {
                // ReconnectingLink turns losses into reopen attempts; anything else is retried too.
                n = 0;
            }
            if (n < 0) {
                break;
            }
            if (n > 0) {
                bytes.addAndGet(n);
                decoder.feed(buf, 0, n);
            }
            if (link.isConnected()) {
                long now = nanoClock.getAsLong();
                if (now - lastHeartbeatNanos >= TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs())) {
                    lastHeartbeatNanos = now;
                    trySend(new Message.Heartbeat(uptimeMs(now)));
                }
                if (now - lastFrameNanos > TimeUnit.MILLISECONDS.toNanos(config.silenceReconnectMs())) {
                    link.reconnect("no valid frame from " + link.path() + " for " + config.silenceReconnectMs() + " ms");
                }
            }
        }
    }

    private long uptimeMs(long now) {
        return ((now - startNanos) / 1_000_000L) & 0xFFFF_FFFFL;
    }

    /**
     * Sends one message to the device.
     *
     * @param m the message
     * @throws IOException when the link is down or the write failed
     */
    public void send(Message m) throws IOException {
        try {
            synchronized (encoder) {
                byte[] f = encoder.encode(m);
                link.write(f, 0, f.length);
            }
            sent.incrementAndGet();
        } catch (IOException e) {
            sendFailures.incrementAndGet();
            throw new IOException("could not send " + m.type() + " to " + link.path() + ": " + e.getMessage(), e);
        }
    }

    private void trySend(Message m) {
        try {
            send(m);
        } catch (IOException e) {
            // Counted; the reader notices a lost link on its own.
        }
    }

    /** @return what the session has seen so far */
    public LinkCounters counters() {
        return new LinkCounters(bytes.get(), frames.get(), rejCrc.get(), rejLen.get(), rejOther.get(), gaps.get(),
                lost.get(), connects.get(), disconnects.get(), sent.get(), sendFailures.get());
    }

    /** @return the device's latest IDENTIFY, if one arrived */
    public Optional<Identify> identity() {
        return Optional.ofNullable(identity);
    }

    /** @return true while the link is open */
    public boolean isConnected() {
        return link.isConnected();
    }

    /** @return the configured path */
    public String path() {
        return link.path();
    }

    /** Stops the reader (promptly, even while a read is blocked) and closes the link. */
    @Override
    public void close() {
        closed = true;
        link.close();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Dispatch implements FrameListener {
        @Override
        public void onMessage(int seq, Message message) {
            frames.incrementAndGet();
            lastFrameNanos = nanoClock.getAsLong();
            int missing = sequence.observe(seq);
            if (missing > 0) {
                gaps.incrementAndGet();
                lost.addAndGet(missing);
            }
            if (message instanceof Identify id) {
                identity = id;
            }
            for (SessionListener l : listeners) {
                l.onMessage(message);
            }
        }

        @Override
        public void onReject(RejectReason reason) {
            switch (reason) {
                case BAD_CRC -> rejCrc.incrementAndGet();
                case TOO_LONG, TOO_SHORT -> rejLen.incrementAndGet();
                default -> rejOther.incrementAndGet();
            }
        }
    }

    private final class Connection implements ConnectionListener {
        @Override
        public void onConnected(String path, long attempt) {
            connects.incrementAndGet();
            decoder.discardPartial();
            long now = nanoClock.getAsLong();
            lastFrameNanos = now;
            lastHeartbeatNanos = now;
            try {
                // A lone delimiter first ends whatever half frame the device saw before.
                link.write(new byte[]{0}, 0, 1);
            } catch (IOException e) {
                sendFailures.incrementAndGet();
            }
            trySend(new Hello((int) attempt, config.heartbeatIntervalMs()));
            for (SessionListener l : listeners) {
                l.onConnected(path, attempt);
            }
        }

        @Override
        public void onDisconnected(String path, Exception cause) {
            disconnects.incrementAndGet();
            for (SessionListener l : listeners) {
                l.onDisconnected(path, cause.getMessage());
            }
        }
    }
}
