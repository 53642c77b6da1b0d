package org.plmmonitor.monitor.influx;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.OutboxBatch;
import org.plmmonitor.monitor.store.OutboxEntry;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains the local store's outbox into InfluxDB. Each cycle reads up to
 * {@link InfluxConfig#batchSize()} rows, writes them as one batch (precision ms, the items' own
 * timestamps), and acknowledges them only after the server accepted the write. While the server
 * is unreachable or failing it waits with capped exponential backoff; nothing is lost, because the
 * rows stay in the outbox on disk, also across restarts. A batch resent after a crash between write
 * and acknowledgement overwrites the identical points: every point ends up present exactly once.
 *
 * <p>Malformed points the server refuses for good (field type conflict, beyond its retention
 * policy, unparsable) are acknowledged, counted in {@link ForwarderHealth#pointsRejected()} and
 * logged, so that one bad point cannot stall the outbox. Authentication and "database not found"
 * errors are retried: fixing the server's configuration lets the backlog through.
 */
public final class InfluxForwarder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InfluxForwarder.class.getName());

    private final LocalStore store;
    private final InfluxConfig cfg;
    private final Clock clock;
    private final ForwarderScheduler scheduler;
    private final boolean ownsScheduler;
    private final InfluxDB influx;
    private final InfluxPoints points;
    private final Backoff backoff;
    /** CREATE DATABASE was refused for lack of admin rights: the database must already exist. */
    private volatile boolean createRefused;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition cycleDone = lock.newCondition();
    private final Object cycleLock = new Object();

    // Mutated on the scheduler's thread only; read under lock for health.
    private long sentUpTo;
    private boolean databaseReady;
    private ForwarderState state = ForwarderState.STARTING;
    private Instant lastSuccess;
    private long written;
    private long rejected;
    private int failures;
    private Duration nextRetry = Duration.ZERO;
    private String lastError = "";
    private long cyclesStarted;
    private long lastIdleCycle;
    private volatile boolean closed;

    private InfluxForwarder(LocalStore store, InfluxConfig cfg, Clock clock, ForwarderScheduler scheduler, boolean owns) {
        this.store = store;
        this.cfg = cfg;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownsScheduler = owns;
        this.influx = InfluxClients.connect(cfg);
        this.points = new InfluxPoints(cfg.patientId(), cfg.deviceId());
        this.backoff = new Backoff(cfg.initialBackoff(), cfg.maxBackoff());
    }

    /**
     * Starts forwarding on a thread of its own.
     *
     * @param store the local store, opened with {@link org.plmmonitor.monitor.store.StoreConfig#forwardingEnabled()}
     * @param cfg   where to forward
     * @param clock clock for health timestamps
     * @return the running forwarder
     * @throws IllegalArgumentException when the store keeps no outbox
     */
    public static InfluxForwarder start(LocalStore store, InfluxConfig cfg, Clock clock) {
        return start(store, cfg, clock, ForwarderScheduler.singleThread(), true);
    }

    /**
     * Starts forwarding on the given scheduler (which the caller closes).
     *
     * @param store     the local store, opened with forwarding enabled
     * @param cfg       where to forward
     * @param clock     clock for health timestamps
     * @param scheduler runs the cycles
     * @return the running forwarder
     * @throws IllegalArgumentException when the store keeps no outbox
     */
    public static InfluxForwarder start(LocalStore store, InfluxConfig cfg, Clock clock, ForwarderScheduler scheduler) {
        return start(store, cfg, clock, scheduler, false);
    }

    private static InfluxForwarder start(LocalStore store, InfluxConfig cfg, Clock clock, ForwarderScheduler scheduler,
                                         boolean owns) {
        Objects.requireNonNull(store, "local store");
        Objects.requireNonNull(cfg, "InfluxDB config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        if (!store.forwardingEnabled()) {
            throw new IllegalArgumentException("local store " + store.file()
                    + " was opened without forwarding: it keeps no outbox for InfluxDB (StoreConfig.forwardingEnabled)");
        }
        InfluxForwarder f = new InfluxForwarder(store, cfg, clock, scheduler, owns);
        LOG.log(Level.INFO, "forwarding " + store.file() + " to " + cfg.url() + " database " + cfg.database());
        scheduler.schedule(f::cycle, Duration.ZERO);
        return f;
    }

    /** One attempt; always schedules the next. Holds {@link #cycleLock} so that deletion never races a write. */
    private void cycle() {
        synchronized (cycleLock) {
            cycleLocked();
        }
    }

    private void cycleLocked() {
        if (closed) {
            return;
        }
        long cycle;
        lock.lock();
        try {
            cycle = ++cyclesStarted;
        } finally {
            lock.unlock();
        }
        Duration next;
        int batchPoints = 0;
        long batchLast = 0;
        try {
            if (cfg.createDatabase() && !databaseReady) {
                createDatabase();
                databaseReady = true;
            }
            OutboxBatch batch = store.outboxBatch(sentUpTo, cfg.batchSize());
            if (batch.isEmpty()) {
                succeeded(cycle, 0, true);
                next = cfg.pollInterval();
            } else {
                batchPoints = batch.entries().size();
                batchLast = batch.lastSeq();
                if (batchPoints > 0) {
                    influx.write(toBatch(batch));
                }
                sentUpTo = batch.lastSeq();
                store.ackOutbox(sentUpTo);
                succeeded(cycle, batchPoints, false);
                next = Duration.ZERO;
            }
        } catch (InfluxDBException e) {
            if (isMalformed(e)) {
                next = rejectedBatch(batchPoints, batchLast, e);
            } else {
                next = failed(explained(e));
            }
        } catch (RuntimeException e) {
            next = failed(e);
        }
        if (!closed) {
            scheduler.schedule(this::cycle, next);
        }
    }

    private BatchPoints toBatch(OutboxBatch batch) {
        BatchPoints.Builder b = BatchPoints.database(cfg.database()).precision(TimeUnit.MILLISECONDS);
        if (!cfg.retentionPolicy().isEmpty()) {
            b.retentionPolicy(cfg.retentionPolicy());
        }
        for (OutboxEntry e : batch.entries()) {
            points.toPoints(e.item()).forEach(b::point);
        }
        return b.build();
    }

    private void createDatabase() {
        String error;
        try {
            QueryResult r = influx.query(new Query("CREATE DATABASE \"" + cfg.database() + "\""));
            error = r.hasError() ? r.getError() : null;
        } catch (InfluxDBException e) {
            if (!String.valueOf(e.getMessage()).contains("requires admin privilege")) {
                throw e;
            }
            error = e.getMessage();
        }
        if (error != null) {
            if (error.contains("requires admin privilege")) {
                // A clinic's server gives each Pi a writer account: the database is the server's to create.
                // Go on and write; a missing database is then reported by the write, with what to do.
                createRefused = true;
                LOG.log(Level.INFO, "InfluxDB " + cfg.url() + ": this user may not create databases (no admin "
                        + "privilege); writing into the existing database " + cfg.database());
                return;
            }
            throw new InfluxDBException("creating database " + cfg.database() + " failed: " + error);
        }
    }

    /** Says what to do when a writer without admin rights meets a database that does not exist. */
    private RuntimeException explained(InfluxDBException e) {
        String m = String.valueOf(e.getMessage());
        if (createRefused && m.contains("database not found")) {
            return new InfluxDBException("database " + cfg.database() + " does not exist on " + cfg.url()
                    + " and this user may not create it (requires admin privilege): ask the server's administrator to "
                    + "CREATE DATABASE " + cfg.database() + " and GRANT WRITE on it (" + m + ")", e);
        }
        return e;
    }

    private static boolean isMalformed(InfluxDBException e) {
        return e instanceof InfluxDBException.FieldTypeConflictException
                || e instanceof InfluxDBException.PointsBeyondRetentionPolicyException
                || e instanceof InfluxDBException.UnableToParseException;
    }

    private void succeeded(long cycle, int n, boolean idle) {
        lock.lock();
        try {
            if (failures > 0) {
                LOG.log(Level.INFO, "InfluxDB " + cfg.url() + " reachable again after " + failures + " failed attempts");
            }
            failures = 0;
            nextRetry = Duration.ZERO;
            // lastError stays: the last failure remains visible on the status page after recovery.
            written += n;
            if (n > 0 || lastSuccess == null) {
                lastSuccess = clock.instant();
            }
            state = idle ? ForwarderState.IDLE : ForwarderState.FORWARDING;
            if (idle) {
                lastIdleCycle = cycle;
            }
            cycleDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Duration rejectedBatch(int n, long lastSeq, InfluxDBException e) {
        // InfluxDB 1.x writes the valid points of a batch and names the first bad one ("partial write"):
        // acknowledging the batch loses at most the refused points, which the local store still holds.
        LOG.log(Level.ERROR, "InfluxDB " + cfg.url() + " refused points of a batch of " + n + " for good ("
                + scrub(e.getMessage()) + "); acknowledged without retry; the local store keeps them");
        if (lastSeq > 0) {
            sentUpTo = lastSeq;
            store.ackOutbox(sentUpTo);
        }
        lock.lock();
        try {
            rejected += n;
            lastError = scrub(e.getMessage());
            cycleDone.signalAll();
        } finally {
            lock.unlock();
        }
        return Duration.ZERO;
    }

    private Duration failed(RuntimeException e) {
        lock.lock();
        try {
            failures++;
            nextRetry = backoff.delayAfter(failures);
            state = ForwarderState.BACKING_OFF;
            lastError = scrub(String.valueOf(e.getMessage()));
            if (failures == 1 || Integer.bitCount(failures) == 1) { // 1st, 2nd, 4th, 8th...: not every retry
                LOG.log(Level.WARNING, "forwarding to InfluxDB " + cfg.url() + " failed (attempt " + failures + ", next in "
                        + nextRetry + "); data stays in the local store: " + lastError);
            }
            cycleDone.signalAll();
            return nextRetry;
        } finally {
            lock.unlock();
        }
    }

    /** Never let a password reach a log line or a health page, whatever a library put in a message. */
    private String scrub(String msg) {
        if (msg == null) {
            return "";
        }
        return cfg.password().isEmpty() ? msg : msg.replace(cfg.password(), "***");
    }

    /**
     * @return a snapshot of the forwarder's health; while it runs, the backlog as of the store's last
     *         commit (cheap, for the status every few seconds); once closed, the exact count of outbox
     *         rows in the store (for the status written at stop, which must not be stale)
     */
    public ForwarderHealth health() {
        long backlog = closed ? store.outboxBacklog() : store.health().outboxBacklog();
        lock.lock();
        try {
            return new ForwarderHealth(closed ? ForwarderState.STOPPED : state, lastSuccess, backlog, written, rejected,
                    failures, nextRetry, lastError);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a cycle that starts after this call finds the outbox empty (call
     * {@link LocalStore#flush()} first so that queued items are in the outbox). For an orderly shutdown.
     *
     * @param timeout longest wait
     * @return true when drained, false on timeout
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = cyclesStarted + 1;
            while (lastIdleCycle < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                cycleDone.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes all of this patient's data, locally and on the server (a patient's right to delete):
     * between two forwarding cycles, so no batch in flight can bring points back, it empties the
     * local store ({@link LocalStore#deleteAll()}, outbox included), then drops every series tagged
     * with this {@code patient} from every measurement of the schema.
     *
     * @throws InfluxDBException when the server cannot be reached: the local data is gone, the
     *                           server's is not; call again once it is reachable
     */
    public void deleteAllData() {
        synchronized (cycleLock) {
            store.deleteAll();
            String from = String.join(", ", InfluxPoints.MOVEMENT, InfluxPoints.SERIES, InfluxPoints.ACTIVITY,
                    InfluxPoints.DEVICE_HEALTH, InfluxPoints.CUFF_ACTION, InfluxPoints.CUFF_SESSION, InfluxPoints.NIGHT,
                    InfluxPoints.REPORT);
            // patientId is validated to [A-Za-z0-9_-]: safe inside the quotes.
            QueryResult r = influx.query(new Query("DROP SERIES FROM " + from + " WHERE patient = '" + cfg.patientId() + "'",
                    cfg.database()));
            if (r.hasError() || r.getResults() != null && !r.getResults().isEmpty() && r.getResults().get(0).hasError()) {
                throw new InfluxDBException("dropping patient " + cfg.patientId() + "'s series from " + cfg.database() + " failed: "
                        + (r.hasError() ? r.getError() : r.getResults().get(0).getError()));
            }
            LOG.log(Level.INFO, "all data of patient " + cfg.patientId() + " deleted locally and from InfluxDB " + cfg.url());
        }
    }

    /** Stops forwarding (rows not yet written stay in the outbox for next time) and closes the client. */
    @Override
    public void close() {
        closed = true;
        if (ownsScheduler) {
            scheduler.close();
        }
        lock.lock();
        try {
            cycleDone.signalAll();
        } finally {
            lock.unlock();
        }
        influx.close();
    }
}
