package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.core.Leg;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The embedded local store (SQLite, WAL mode). {@code put*} calls never block on the disk: they
 * queue the item, and one writer thread commits everything queued in one transaction every
 * {@link StoreConfig#flushInterval()}. A commit that fails for lack of space keeps the items queued
 * (bounded, see {@link StoreConfig#maxQueuedItems()}), logs a clear error once, shows it in
 * {@link #health()}, and retries; the caller (detection) keeps running.
 *
 * <p>Thread-safe. Reads see what has been committed: call {@link #flush()} first to read your own
 * writes.
 */
public final class LocalStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalStore.class.getName());
    private static final int RETENTION_BATCH = 2000;
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);
    private static final long WAIT_SECONDS = 120;

    private final Path file;
    private final StoreConfig cfg;
    private final Clock clock;
    private final WriteQueue queue;
    private final SqlWriter writer;
    private final StoreReader reader;
    private final Thread thread;
    private final Object healthLock = new Object();
    private StoreState state = StoreState.OK;
    private String message = "";
    private Instant lastCommit;
    private long committed;
    private long rejected;
    private long outboxBacklog;
    private volatile boolean closed;

    private record Flush(CompletableFuture<Void> done) implements WriteQueue.Control {
    }

    private record Ack(long upToSeq) implements WriteQueue.Control {
    }

    private record Retain(CompletableFuture<Void> done) implements WriteQueue.Control {
    }

    private record DeleteAll(CompletableFuture<Void> done) implements WriteQueue.Control {
    }

    private record Close() implements WriteQueue.Control {
    }

    private LocalStore(Path file, StoreConfig cfg, Clock clock, SqlWriter writer, StoreReader reader, long backlog) {
        this.file = file;
        this.cfg = cfg;
        this.clock = clock;
        this.queue = new WriteQueue(cfg.maxQueuedItems());
        this.writer = writer;
        this.reader = reader;
        this.outboxBacklog = backlog;
        this.thread = new Thread(this::runWriter, "plm-store-writer");
        this.thread.setDaemon(true);
    }

    /**
     * Opens (creating if needed) the store and starts its writer thread.
     *
     * @param dbFile the SQLite database file; its directory is created if missing
     * @param cfg    settings
     * @param clock  clock for retention and health timestamps (UTC)
     * @return the open store
     * @throws StoreException naming the file when it cannot be opened or was written by a newer version
     */
    public static LocalStore open(Path dbFile, StoreConfig cfg, Clock clock) {
        Objects.requireNonNull(dbFile, "database file");
        Objects.requireNonNull(cfg, "store config");
        Objects.requireNonNull(clock, "clock");
        Connection w = null;
        Connection r = null;
        try {
            Path dir = dbFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            String url = "jdbc:sqlite:" + dbFile.toAbsolutePath();
            w = DriverManager.getConnection(url);
            Schema.configure(w, rawFile(dbFile));
            Schema.create(w);
            if (cfg.maxDatabaseBytes() > 0) {
                // The cap applies to each of the two files (items, raw signal).
                for (String schema : new String[] {"main", "raw"}) {
                    try (Statement s = w.createStatement(); var rs = s.executeQuery("PRAGMA " + schema + ".page_size")) {
                        long pageSize = rs.next() ? rs.getLong(1) : 4096;
                        s.execute("PRAGMA " + schema + ".max_page_count=" + Math.max(1, cfg.maxDatabaseBytes() / pageSize));
                    }
                }
            }
            r = DriverManager.getConnection(url);
            Schema.configure(r, rawFile(dbFile));
            SqlWriter writer = new SqlWriter(w, cfg.forwardingEnabled(), clock);
            StoreReader reader = new StoreReader(r);
            long backlog = reader.outboxBacklog();
            LocalStore store = new LocalStore(dbFile, cfg, clock, writer, reader, backlog);
            store.thread.start();
            return store;
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(w);
            closeQuietly(r);
            throw new StoreException("cannot open local store " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /** @param m a movement; replaces a stored one with the same (night, leg, onset ms, detector version) */
    public void putMovement(StoredMovement m) {
        put(m);
    }

    /** @param s a series; replaces one with the same (night, detector version, id) */
    public void putSeries(StoredSeries s) {
        put(s);
    }

    /** @param a one second of activity; replaces one with the same (night, leg, second) */
    public void putActivity(ActivitySecond a) {
        put(a);
    }

    /** @param e a device event; appended */
    public void putDeviceEvent(DeviceEvent e) {
        put(e);
    }

    /** @param a a cuff action; appended */
    public void putCuffAction(CuffAction a) {
        put(a);
    }

    /** @param n a night (open or closed); replaces the one with the same (night id, detector version) */
    public void putNight(NightRecord n) {
        put(n);
    }

    /** @param r a raw signal chunk; replaces one with the same (night, leg, start ms); kept locally only */
    public void putRawChunk(RawChunk r) {
        put(r);
    }

    private void put(Object item) {
        Objects.requireNonNull(item, "item to store");
        if (closed) {
            throw new IllegalStateException("local store " + file + " is closed: cannot store " + item);
        }
        queue.add(item);
    }

    /**
     * Commits everything queued so far and waits for it.
     *
     * @throws StoreException when the commit failed (e.g. disk full); the items stay queued and are retried
     */
    public void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new Flush(done));
        await(done, "flushing the local store");
    }

    /**
     * Runs retention now (deleting nights and raw signal past their retention) and waits for it.
     * Retention also runs by itself every {@link StoreConfig#retentionCheckInterval()}.
     */
    public void retainNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new Retain(done));
        await(done, "running retention");
    }

    /**
     * Deletes every stored item, raw chunk and outbox row (a patient's right to delete their data),
     * including anything still queued, then compacts the file so the deleted pages leave the disk.
     * Data already forwarded to InfluxDB is not touched here.
     */
    public void deleteAll() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new DeleteAll(done));
        await(done, "deleting all data");
    }

    /**
     * Acknowledges forwarded outbox rows: they are deleted on the writer's next cycle. Does not wait.
     *
     * @param upToSeq the highest acknowledged sequence number ({@link OutboxBatch#lastSeq()})
     */
    public void ackOutbox(long upToSeq) {
        control(new Ack(upToSeq));
    }

    /**
     * Reads the next outbox rows to forward, in their current stored state.
     *
     * @param afterSeq read rows with a sequence number above this (0 for the start)
     * @param max      at most this many rows, 1-100,000
     * @return the batch (empty when nothing is waiting)
     */
    public OutboxBatch outboxBatch(long afterSeq, int max) {
        if (max < 1 || max > 100_000) {
            throw new IllegalArgumentException("outbox batch size " + max + " is outside 1-100000");
        }
        return read("reading the outbox", () -> reader.outbox(afterSeq, max));
    }

    /** @return outbox rows not yet acknowledged (committed state) */
    public long outboxBacklog() {
        return read("counting the outbox", reader::outboxBacklog);
    }

    /** @return every stored night analysis, by night id then time of last update */
    public List<NightRecord> nights() {
        return read("listing nights", reader::nights);
    }

    /**
     * @param nightId night id
     * @return the night's movements as found by the detector version that analysed it last, by onset
     */
    public List<StoredMovement> movements(String nightId) {
        return read("reading movements of " + nightId, () -> {
            String det = reader.latestDetector(nightId);
            return det == null ? List.of() : reader.movements(nightId, det);
        });
    }

    /**
     * @param nightId         night id
     * @param detectorVersion the detector version whose analysis to read
     * @return that analysis's movements, by onset
     */
    public List<StoredMovement> movements(String nightId, String detectorVersion) {
        return read("reading movements of " + nightId, () -> reader.movements(nightId, detectorVersion));
    }

    /**
     * @param nightId         night id
     * @param detectorVersion the detector version whose analysis to read
     * @return that analysis's series, by id
     */
    public List<StoredSeries> series(String nightId, String detectorVersion) {
        return read("reading series of " + nightId, () -> reader.series(nightId, detectorVersion));
    }

    /**
     * @param nightId night id
     * @param leg     left or right
     * @return the leg's activity seconds, in time order
     */
    public List<ActivitySecond> activity(String nightId, Leg leg) {
        return read("reading activity of " + nightId, () -> reader.activity(nightId, leg));
    }

    /** @param nightId night id @return the night's device events in time order */
    public List<DeviceEvent> deviceEvents(String nightId) {
        return read("reading device events of " + nightId, () -> reader.deviceEvents(nightId));
    }

    /** @param nightId night id @return the night's cuff actions in time order */
    public List<CuffAction> cuffActions(String nightId) {
        return read("reading cuff actions of " + nightId, () -> reader.cuffActions(nightId));
    }

    /**
     * Streams a leg's raw signal of one night, chunk by chunk in time order (for export and re-analysis).
     *
     * @param nightId night id
     * @param leg     left or right
     * @param sink    receives each decoded chunk
     */
    public void rawChunks(String nightId, Leg leg, Consumer<RawChunk> sink) {
        read("reading raw signal of " + nightId + " " + leg.jsonName(), () -> {
            reader.rawChunks(nightId, leg, sink);
            return null;
        });
    }

    /**
     * @param nightId night id
     * @return raw signal stored for the night: chunks, compressed bytes, and counts (samples x axes)
     */
    public RawFootprint rawFootprint(String nightId) {
        long[] f = read("measuring raw signal of " + nightId, () -> reader.rawBytes(nightId));
        return new RawFootprint(f[0], f[1], f[2]);
    }

    /**
     * Raw signal footprint of one night.
     *
     * @param chunks          number of chunks
     * @param compressedBytes bytes of compressed sample data (excluding per-row overhead)
     * @param counts          number of 16-bit counts stored (samples x axes)
     */
    public record RawFootprint(long chunks, long compressedBytes, long counts) {
    }

    /** @return a snapshot of the store's health */
    public StoreHealth health() {
        Path raw = rawFile(file);
        long bytes = fileSize(file) + fileSize(Path.of(file + "-wal")) + fileSize(raw) + fileSize(Path.of(raw + "-wal"));
        synchronized (healthLock) {
            return new StoreHealth(closed ? StoreState.CLOSED : state, message, lastCommit, queue.size(), queue.droppedRaw(),
                    queue.droppedActivity(), rejected, committed, outboxBacklog, bytes);
        }
    }

    /** @return true when writes enqueue outbox rows for a forwarder ({@link StoreConfig#forwardingEnabled()}) */
    public boolean forwardingEnabled() {
        return cfg.forwardingEnabled();
    }

    /**
     * The raw signal lives in a second SQLite file beside the first, attached to the same
     * connections: its large rows want large pages (16 KiB: 2 KB chunks waste half of a 4 KiB page),
     * while the small, frequently rewritten rows of the main file want small ones (less written per commit).
     *
     * @param dbFile the main database file, e.g. {@code plm.db}
     * @return the raw signal file, e.g. {@code plm-raw.db}
     */
    public static Path rawFile(Path dbFile) {
        String name = dbFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String raw = dot > 0 ? name.substring(0, dot) + "-raw" + name.substring(dot) : name + "-raw";
        return dbFile.resolveSibling(raw);
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    /** Commits what is queued (if the disk allows), stops the writer and closes the database. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(new Close());
        try {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (reader) {
            try {
                reader.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "closing the local store's reader on " + file + " failed", e);
            }
        }
    }

    private void control(WriteQueue.Control op) {
        if (closed) {
            throw new IllegalStateException("local store " + file + " is closed");
        }
        queue.add(op);
    }

    private static void await(CompletableFuture<Void> done, String what) {
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof StoreException se) {
                throw new StoreException(se.getMessage(), se);
            }
            throw new StoreException(what + " failed: " + c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new StoreException(what + " did not finish within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + " was interrupted", e);
        }
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T read(String what, SqlCall<T> call) {
        synchronized (reader) {
            if (closed && !thread.isAlive()) {
                throw new IllegalStateException("local store " + file + " is closed: " + what);
            }
            try {
                return call.call();
            } catch (SQLException e) {
                throw new StoreException(what + " in " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    // ---- the writer thread ----

    private void runWriter() {
        long flushNanos = cfg.flushInterval().toNanos();
        long waitNanos = flushNanos;
        long nextRetentionMs = clock.millis();
        boolean running = true;
        while (running) {
            List<Object> batch;
            try {
                batch = queue.awaitBatch(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            List<Object> pending = new ArrayList<>();
            List<Object> held = new ArrayList<>();
            for (Object o : batch) {
                if (!(o instanceof WriteQueue.Control)) {
                    (held.isEmpty() ? pending : held).add(o);
                    continue;
                }
                if (o instanceof DeleteAll d) {
                    pending.clear();
                    held.clear();
                    runDeleteAll(d.done());
                    continue;
                }
                if (held.isEmpty()) {
                    commitOrHold(pending, held);
                }
                pending = new ArrayList<>();
                if (o instanceof Flush f) {
                    if (held.isEmpty()) {
                        f.done().complete(null);
                    } else {
                        f.done().completeExceptionally(new StoreException(currentMessage(), null));
                    }
                } else if (o instanceof Ack a) {
                    runAck(a.upToSeq());
                } else if (o instanceof Retain r) {
                    runRetention(true);
                    r.done().complete(null);
                } else if (o instanceof Close) {
                    running = false;
                }
            }
            if (held.isEmpty()) {
                commitOrHold(pending, held);
            }
            if (!held.isEmpty()) {
                if (!running) {
                    LOG.log(Level.ERROR, "local store " + file + ": " + held.size() + " queued items could not be written"
                            + " before closing: " + currentMessage());
                } else {
                    queue.requeueFront(held);
                }
                waitNanos = Math.min(MAX_RETRY.toNanos(), Math.max(flushNanos, waitNanos * 2));
            } else {
                waitNanos = flushNanos;
            }
            if (running && clock.millis() >= nextRetentionMs) {
                boolean more = runRetention(false);
                nextRetentionMs = more ? clock.millis() : clock.millis() + cfg.retentionCheckInterval().toMillis();
            }
        }
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the local store " + file + " failed", e);
        }
    }

    private void commitOrHold(List<Object> pending, List<Object> held) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            writer.commit(pending);
            committedOk(pending.size());
        } catch (SQLException e) {
            if (isSpaceOrIo(e)) {
                commitWithoutRaw(pending, held);
                fail(e);
            } else {
                commitOneByOne(pending, held);
            }
        } catch (RuntimeException e) {
            commitOneByOne(pending, held);
        }
    }

    /**
     * Out of space: the raw signal is the bulk and the first thing to give up, so try the rest
     * alone (movements, events, nights are small and must not starve behind raw chunks). Raw rows
     * are independent keyed rows, so writing them later than their neighbours changes nothing.
     */
    private void commitWithoutRaw(List<Object> pending, List<Object> held) {
        List<Object> raw = new ArrayList<>();
        List<Object> rest = new ArrayList<>();
        for (Object o : pending) {
            (o instanceof RawChunk ? raw : rest).add(o);
        }
        if (raw.isEmpty() || rest.isEmpty()) {
            held.addAll(pending);
            return;
        }
        try {
            writer.commit(rest);
            committedOk(rest.size());
            held.addAll(raw);
        } catch (SQLException | RuntimeException e) {
            held.addAll(pending);
        }
    }

    /** A batch failed for a reason other than space: write item by item so one bad item costs only itself. */
    private void commitOneByOne(List<Object> pending, List<Object> held) {
        for (int i = 0; i < pending.size(); i++) {
            Object item = pending.get(i);
            try {
                writer.commit(List.of(item));
                committedOk(1);
            } catch (SQLException e) {
                if (isSpaceOrIo(e)) {
                    held.addAll(pending.subList(i, pending.size()));
                    fail(e);
                    return;
                }
                reject(item, e);
            } catch (RuntimeException e) {
                reject(item, e);
            }
        }
    }

    private void reject(Object item, Exception e) {
        synchronized (healthLock) {
            rejected++;
        }
        LOG.log(Level.ERROR, "local store " + file + " refused " + item + ": " + e.getMessage(), e);
    }

    private void committedOk(int n) {
        long backlog = -1;
        if (cfg.forwardingEnabled()) {
            try {
                long[] range = writer.outboxRange();
                backlog = range[1] == 0 ? 0 : range[1] - range[0] + 1;
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "outbox size unknown", e);
            }
        }
        synchronized (healthLock) {
            if (state != StoreState.OK) {
                LOG.log(Level.INFO, "local store " + file + " is writing again after: " + message);
            }
            state = StoreState.OK;
            message = "";
            committed += n;
            lastCommit = clock.instant();
            if (backlog >= 0) {
                outboxBacklog = backlog;
            }
        }
    }

    private void fail(SQLException e) {
        boolean full = isFull(e);
        StoreState newState = full ? StoreState.DISK_FULL : StoreState.IO_ERROR;
        String msg = (full
                ? "disk full" + (cfg.maxDatabaseBytes() > 0 ? " or the database cap of " + cfg.maxDatabaseBytes() + " bytes reached" : "")
                : "I/O error") + " writing " + file + " (" + e.getMessage() + "); detection continues, unwritten items are held in memory"
                + " (bounded: oldest raw signal dropped first) and retried";
        synchronized (healthLock) {
            if (state != newState) {
                LOG.log(Level.ERROR, "local store: " + msg, e);
            }
            state = newState;
            message = msg;
        }
    }

    private String currentMessage() {
        synchronized (healthLock) {
            return message.isEmpty() ? "local store " + file + " could not commit" : message;
        }
    }

    private void runAck(long upToSeq) {
        try {
            writer.ackOutbox(upToSeq);
            long[] range = writer.outboxRange();
            synchronized (healthLock) {
                outboxBacklog = range[1] == 0 ? 0 : range[1] - range[0] + 1;
            }
        } catch (SQLException e) {
            // Not fatal: the rows are sent again later, and InfluxDB overwrites identical points.
            LOG.log(Level.WARNING, "local store " + file + ": deleting forwarded outbox rows failed: " + e.getMessage(), e);
        }
    }

    private void runDeleteAll(CompletableFuture<Void> done) {
        try {
            writer.deleteAll();
            synchronized (healthLock) {
                outboxBacklog = 0;
            }
            LOG.log(Level.INFO, "local store " + file + ": all data deleted on request");
            done.complete(null);
        } catch (SQLException e) {
            done.completeExceptionally(new StoreException("deleting all data in " + file + " failed: " + e.getMessage(), e));
        }
    }

    /** Deletes past-retention rows in small transactions; returns true when more remain (unless {@code all}). */
    private boolean runRetention(boolean all) {
        Instant now = clock.instant();
        String nightCut = LocalDate.ofInstant(now.minus(Duration.ofDays(cfg.retentionDays())), ZoneOffset.UTC).toString();
        String rawCut = LocalDate.ofInstant(now.minus(Duration.ofDays(cfg.rawRetentionDays())), ZoneOffset.UTC).toString();
        try {
            boolean more;
            do {
                more = false;
                for (String t : new String[] {"movements", "series", "activity", "device_events", "cuff_actions", "nights"}) {
                    more |= deleteBatch(t, nightCut);
                }
                more |= deleteBatch("raw.raw_chunks", rawCut);
            } while (all && more);
            return more;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "local store " + file + ": retention failed, retried later: " + e.getMessage(), e);
            return false;
        }
    }

    private boolean deleteBatch(String table, String beforeNight) throws SQLException {
        int n = writer.executeInTransaction("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE night_id < ? LIMIT " + RETENTION_BATCH + ")", beforeNight);
        return n == RETENTION_BATCH;
    }

    private static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == 13) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("SQLITE_FULL")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpaceOrIo(Throwable e) {
        if (isFull(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == 10) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("SQLITE_IOERR")) {
                return true;
            }
        }
        return false;
    }

    private static long fileSize(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing: the open error is the one to report
            }
        }
    }
}
