package org.plmmonitor.monitor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database layout. Every table has an integer row id (the outbox points at it) and a unique
 * key that makes writes upserts; see docs/storage.md.
 */
final class Schema {
    static final int VERSION = 1;

    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS nights (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, detector_version TEXT NOT NULL,"
                + " start_ms INTEGER NOT NULL, end_ms INTEGER, time_zone TEXT NOT NULL, analysable_s REAL NOT NULL,"
                + " wear_s REAL NOT NULL, software_version TEXT NOT NULL, standard TEXT NOT NULL, updated_ms INTEGER NOT NULL,"
                + " UNIQUE (night_id, detector_version))",
        "CREATE TABLE IF NOT EXISTS movements (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, leg TEXT NOT NULL,"
                + " onset_ms INTEGER NOT NULL, detector_version TEXT NOT NULL, offset_ms INTEGER NOT NULL,"
                + " onset_s REAL NOT NULL, offset_s REAL NOT NULL, candidate INTEGER NOT NULL, periodic INTEGER NOT NULL,"
                + " series_id INTEGER, decided INTEGER NOT NULL, peak_g REAL, rms_g REAL, standard TEXT NOT NULL,"
                + " source TEXT NOT NULL DEFAULT 'accelerometer',"
                + " UNIQUE (night_id, leg, onset_ms, detector_version))",
        "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, detector_version TEXT NOT NULL,"
                + " series_no INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, count INTEGER NOT NULL,"
                + " UNIQUE (night_id, detector_version, series_no))",
        "CREATE TABLE IF NOT EXISTS activity (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, leg TEXT NOT NULL,"
                + " epoch_s INTEGER NOT NULL, activity_g REAL NOT NULL, lying INTEGER NOT NULL, worn INTEGER NOT NULL,"
                + " UNIQUE (night_id, leg, epoch_s))",
        "CREATE TABLE IF NOT EXISTS device_events (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, time_ms INTEGER NOT NULL,"
                + " device TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS device_events_night ON device_events (night_id, time_ms)",
        "CREATE TABLE IF NOT EXISTS cuff_actions (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, time_ms INTEGER NOT NULL,"
                + " command TEXT NOT NULL, target_mmhg REAL NOT NULL, duration_s REAL NOT NULL, outcome TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS cuff_actions_night ON cuff_actions (night_id, time_ms)",
        "CREATE TABLE IF NOT EXISTS cuff_sessions (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, start_ms INTEGER NOT NULL,"
                + " end_ms INTEGER NOT NULL, trigger TEXT NOT NULL, cycles INTEGER NOT NULL, max_pressure_mmhg REAL NOT NULL,"
                + " outcome TEXT NOT NULL, UNIQUE (night_id, start_ms))",
        "CREATE TABLE IF NOT EXISTS trial (id INTEGER PRIMARY KEY CHECK (id = 1), seed INTEGER NOT NULL, control TEXT NOT NULL,"
                + " block_nights INTEGER NOT NULL, nights INTEGER NOT NULL, start TEXT NOT NULL, policy TEXT NOT NULL,"
                + " cuff_mmhg REAL NOT NULL, sham_mmhg REAL NOT NULL, recorded_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS trial_nights (night_id TEXT PRIMARY KEY, block INTEGER NOT NULL, arm TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS night_reports (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL,"
                + " detector_version TEXT NOT NULL, start_ms INTEGER NOT NULL, report_json TEXT NOT NULL,"
                + " UNIQUE (night_id, detector_version))",
        "CREATE TABLE IF NOT EXISTS raw.raw_chunks (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, leg TEXT NOT NULL,"
                + " start_ms INTEGER NOT NULL, rate_hz REAL NOT NULL, scale_g REAL NOT NULL, axes INTEGER NOT NULL,"
                + " n_counts INTEGER NOT NULL, codec INTEGER NOT NULL, data BLOB NOT NULL,"
                + " UNIQUE (night_id, leg, start_ms))",
        // The web interface's logins: a PHC-format Argon2id string per user, never a password (docs/web.md).
        "CREATE TABLE IF NOT EXISTS web_users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, updated_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL, row_id INTEGER NOT NULL)",
        DiaryTables.DIARY_DDL,
        DiaryTables.LAB_DDL,
    };

    private Schema() {
    }

    /** Page size of the raw signal file: 2-6 KB compressed chunks pack well into 16 KiB pages. */
    static final int RAW_PAGE_SIZE = 16_384;

    /**
     * Settings every connection needs: the raw signal file attached as schema {@code raw}; WAL on
     * both files so readers never block the writer and a kill never corrupts.
     */
    static void configure(Connection c, java.nio.file.Path rawFile) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + rawFile.toAbsolutePath().toString().replace("'", "''") + "' AS raw");
            s.execute("PRAGMA raw.page_size=" + RAW_PAGE_SIZE); // takes effect only while the file is empty
            for (String schema : new String[] {"main", "raw"}) {
                s.execute("PRAGMA " + schema + ".journal_mode=WAL");
                // NORMAL in WAL mode: a commit survives a process kill; only a power cut can lose the
                // last commits, never the file's integrity. FULL would fsync every commit (SD wear).
                s.execute("PRAGMA " + schema + ".synchronous=NORMAL");
                // Keep the write-ahead log small on a small card: truncate it back to 4 MiB after checkpoints.
                s.execute("PRAGMA " + schema + ".journal_size_limit=4194304");
            }
            s.execute("PRAGMA raw.wal_autocheckpoint=256"); // 256 x 16 KiB pages = 4 MiB, as the main file's default
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA foreign_keys=OFF");
        }
    }

    /**
     * A database made before movements had a source gains the column (nullable-free, its rows the
     * accelerometer's, which saw every movement then); older software still writes to it, by its default.
     */
    private static void addSourceColumn(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT 1 FROM pragma_table_info('movements') WHERE name = 'source'")) {
            if (!rs.next()) {
                try (Statement alter = c.createStatement()) {
                    alter.execute("ALTER TABLE movements ADD COLUMN source TEXT NOT NULL DEFAULT 'accelerometer'");
                }
            }
        }
    }

    static void create(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '" + VERSION + "') ON CONFLICT (key) DO NOTHING");
            addSourceColumn(c);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            int v = rs.next() ? Integer.parseInt(rs.getString(1)) : VERSION;
            if (v > VERSION) {
                throw new SQLException("database schema version " + v + " is newer than this software's " + VERSION
                        + ": refusing to write to it");
            }
        }
    }
}
