package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.trial.TrialSchedule;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    private static final long WAIT_SECONDS = 120;

    private final Path file;
    private final StoreConfig cfg;
    private final WriteQueue queue;
    private final StoreReader reader;
    private final Thread thread;
    private final WriterLoop loop;
    private volatile boolean closed;

    private LocalStore(Path file, StoreConfig cfg, Clock clock, SqlWriter writer, StoreReader reader, long backlog) {
        this.file = file;
        this.cfg = cfg;
        this.queue = new WriteQueue(cfg.maxQueuedItems());
        this.reader = reader;
        this.loop = new WriterLoop(file, cfg, clock, queue, writer, backlog);
        this.thread = new Thread(loop, "plm-store-writer");
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

    /** @param s a cuff therapy session that ended (written again with the same night and start, it replaces) */
    public void putCuffSession(CuffSession s) {
        put(s);
    }

    /** @param r a closed night's JSON report (written again for the same night and detector version, it replaces) */
    public void putNightReport(NightReport r) {
        put(r);
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
        control(new WriteOps.Flush(done));
        await(done, "flushing the local store");
    }

    /**
     * Commits everything queued so far and waits for the attempt, without failing for lack of space:
     * a replay or simulation paces itself on its store with this, and a full store must not end it.
     *
     * @return true when everything queued was committed; false when the disk (or the database cap)
     *         refused it or an I/O error did: the items stay queued (bounded), are retried, and
     *         {@link #health()} says why
     * @throws StoreException when the wait failed for another reason (timeout, interrupt, a writer bug)
     */
    public boolean flushUnlessFull() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new WriteOps.Flush(done));
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException) {
                return false; // the writer held the batch: only space or I/O trouble does that
            }
            throw failure("flushing the local store", e);
        } catch (TimeoutException | InterruptedException e) {
            throw failure("flushing the local store", e);
        }
    }

    /**
     * Runs retention now (deleting nights and raw signal past their retention) and waits for it.
     * Retention also runs by itself every {@link StoreConfig#retentionCheckInterval()}.
     */
    public void retainNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new WriteOps.Retain(done));
        await(done, "running retention");
    }

    /**
     * Deletes every stored item, raw chunk and outbox row (a patient's right to delete their data),
     * including anything still queued, then compacts the file so the deleted pages leave the disk.
     * Data already forwarded to InfluxDB is not touched here.
     */
    public void deleteAll() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new WriteOps.DeleteAll(done));
        await(done, "deleting all data");
    }

    /**
     * Records the cuff's n-of-1 trial, replacing any recorded one, once everything queued before is committed; waits
     * for it. Whether a recorded trial may be replaced is the caller's decision ({@code TrialBook}).
     *
     * @param trial the schedule
     * @throws StoreException when it could not be written
     */
    public void recordTrial(TrialSchedule trial) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control(new WriteOps.RecordTrial(Objects.requireNonNull(trial, "trial"), done));
        await(done, "recording the cuff trial");
    }

    /** @return the recorded n-of-1 trial, or empty */
    public Optional<TrialSchedule> trial() {
        return read("reading the cuff trial", reader::trial);
    }

    /**
     * Acknowledges forwarded outbox rows: they are deleted on the writer's next cycle. Does not wait.
     *
     * @param upToSeq the highest acknowledged sequence number ({@link OutboxBatch#lastSeq()})
     */
    public void ackOutbox(long upToSeq) {
        control(new WriteOps.Ack(upToSeq));
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

    /**
     * @param nightId night id
     * @return the night's device events in time order
     */
    public List<DeviceEvent> deviceEvents(String nightId) {
        return read("reading device events of " + nightId, () -> reader.deviceEvents(nightId));
    }

    /**
     * @param nightId night id
     * @return the night's cuff actions in time order
     */
    public List<CuffAction> cuffActions(String nightId) {
        return read("reading cuff actions of " + nightId, () -> reader.cuffActions(nightId));
    }

    /**
     * @param nightId the night
     * @return its cuff therapy sessions, in start order (committed ones: {@link #flush()} first to read your own)
     */
    public List<CuffSession> cuffSessions(String nightId) {
        return read("reading cuff sessions of " + nightId, () -> reader.cuffSessions(nightId));
    }

    /**
     * @param nightId the night
     * @return its JSON reports as forwarded (one per detector version; committed ones: {@link #flush()} first to
     *         read your own)
     */
    public List<NightReport> nightReports(String nightId) {
        return read("reading night reports of " + nightId, () -> reader.nightReports(nightId));
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
     * The chunks of one leg that start in a span of time, in time order (a night replayed a piece at a time
     * keeps only that piece decoded).
     *
     * @param nightId night id
     * @param leg     left or right
     * @param fromMs  first start included, UTC epoch ms
     * @param toMs    first start excluded, UTC epoch ms
     * @param sink    receives each decoded chunk
     */
    public void rawChunks(String nightId, Leg leg, long fromMs, long toMs, Consumer<RawChunk> sink) {
        read("reading raw signal of " + nightId + " " + leg.jsonName(), () -> {
            reader.rawChunks(nightId, leg, fromMs, toMs, sink);
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
        return loop.health(closed, bytes);
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
        queue.add(new WriteOps.Close());
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
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw failure(what, e);
        }
    }

    /** The exception a failed wait for the writer becomes, saying what was being waited for. */
    private static StoreException failure(String what, Exception e) {
        if (e instanceof ExecutionException ee) {
            Throwable c = ee.getCause();
            if (c instanceof StoreException se) {
                return new StoreException(se.getMessage(), se);
            }
            return new StoreException(what + " failed: " + c.getMessage(), c);
        }
        if (e instanceof TimeoutException) {
            return new StoreException(what + " did not finish within " + WAIT_SECONDS + " s", e);
        }
        Thread.currentThread().interrupt();
        return new StoreException(what + " was interrupted", e);
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
