package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.protocol.CuffFault;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.serial.CommandResult;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.SerialCuffClient;
import org.plmmonitor.bridge.serial.SessionListener;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.DeviceEventKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Connects to the configured compression-cuff controller and watches it; it sends INFLATE and VENT only as a
 * therapy policy decides ({@link CuffTherapist}). On every
 * (re)connection it sends the host's limits (SET_LIMITS with {@code cuff.max_pressure_mmhg} and
 * {@code cuff.max_inflation_s}), so that the controller's runtime limits are at most the configured ones;
 * the controller's compiled limits, watchdog and normally-open vent stay the last line of safety
 * (PROTOCOL.md section 9). The session's host heartbeat runs for as long as this is open, which keeps the
 * controller's watchdog fed.
 *
 * <p>The {@link CuffLink} is a serial device (its own {@link DeviceSession}, or the session of the sensor
 * board on the same device, so that the port is opened once), or an in-process controller over an in-memory
 * link; the daemon's {@link CuffLinkOpener} opens it. Session callbacks arrive on the session's reader thread; what the daemon must
 * store is queued as {@link Note}s for its processing thread ({@link #drain()}), which alone touches the
 * store and knows the night and the clock mapping.
 */
final class CuffMonitor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CuffMonitor.class.getName());
    /** The {@code device} of the cuff's device events. */
    static final String DEVICE = "cuff";
    /**
     * How long one SET_LIMITS waits for its answer, ms: the controller answers within 100 ms
     * (PROTOCOL.md 7.5) and a host may resend after 500 ms.
     */
    static final long LIMITS_ANSWER_MS = 500;
    /** SET_LIMITS tries per connection before the controller counts as not answering (PROTOCOL.md 7.5). */
    static final int LIMITS_TRIES = 3;
    /** Bound on queued notes, should the processing thread stall: newer notes push out the oldest. */
    private static final int MAX_NOTES = 1000;

    private final CuffConfig cfg;
    private final CuffLink cuffLink;
    /** The link's name, for messages. */
    private final String link;
    private final DeviceSession session;
    private final SerialCuffClient client;
    private final Clock wall;
    private final LongSupplier nanos;
    private final List<Note> notes = new ArrayList<>();
    /** The telemetry's pressures, for the night pipeline (the cuff as a movement sensor). */
    private final CuffPressureFeed pressure = new CuffPressureFeed();
    /** Sends the policy's commands, one at a time, off the processing thread. */
    private final java.util.concurrent.ExecutorService sender;

    // Guarded by this: written on the session's reader thread, read by the processing thread.
    private CuffLinkState state = CuffLinkState.CONNECTING;
    private boolean connected;
    private boolean closed;
    private int generation;
    private boolean limitsAcknowledged;
    private Double pressureMmHg;
    /** The latest telemetry's state on this connection; null before it. */
    private Message.CuffState controllerState;
    private Instant lastTelemetry;
    private int flags;

    /** Something the daemon stores, stamped when it happened. */
    sealed interface Item permits Note, Vent {
        /** @return the daemon's monotonic clock then, ns */
        long nanos();

        /** @return the wall clock then */
        Instant wall();
    }

    /**
     * A device event to store, stamped when it happened.
     *
     * @param nanos   the daemon's monotonic clock then, ns
     * @param wall    the wall clock then
     * @param kind    what happened
     * @param detail  for people
     */
    record Note(long nanos, Instant wall, DeviceEventKind kind, String detail) implements Item {
    }

    /**
     * A VENT sent at stop.
     *
     * @param nanos   the daemon's monotonic clock when it was sent, ns
     * @param wall    the wall clock then
     * @param outcome the controller's answer
     */
    record Vent(long nanos, Instant wall, CuffOutcome outcome) implements Item {
    }

    /**
     * Opens (but does not start) the monitor on a link.
     *
     * @param cfg   the cuff's config (host limits)
     * @param link  the link to the controller ({@link CuffLinkOpener})
     * @param wall  the wall clock, for status times
     * @param nanos the daemon's monotonic clock, ns, for stamping events
     */
    CuffMonitor(CuffConfig cfg, CuffLink link, Clock wall, LongSupplier nanos) {
        this.cfg = cfg;
        this.cuffLink = link;
        this.link = link.name();
        this.session = link.session();
        this.wall = wall;
        this.nanos = nanos;
        // Both listeners go on before the session starts, so that the first connection is seen.
        this.client = new SerialCuffClient(session);
        this.sender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plm-cuff-send " + this.link);
            t.setDaemon(true);
            return t;
        });
        session.addListener(new Listener());
    }

    /** @return the link's name (a device path, or {@code simulator}), as reports name the cuff */
    String link() {
        return link;
    }

    /** @return the telemetry's pressures, stamped by the controller, for the night pipeline */
    CuffPressureFeed pressure() {
        return pressure;
    }

    /** Starts the link (and an in-process controller); the session then reconnects by itself. */
    void start() {
        cuffLink.start();
    }

    /** @return what status shows now */
    synchronized DaemonStatus.CuffStatus status() {
        return new DaemonStatus.CuffStatus(state, link, pressureMmHg, cfg.maxPressureMmHg(), lastTelemetry,
                CuffFault.of(flags), limitsAcknowledged, TherapyStatus.configured(cfg.therapy()));
    }

    /**
     * What a therapy policy needs of the controller now.
     *
     * @param connected    whether the link is up
     * @param connection   how many connections the link has made (a change means it was lost in between)
     * @param state        the controller's state from its latest telemetry on this connection, or empty before it
     * @param flags        the latest telemetry's fault flags (PROTOCOL.md 7.4)
     * @param pressureMmHg the latest telemetry's pressure, mmHg (0 before any)
     */
    record Snapshot(boolean connected, int connection, Optional<Message.CuffState> state, int flags,
                    double pressureMmHg) {
    }

    /** @return what the controller last reported, and whether the link is up */
    synchronized Snapshot snapshot() {
        return new Snapshot(connected, generation, Optional.ofNullable(controllerState), flags,
                pressureMmHg == null ? 0 : pressureMmHg);
    }

    /**
     * Sends INFLATE; the answer (or a failure) completes the result, within {@link #LIMITS_ANSWER_MS}.
     *
     * @param targetMmHg target, mmHg, above 0
     * @param holdS      hold time, s, above 0
     * @return the controller's answer; completes exceptionally on no answer in time or a failed send
     */
    CompletableFuture<CommandResult> inflate(double targetMmHg, double holdS) {
        return send(() -> client.inflate(targetMmHg, holdS));
    }

    /** @return the controller's answer to VENT; completes exceptionally on no answer in time or a failed send */
    CompletableFuture<CommandResult> vent() {
        return send(client::vent);
    }

    /**
     * Sends on the sender thread, in order: a write into a stalled port may block up to the link's write
     * timeout, and the daemon's processing thread must not wait on it.
     */
    private CompletableFuture<CommandResult> send(java.util.function.Supplier<CompletableFuture<CommandResult>> c) {
        try {
            return CompletableFuture.supplyAsync(c, sender).thenCompose(x -> x)
                    .orTimeout(LIMITS_ANSWER_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the cuff monitor on " + link + " is closed", e));
        }
    }

    /** @return the notes queued since the last call, oldest first */
    synchronized List<Note> drain() {
        List<Note> out = List.copyOf(notes);
        notes.clear();
        return out;
    }

    /**
     * Sends VENT when the controller last reported air in the cuff (inflating, holding, venting) and waits
     * for its answer at most {@code wait}. Not in FAULT: the vent is open there already, and a VENT on an
     * empty cuff would clear the latch that a person should see. Not when disconnected: nothing can be sent,
     * and the controller's own watchdog vents once the host is quiet.
     *
     * @param wait longest wait for the answer (at most 1 s at stop)
     * @return what was sent and how it ended, or empty when nothing was sent
     */
    Optional<Vent> ventIfInflated(Duration wait) {
        synchronized (this) {
            if (!connected || !state.inflated()) {
                return Optional.empty();
            }
        }
        long sentNanos = nanos.getAsLong();
        Instant sentWall = wall.instant();
        CuffOutcome outcome;
        // Sent from a thread of its own: a write into a stalled port may block up to the link's write
        // timeout, and the whole stop must stay within the wait.
        CompletableFuture<CommandResult> f = CompletableFuture.supplyAsync(client::vent, r -> {
            Thread t = new Thread(r, "plm-cuff-vent " + link);
            t.setDaemon(true);
            t.start();
        }).thenCompose(x -> x);
        try {
            CommandResult r = f.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            outcome = r.accepted() ? CuffOutcome.DONE : CuffOutcome.REFUSED;
            if (!r.accepted()) {
                LOG.log(System.Logger.Level.WARNING, "cuff on " + link + " refused VENT at stop: " + r.reason());
            }
        } catch (TimeoutException e) {
            outcome = CuffOutcome.TIMEOUT;
            LOG.log(System.Logger.Level.WARNING, "cuff on " + link + " did not answer VENT at stop within "
                    + wait.toMillis() + " ms; its watchdog vents once the host is quiet");
        } catch (ExecutionException e) {
            outcome = CuffOutcome.FAILED;
            LOG.log(System.Logger.Level.WARNING, "VENT at stop not sent to the cuff on " + link + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = CuffOutcome.FAILED;
        }
        return Optional.of(new Vent(sentNanos, sentWall, outcome));
    }

    /** Closes the link (a shared board's session stays with the board) and an in-process controller. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (connected) {
                // Closing the session is not a loss the session reports: say so here.
                note(DeviceEventKind.DISCONNECTED, "link to " + link + " closed: the daemon is stopping");
            }
            connected = false;
            limitsAcknowledged = false;
            state = CuffLinkState.DISCONNECTED;
        }
        sender.shutdown();
        cuffLink.close();
    }

    /** Holding this's lock. */
    private void note(DeviceEventKind kind, String detail) {
        if (notes.size() >= MAX_NOTES) {
            notes.remove(0);
        }
        notes.add(new Note(nanos.getAsLong(), wall.instant(), kind, detail));
    }

    private void sendLimits(int gen, int attempt) {
        int ceiling = cfg.maxPressureMmHg();
        int maxS = (int) cfg.maxInflation().toSeconds();
        client.setLimits(ceiling, maxS)
                .orTimeout(LIMITS_ANSWER_MS, TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> limitsAnswered(gen, attempt, r, e));
    }

    private void limitsAnswered(int gen, int attempt, CommandResult r, Throwable e) {
        String limits = String.format(Locale.ROOT, "SET_LIMITS %d mmHg, %d s", cfg.maxPressureMmHg(),
                cfg.maxInflation().toSeconds());
        boolean retry = false;
        synchronized (this) {
            if (closed || gen != generation || !connected) {
                return; // an answer for a connection that is gone: the next connection sends its own
            }
            if (r != null && r.accepted()) {
                limitsAcknowledged = true;
                LOG.log(System.Logger.Level.INFO, "cuff on " + link + " acknowledged " + limits);
            } else if (r != null) {
                limitsAcknowledged = false;
                String compiled = session.identity().filter(id -> (id.roles() & Identify.ROLE_CUFF) != 0)
                        .map(id -> String.format(Locale.ROOT, " (its compiled limits: %.1f mmHg, %d s)",
                                id.ceilingDeciMmHg() / 10.0, id.maxInflationS())).orElse("");
                String msg = limits + " refused: " + r.reason() + compiled;
                LOG.log(System.Logger.Level.WARNING, "cuff on " + link + ": " + msg);
                note(DeviceEventKind.LIMITS_REFUSED, msg);
            } else if (attempt < LIMITS_TRIES) {
                retry = true;
            } else {
                limitsAcknowledged = false;
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                String why = cause instanceof TimeoutException ? "no answer within " + LIMITS_ANSWER_MS + " ms"
                        : String.valueOf(cause.getMessage());
                String msg = limits + " not acknowledged after " + LIMITS_TRIES + " tries: " + why;
                LOG.log(System.Logger.Level.WARNING, "cuff on " + link + ": " + msg);
                note(DeviceEventKind.LIMITS_REFUSED, msg);
            }
        }
        if (retry) {
            // SET_LIMITS is idempotent, so a new command (new id) is as good as a resend.
            sendLimits(gen, attempt + 1);
        }
    }

    private final class Listener implements SessionListener {
        @Override
        public void onConnected(String path, long attempt) {
            int gen;
            synchronized (CuffMonitor.this) {
                if (closed) {
                    return;
                }
                connected = true;
                limitsAcknowledged = false;
                state = CuffLinkState.CONNECTING; // until this connection's first telemetry
                controllerState = null;
                gen = ++generation;
                note(DeviceEventKind.CONNECTED, "connected to " + link + (attempt > 1 ? " (connection " + attempt + ")" : ""));
            }
            LOG.log(System.Logger.Level.INFO, "cuff controller on " + link + " connected; sending its limits");
            sendLimits(gen, 1);
        }

        @Override
        public void onDisconnected(String path, String reason) {
            synchronized (CuffMonitor.this) {
                if (closed) {
                    return;
                }
                connected = false;
                limitsAcknowledged = false;
                state = CuffLinkState.DISCONNECTED;
                controllerState = null;
                note(DeviceEventKind.DISCONNECTED, "lost " + link + ": " + reason);
            }
            LOG.log(System.Logger.Level.WARNING, "cuff controller on " + link + " lost: " + reason + "; reopening");
        }

        @Override
        public void onMessage(Message m) {
            if (m instanceof CuffTelemetry t) {
                telemetry(t);
            } else if (m instanceof ErrorReport e) {
                // Telemetry flags are what the daemon records (once per appearance); reports only go to the log.
                LOG.log(System.Logger.Level.WARNING, "cuff controller on " + link + " reports " + e.code() + " ("
                        + e.detail() + "): " + e.text());
            }
        }

        private void telemetry(CuffTelemetry t) {
            synchronized (CuffMonitor.this) {
                if (closed) {
                    return;
                }
                state = CuffLinkState.of(t.state());
                controllerState = t.state();
                pressureMmHg = t.pressureMmHg();
                pressure.add(t.deviceMs(), nanos.getAsLong(), t.pressureMmHg());
                lastTelemetry = wall.instant();
                // A flag is a new fault when its bit was clear in the previous telemetry: the flags stay
                // set over many frames (and over a reconnection), and each appearance is one event.
                int appeared = t.flags() & ~flags;
                flags = t.flags();
                for (CuffFault f : CuffFault.of(appeared)) {
                    note(DeviceEventKind.FAULT, String.format(Locale.ROOT, "%s (controller %s at %.1f mmHg)",
                            f.word(), state.word(), t.pressureMmHg()));
                }
            }
        }
    }
}
