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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A clinic-style server: HTTPS with its own certificate, authentication on. */
class InfluxTlsTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T21:30:00Z");
    private static final String PASSWORD = "pl!m-s3cret";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsInfluxdAndOpenssl() {
        assumeTrue(InfluxdProcess.available(), "influxd is not installed: apt-get install influxdb (test.sh does)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make a test certificate");
    }

    private InfluxConfig.Builder base(InfluxdProcess influxd) {
        return InfluxConfig.builder().url(influxd.url()).database("clinic").patientId("p-0042").deviceId("pi-7")
                .pollInterval(Duration.ofMillis(50)).backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    void writesOverHttpsWithCredentialsAndAConfiguredCa() throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Process p = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl failed: " + Files.readString(dir.resolve("openssl.log")));

        SyntheticNight n = new SyntheticNight(EVENING, 1800, 41);
        MutableClock clock = new MutableClock(EVENING);
        try (InfluxdProcess influxd = InfluxdProcess.createSecure(dir.resolve("influx"), cert, key).start();
             LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(), clock)) {
            // The clinic provisions an admin (allowed without credentials while no user exists) and the database.
            try (InfluxDB admin = InfluxClients.connect(base(influxd).caCertificate(cert).build())) {
                check(admin.query(new Query("CREATE USER plm WITH PASSWORD '" + PASSWORD + "' WITH ALL PRIVILEGES")));
            }
            n.activity.forEach(store::putActivity);
            store.putNight(n.night);
            store.flush();

            // JVM trust store only: the server's own certificate is refused, nothing is lost.
            ManualScheduler sched = new ManualScheduler();
            try (InfluxForwarder untrusted = InfluxForwarder.start(store, base(influxd).credentials("plm", PASSWORD).build(), clock, sched)) {
                sched.runNext();
                ForwarderHealth h = untrusted.health();
                assertEquals(ForwarderState.BACKING_OFF, h.state());
                assertTrue(h.lastError().contains("PKIX") || h.lastError().toLowerCase().contains("certificat"), h.lastError());
            }
            // Wrong password: refused, retried, the password never shows.
            sched = new ManualScheduler();
            try (InfluxForwarder wrong = InfluxForwarder.start(store, base(influxd).caCertificate(cert).credentials("plm", "nope-" + PASSWORD)
                    .build(), clock, sched)) {
                sched.runNext();
                ForwarderHealth h = wrong.health();
                assertEquals(ForwarderState.BACKING_OFF, h.state());
                assertTrue(h.lastError().contains("authorization failed"), h.lastError());
                assertFalse(h.lastError().contains(PASSWORD), h.lastError());
            }
            assertEquals(n.activity.size() + 1, store.outboxBacklog(), "failed attempts acknowledged nothing");

            // Configured CA + credentials: everything lands.
            sched = new ManualScheduler();
            InfluxConfig good = base(influxd).caCertificate(cert).credentials("plm", PASSWORD).build();
            try (InfluxForwarder fwd = InfluxForwarder.start(store, good, clock, sched)) {
                for (int i = 0; i < 50 && fwd.health().state() != ForwarderState.IDLE; i++) {
                    sched.runNext();
                }
                assertEquals(ForwarderState.IDLE, fwd.health().state(), fwd.health().toString());
            }
            try (InfluxDB db = InfluxClients.connect(good)) {
                QueryResult r = check(db.query(new Query("SELECT count(activity_g) FROM plm_activity WHERE patient = 'p-0042'", "clinic")));
                assertEquals((double) n.activity.size(), r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1));
            }
        }
    }

    private static QueryResult check(QueryResult r) {
        assertFalse(r.hasError(), r.getError());
        assertFalse(r.getResults().get(0).hasError(), r.getResults().get(0).getError());
        return r;
    }
}
