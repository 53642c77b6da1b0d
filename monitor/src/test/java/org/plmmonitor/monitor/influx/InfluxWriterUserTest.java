package org.plmmonitor.monitor.influx;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.MutableClock;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.SyntheticNight;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A clinic gives each Pi a writer account, not an admin one: with the default
 * {@code influx.create_database = true} the forwarder must still deliver (the database exists), and
 * say plainly what is wrong when it does not.
 */
class InfluxWriterUserTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T21:30:00Z");
    private static final String ADMIN_PASSWORD = "adm1n-pw";
    private static final String WRITER_PASSWORD = "wr1ter-pw";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsInfluxd() {
        assumeTrue(InfluxdProcess.available(), "influxd is not installed: apt-get install influxdb (test.sh does)");
    }

    private static InfluxConfig.Builder base(InfluxdProcess influxd, String database) {
        return InfluxConfig.builder().url(influxd.url()).database(database).patientId("p-0042").deviceId("pi-7")
                .pollInterval(Duration.ofMillis(50)).backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .timeout(Duration.ofSeconds(30)).createDatabase(true); // generous: a loaded 2-core machine
    }

    private static void provision(InfluxdProcess influxd, String... statements) {
        try (InfluxDB admin = InfluxClients.connect(base(influxd, "clinic").build())) {
            check(admin.query(new Query("CREATE USER root WITH PASSWORD '" + ADMIN_PASSWORD + "' WITH ALL PRIVILEGES")));
        }
        try (InfluxDB admin = InfluxClients.connect(base(influxd, "clinic").credentials("root", ADMIN_PASSWORD).build())) {
            for (String st : statements) {
                check(admin.query(new Query(st)));
            }
        }
    }

    @Test
    void aWriterWithoutAdminRightsDeliversIntoAnExistingDatabase() throws Exception {
        SyntheticNight n = new SyntheticNight(EVENING, 1800, 43);
        MutableClock clock = new MutableClock(EVENING);
        try (InfluxdProcess influxd = InfluxdProcess.createWithAuth(dir.resolve("influx")).start();
             LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(), clock)) {
            provision(influxd, "CREATE DATABASE clinic", "CREATE USER writer WITH PASSWORD '" + WRITER_PASSWORD + "'",
                    "GRANT WRITE ON clinic TO writer");
            n.activity.forEach(store::putActivity);
            store.putNight(n.night);
            store.flush();

            ManualScheduler sched = new ManualScheduler();
            try (InfluxForwarder fwd = InfluxForwarder.start(store,
                    base(influxd, "clinic").credentials("writer", WRITER_PASSWORD).build(), clock, sched)) {
                for (int i = 0; i < 50 && fwd.health().state() != ForwarderState.IDLE; i++) {
                    sched.runNext();
                }
                assertEquals(ForwarderState.IDLE, fwd.health().state(), fwd.health().toString());
            }
            store.flush(); // acknowledgements are committed by the store's writer thread: wait for them
            assertEquals(0, store.outboxBacklog());
            try (InfluxDB db = InfluxClients.connect(base(influxd, "clinic").credentials("root", ADMIN_PASSWORD).build())) {
                QueryResult r = check(db.query(new Query("SELECT count(activity_g) FROM plm_activity WHERE patient = 'p-0042'", "clinic")));
                assertEquals((double) n.activity.size(), r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1));
            }
        }
    }

    @Test
    void aWriterWhoseDatabaseIsMissingIsToldWhatToDoAndLosesNothing() throws Exception {
        SyntheticNight n = new SyntheticNight(EVENING, 600, 44);
        MutableClock clock = new MutableClock(EVENING);
        try (InfluxdProcess influxd = InfluxdProcess.createWithAuth(dir.resolve("influx")).start();
             LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(), clock)) {
            provision(influxd, "CREATE USER writer WITH PASSWORD '" + WRITER_PASSWORD + "'");
            n.activity.forEach(store::putActivity);
            store.flush();
            long backlog = store.outboxBacklog();

            ManualScheduler sched = new ManualScheduler();
            try (InfluxForwarder fwd = InfluxForwarder.start(store,
                    base(influxd, "clinic").credentials("writer", WRITER_PASSWORD).build(), clock, sched)) {
                sched.runNext();
                sched.runNext();
                ForwarderHealth h = fwd.health();
                assertEquals(ForwarderState.BACKING_OFF, h.state());
                assertTrue(h.lastError().contains("database clinic does not exist") && h.lastError().contains("CREATE DATABASE clinic"), h.lastError());
                assertFalse(h.lastError().contains(WRITER_PASSWORD), h.lastError());
            }
            store.flush(); // an acknowledgement, had there been one, would be committed by now
            assertEquals(backlog, store.outboxBacklog(), "nothing acknowledged");
        }
    }

    private static QueryResult check(QueryResult r) {
        assertFalse(r.hasError(), r.getError());
        assertFalse(r.getResults().get(0).hasError(), r.getResults().get(0).getError());
        return r;
    }
}
