package org.plmmonitor.monitor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each stored movement says what saw it; a database from before the cuff was a sensor gains the column. */
class MovementSourceStoreTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T21:30:00Z");
    private static final long ONSET = EVENING.plusSeconds(600).toEpochMilli();

    @TempDir
    Path dir;

    private static StoredMovement movement(long onsetMs, MovementSource source, double peakG) {
        return new StoredMovement("2026-11-23", Leg.LEFT, onsetMs, onsetMs + 1500, 600, 601.5, true, false, null, true,
                peakG, peakG / 2, "accel-1.0", ScoringStandard.WASM2016, source);
    }

    @Test
    void everySourceIsStoredAndReadBack() {
        List<StoredMovement> ms = List.of(movement(ONSET, MovementSource.ACCELEROMETER, 0.05),
                movement(ONSET + 20_000, MovementSource.CUFF_PRESSURE, Double.NaN),
                movement(ONSET + 40_000, MovementSource.ACCELEROMETER_AND_CUFF, 0.08));
        try (LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.defaults(), new MutableClock(EVENING))) {
            ms.forEach(store::putMovement);
            store.flush();
            assertEquals(ms, store.movements("2026-11-23"));
            // A streaming update that learns the cuff saw it too replaces the row with its new source.
            StoredMovement joined = movement(ONSET, MovementSource.ACCELEROMETER_AND_CUFF, 0.05);
            store.putMovement(joined);
            store.flush();
            assertEquals(joined, store.movements("2026-11-23").get(0));
        }
    }

    @Test
    void aDatabaseMadeBeforeTheColumnGainsItAndItsRowsAreTheAccelerometers() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('schema_version', '1')");
            // The movements table as release 1 made it: no source column.
            s.execute("CREATE TABLE movements (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL, leg TEXT NOT NULL,"
                    + " onset_ms INTEGER NOT NULL, detector_version TEXT NOT NULL, offset_ms INTEGER NOT NULL,"
                    + " onset_s REAL NOT NULL, offset_s REAL NOT NULL, candidate INTEGER NOT NULL, periodic INTEGER NOT NULL,"
                    + " series_id INTEGER, decided INTEGER NOT NULL, peak_g REAL, rms_g REAL, standard TEXT NOT NULL,"
                    + " UNIQUE (night_id, leg, onset_ms, detector_version))");
            s.execute("INSERT INTO movements (night_id, leg, onset_ms, detector_version, offset_ms, onset_s, offset_s,"
                    + " candidate, periodic, series_id, decided, peak_g, rms_g, standard) VALUES ('2026-11-23', 'left', "
                    + ONSET + ", 'accel-1.0', " + (ONSET + 1500) + ", 600, 601.5, 1, 0, NULL, 1, 0.05, 0.025, 'wasm2016')");
        }
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), new MutableClock(EVENING))) {
            List<StoredMovement> old = store.movements("2026-11-23");
            assertEquals(List.of(movement(ONSET, MovementSource.ACCELEROMETER, 0.05)), old);
            store.putMovement(movement(ONSET + 20_000, MovementSource.CUFF_PRESSURE, Double.NaN));
            store.flush();
            assertEquals(MovementSource.CUFF_PRESSURE, store.movements("2026-11-23").get(1).source());
        }
        // Opened again: the column is there once, nothing is added twice.
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), new MutableClock(EVENING))) {
            assertEquals(2, store.movements("2026-11-23").size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pragma_table_info('movements') WHERE name = 'source'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }
}
