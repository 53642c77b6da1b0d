package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.diary.DiaryColumn;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The evening diary and the lab results in the store's {@code plm.db} (docs/storage.md, "The evening diary
 * and lab results"). Every save is synchronous and atomic, on a connection of its own, beside the daemon's
 * writer. An evening whose night has been analysed is sealed: a changed entry is then kept as a dated
 * amendment (the next revision) beside the original, never written over it.
 *
 * <p>Thread-safe (one connection, used by one call at a time).
 */
public final class DiaryStore implements AutoCloseable {
    private static final String FIELDS = DiaryTables.FIELD_COLUMNS;
    private final Path file;
    private final Connection c;
    private final Clock clock;

    private DiaryStore(Path file, Connection c, Clock clock) {
        this.file = file;
        this.c = c;
        this.clock = clock;
    }

    /**
     * Opens the diary of a store, creating the store's tables if the file is new.
     *
     * @param dbFile the store's database file ({@code plm.db})
     * @param clock  when saves are recorded (UTC)
     * @return the open diary
     * @throws StoreException naming the file when it cannot be opened or is from a newer version
     */
    public static DiaryStore open(Path dbFile, Clock clock) {
        Objects.requireNonNull(dbFile, "database file");
        Objects.requireNonNull(clock, "clock");
        Connection conn = null;
        try {
            Path dir = dbFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            SQLiteConfig cfg = new SQLiteConfig();
            // Take the write lock at BEGIN: the read-then-write of a save must not interleave with another writer.
            cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            conn = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath(), cfg.toProperties());
            Schema.configure(conn, LocalStore.rawFile(dbFile));
            Schema.create(conn);
            return new DiaryStore(dbFile, conn, clock);
        } catch (SQLException | IOException e) {
            if (conn != null) {
                try {
                    conn.close();
                } catch (SQLException ignored) {
                    // the open error is the one to report
                }
            }
            throw new StoreException("cannot open the diary in " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    /**
     * Saves one evening (sealing rules in the class comment).
     *
     * @param entry the evening's diary as it should now read
     * @return what was done
     */
    public synchronized DiarySave save(DiaryEntry entry) {
        return saveAll(List.of(entry)).get(0);
    }

    /**
     * Saves evenings in one transaction: all or none.
     *
     * @param entries evenings, at most one per date
     * @return what was done for each, in order
     * @throws IllegalArgumentException when two entries share a date (nothing saved)
     */
    public synchronized List<DiarySave> saveAll(List<DiaryEntry> entries) {
        if (entries.stream().map(DiaryEntry::date).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("two diary entries for the same evening in one save");
        }
        return transaction("saving " + entries.size() + " diary entries", () -> {
            List<DiarySave> out = new ArrayList<>();
            for (DiaryEntry e : entries) {
                out.add(saveOne(e));
            }
            return out;
        });
    }

    private DiarySave saveOne(DiaryEntry e) throws SQLException {
        String night = e.date().toString();
        List<DiaryRevision> revs = revisions(e.date());
        boolean analysed = analysed(night);
        long now = clock.millis();
        if (revs.isEmpty()) {
            insert(e, 0, now, analysed);
            return DiarySave.CREATED;
        }
        DiaryRevision latest = revs.get(revs.size() - 1);
        if (latest.entry().equals(e)) {
            return DiarySave.UNCHANGED;
        }
        boolean sealed = analysed || revs.size() > 1 || latest.afterAnalysis();
        if (sealed) {
            insert(e, latest.revision() + 1, now, analysed);
            return DiarySave.AMENDED;
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + DiaryTables.DIARY + " WHERE night_id = ? AND revision = 0")) {
            p.setString(1, night);
            p.executeUpdate();
        }
        insert(e, 0, now, false);
        return DiarySave.REPLACED;
    }

    private void insert(DiaryEntry e, int revision, long nowMs, boolean afterAnalysis) throws SQLException {
        List<DiaryColumn> cols = DiaryColumn.fields();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + DiaryTables.DIARY
                + " (night_id, revision, recorded_ms, after_analysis, " + FIELDS + ") VALUES (?, ?, ?, ?"
                + ", ?".repeat(cols.size()) + ")")) {
            p.setString(1, e.date().toString());
            p.setInt(2, revision);
            p.setLong(3, nowMs);
            p.setInt(4, afterAnalysis ? 1 : 0);
            for (int i = 0; i < cols.size(); i++) {
                p.setString(5 + i, cols.get(i).format(e));
            }
            p.executeUpdate();
        }
    }

    /**
     * @param date an evening
     * @return true when its night has been analysed (a closed night record): the entry is then sealed
     */
    public synchronized boolean sealed(LocalDate date) {
        return read("checking the night of " + date, () -> analysed(date.toString())
                || revisions(date).stream().anyMatch(r -> r.afterAnalysis() || r.amendment()));
    }

    /**
     * @param date an evening
     * @return its current diary (the latest revision), or empty when nothing was written
     */
    public synchronized Optional<DiaryRevision> current(LocalDate date) {
        List<DiaryRevision> h = history(date);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    /**
     * @param date an evening
     * @return every revision, oldest first (the original, then the dated amendments)
     */
    public synchronized List<DiaryRevision> history(LocalDate date) {
        return read("reading the diary of " + date, () -> revisions(date));
    }

    /**
     * @param from first evening, included
     * @param to   last evening, included
     * @return the current revision of each evening in the range, by date
     */
    public synchronized List<DiaryRevision> entries(LocalDate from, LocalDate to) {
        return read("reading the diary from " + from + " to " + to, () -> {
            List<DiaryRevision> out = new ArrayList<>();
            DiaryRevision pending = null;
            for (DiaryRevision r : query("WHERE night_id >= ? AND night_id <= ?", from.toString(), to.toString())) {
                if (pending != null && !pending.entry().date().equals(r.entry().date())) {
                    out.add(pending);
                }
                pending = r;
            }
            if (pending != null) {
                out.add(pending);
            }
            return out;
        });
    }

    /** @return the current revision of every evening, by date */
    public List<DiaryRevision> entries() {
        return entries(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31));
    }

    /**
     * Records one blood test; a test of the same date is replaced.
     *
     * @param r the result
     */
    public synchronized void saveLab(LabResult r) {
        saveLabs(List.of(r));
    }

    /**
     * Records blood tests in one transaction: all or none.
     *
     * @param results one per date
     */
    public synchronized void saveLabs(List<LabResult> results) {
        transaction("saving " + results.size() + " lab results", () -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + DiaryTables.LAB
                    + " (date, ferritin_ng_ml, tsat_pct, recorded_ms) VALUES (?, ?, ?, ?) ON CONFLICT (date) DO UPDATE SET"
                    + " ferritin_ng_ml = excluded.ferritin_ng_ml, tsat_pct = excluded.tsat_pct, recorded_ms = excluded.recorded_ms")) {
                for (LabResult r : results) {
                    p.setString(1, r.date().toString());
                    p.setObject(2, r.ferritinNgMl());
                    p.setObject(3, r.tsatPct());
                    p.setLong(4, clock.millis());
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * @param from first date, included
     * @param to   last date, included
     * @return the blood tests in the range, by date
     */
    public synchronized List<LabResult> labResults(LocalDate from, LocalDate to) {
        return read("reading lab results", () -> {
            List<LabResult> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT date, ferritin_ng_ml, tsat_pct FROM " + DiaryTables.LAB
                    + " WHERE date >= ? AND date <= ? ORDER BY date")) {
                p.setString(1, from.toString());
                p.setString(2, to.toString());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LabResult(LocalDate.parse(rs.getString(1)), nullableDouble(rs, 2), nullableDouble(rs, 3)));
                    }
                }
            }
            return out;
        });
    }

    /** @return every blood test, by date */
    public List<LabResult> labResults() {
        return labResults(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31));
    }

    private static Double nullableDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private boolean analysed(String night) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM nights WHERE night_id = ? AND end_ms IS NOT NULL LIMIT 1")) {
            p.setString(1, night);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<DiaryRevision> revisions(LocalDate date) throws SQLException {
        return query("WHERE night_id = ?", date.toString());
    }

    private List<DiaryRevision> query(String where, String... args) throws SQLException {
        List<DiaryColumn> cols = DiaryColumn.fields();
        List<DiaryRevision> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT night_id, revision, recorded_ms, after_analysis, " + FIELDS
                + " FROM " + DiaryTables.DIARY + " " + where + " ORDER BY night_id, revision")) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String night = rs.getString(1);
                    DiaryEntry.Builder b = DiaryEntry.builder(LocalDate.parse(night));
                    Map<DiaryColumn, String> cells = new EnumMap<>(DiaryColumn.class);
                    for (int i = 0; i < cols.size(); i++) {
                        cells.put(cols.get(i), rs.getString(5 + i));
                    }
                    DiaryEntry e;
                    try {
                        cells.forEach((col, cell) -> col.parse(cell, b));
                        e = b.build();
                    } catch (IllegalArgumentException ex) {
                        throw new SQLException("diary row of " + night + " revision " + rs.getInt(2) + " is damaged: "
                                + ex.getMessage(), ex);
                    }
                    out.add(new DiaryRevision(e, rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4) != 0));
                }
            }
        }
        return out;
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T read(String what, SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new StoreException(what + " in " + file + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T transaction(String what, SqlCall<T> call) {
        try {
            c.setAutoCommit(false);
            try {
                T t = call.call();
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " in " + file + " failed (nothing of it was stored): " + e.getMessage(), e);
        }
    }

    /** Closes the diary's connection (the store's other connections are not affected). */
    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreException("closing the diary of " + file + " failed: " + e.getMessage(), e);
        }
    }
}
