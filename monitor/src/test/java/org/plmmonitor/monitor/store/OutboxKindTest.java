package org.plmmonitor.monitor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a version does with an outbox row of a kind it does not know (one a newer version wrote, as cuff sessions
 * and night reports are to the versions before them): docs/storage.md ("Outbox kinds and the schema version")
 * keeps the schema version at 1 for this. Reading the outbox stops at that row and says why, and stays stopped
 * (the forwarder backs off and retries); the store records and reads on, and keeps every row queued after it.
 */
class OutboxKindTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T21:30:00Z");
    private static final int UNKNOWN = 99;

    @TempDir
    Path dir;

    @Test
    void anUnknownKindStopsTheOutboxAtItsRowSayingWhyAndTheStoreRecordsOn() throws Exception {
        Path db = dir.resolve("plm.db");
        StoreConfig forwarding = StoreConfig.builder().forwardingEnabled(true).build();
        SyntheticNight n = new SyntheticNight(EVENING, 600, 3);
        try (LocalStore store = LocalStore.open(db, forwarding, new MutableClock(EVENING))) {
            store.putNight(n.night);
            store.flush();
        }
        // A newer version's row, between two of this version's.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO outbox (kind, row_id) VALUES (" + UNKNOWN + ", 1)");
        }
        try (LocalStore store = LocalStore.open(db, forwarding, new MutableClock(EVENING))) {
            store.putMovement(n.movements.get(0));
            store.flush();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.outboxBatch(0, 100));
            assertEquals("outbox row has unknown kind code " + UNKNOWN + " (database written by a newer version?)", e.getMessage());
            assertThrows(IllegalStateException.class, () -> store.outboxBatch(0, 100), "and again on the next attempt");
            assertEquals(3, store.outboxBacklog(), "nothing acknowledged: the night, the unknown row, the movement");
            // Recording goes on.
            assertEquals(n.movements.get(0), store.movements(n.nightId).get(0));
            assertEquals(n.nightId, store.nights().get(0).nightId());
        }
    }
}
