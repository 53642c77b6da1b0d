package org.plmmonitor.monitor.store;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The writer thread of a {@link LocalStore}: takes batches from the queue, commits them in one
 * transaction, holds them when the disk is full, runs controls and retention, and keeps the health
 * state the store reports.
 */
final class WriterLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(LocalStore.class.getName());
    private static final int RETENTION_BATCH = 2000;
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final Path file;
    private final StoreConfig cfg;
    private final Clock clock;
    private final WriteQueue queue;
    private final SqlWriter writer;
    private final Object healthLock = new Object();
    private StoreState state = StoreState.OK;
    private String message = "";
    private Instant lastCommit;
    private long committed;
    private long rejected;
    private long outboxBacklog;
    // Writer thread only:
    private long waitNanos;
    private long nextRetentionMs;

    WriterLoop(Path file, StoreConfig cfg, Clock clock, WriteQueue queue, SqlWriter writer, long outboxBacklog) {
        this.file = file;
        this.cfg = cfg;
        this.clock = clock;
        this.queue = queue;
        this.writer = writer;
        this.outboxBacklog = outboxBacklog;
    }

    StoreHealth health(boolean closed, long databaseBytes) {
        synchronized (healthLock) {
            return new StoreHealth(closed ? StoreState.CLOSED : state, message, lastCommit, queue.size(), queue.droppedRaw(),
                    queue.droppedActivity(), rejected, committed, outboxBacklog, databaseBytes);
        }
    }

    @Override
    public void run() {
        waitNanos = cfg.flushInterval().toNanos();
        nextRetentionMs = clock.millis();
        boolean running = true;
        while (running) {
            List<Object> batch;
            try {
                batch = queue.awaitBatch(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                running = writeCycle(batch);
            } catch (RuntimeException e) {
                // A bug must not silently stop all storage: report it and keep the writer alive.
                synchronized (healthLock) {
                    state = StoreState.IO_ERROR;
                    message = "local store writer failed unexpectedly: " + e;
                }
                LOG.log(Level.ERROR, "local store " + file + ": writer cycle failed; continuing", e);
                for (Object o : batch) {
                    if (o instanceof WriteOps.Flush f) {
                        f.done().completeExceptionally(e);
                    } else if (o instanceof WriteOps.Retain r) {
                        r.done().completeExceptionally(e);
                    } else if (o instanceof WriteOps.DeleteAll d) {
                        d.done().completeExceptionally(e);
                    } else if (o instanceof WriteOps.RecordTrial t) {
                        t.done().completeExceptionally(e);
                    } else if (o instanceof WriteOps.Close) {
                        running = false;
                    }
                }
            }
        }
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the local store " + file + " failed", e);
        }
    }

    /** One batch: writes, runs controls in order, retention when due; returns false after Close. */
    private boolean writeCycle(List<Object> batch) {
        long flushNanos = cfg.flushInterval().toNanos();
        boolean running = true;
        {
            List<Object> pending = new ArrayList<>();
            List<Object> held = new ArrayList<>();
            for (Object o : batch) {
                if (!(o instanceof WriteQueue.Control)) {
                    (held.isEmpty() ? pending : held).add(o);
                    continue;
                }
                if (o instanceof WriteOps.DeleteAll d) {
                    pending.clear();
                    held.clear();
                    runDeleteAll(d.done());
                    continue;
                }
                if (held.isEmpty()) {
                    commitOrHold(pending, held);
                }
                pending = new ArrayList<>();
                if (o instanceof WriteOps.Flush f) {
                    if (held.isEmpty()) {
                        f.done().complete(null);
                    } else {
                        f.done().completeExceptionally(new StoreException(currentMessage(), null));
                    }
                } else if (o instanceof WriteOps.Ack a) {
                    runAck(a.upToSeq());
                } else if (o instanceof WriteOps.Retain r) {
                    runRetention(true);
                    r.done().complete(null);
                } else if (o instanceof WriteOps.RecordTrial t) {
                    runRecordTrial(t);
                } else if (o instanceof WriteOps.Close) {
                    running = false;
                }
            }
            if (held.isEmpty()) {
                commitOrHold(pending, held);
            }
            if (!held.isEmpty() && !running) {
                // Closing: one last try for what waited behind a held batch (the night's last movements,
                // its record), which may fit beside the raw signal that does not.
                List<Object> last = new ArrayList<>(held);
                held.clear();
                commitOrHold(last, held);
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
                queue.written();
            }
            if (running && clock.millis() >= nextRetentionMs) {
                boolean more = runRetention(false);
                nextRetentionMs = more ? clock.millis() : clock.millis() + cfg.retentionCheckInterval().toMillis();
            }
        }
        return running;
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
            // Still full for the raw signal: not a recovery, so the state (and the log) stay as they are.
            counted(rest.size());
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
        synchronized (healthLock) {
            if (state != StoreState.OK) {
                LOG.log(Level.INFO, "local store " + file + " is writing again after: " + message + "; dropped meanwhile"
                        + " (since open): " + queue.droppedRaw() + " raw chunks, " + queue.droppedActivity() + " activity seconds");
            }
            state = StoreState.OK;
            message = "";
        }
        counted(n);
    }

    /** Counts a commit and refreshes the outbox backlog, leaving the state as it is. */
    private void counted(int n) {
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
                // One line: a stack trace tells nothing about a full disk, and the cause's words are in msg.
                LOG.log(Level.ERROR, "local store: " + msg);
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

    private void runRecordTrial(WriteOps.RecordTrial t) {
        try {
            writer.recordTrial(t.trial(), clock.millis());
            t.done().complete(null);
        } catch (SQLException e) {
            t.done().completeExceptionally(new StoreException("recording the cuff trial in " + file + " failed: "
                    + e.getMessage(), e));
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
                for (String t : new String[] {"movements", "series", "activity", "device_events", "cuff_actions", "cuff_sessions", "nights", "night_reports"}) {
                    more |= deleteBatch(t, nightCut);
                }
                more |= deleteBatch("raw.raw_chunks", rawCut);
                more |= trimOutbox();
            } while (all && more);
            return more;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "local store " + file + ": retention failed, retried later: " + e.getMessage(), e);
            return false;
        }
    }

    /** Drops the oldest outbox rows beyond the cap (InfluxDB unreachable for months); true when more remain. */
    private boolean trimOutbox() throws SQLException {
        long[] range = writer.outboxRange();
        long rows = range[1] == 0 ? 0 : range[1] - range[0] + 1;
        long excess = rows - cfg.maxOutboxRows();
        if (excess <= 0) {
            return false;
        }
        long upTo = range[0] + Math.min(excess, RETENTION_BATCH) - 1;
        int n = writer.executeInTransaction("DELETE FROM outbox WHERE seq <= ?", upTo);
        LOG.log(Level.WARNING, "local store " + file + ": outbox above its cap of " + cfg.maxOutboxRows() + " rows: the "
                + n + " oldest will not be forwarded to InfluxDB (still stored locally)");
        synchronized (healthLock) {
            outboxBacklog = Math.max(0, rows - n);
        }
        return excess > RETENTION_BATCH;
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
}
