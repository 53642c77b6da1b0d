package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's web without a user waits for one and starts once {@code plm user set} has run, without a
 * restart (docs/web.md, "Commands"); the daemon's status ticks are given as explicit monotonic times.
 */
class DaemonWebFirstUserTest {
    private static final long CHECK = DaemonWeb.USER_CHECK.toNanos();

    @TempDir
    Path dir;

    private MonitorConfig config(Path db, WebConfig web) {
        return MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(3, 1, 25))
                .store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneId.of("Europe/Berlin"))
                .web(web)
                .build();
    }

    @Test
    void aWebWithoutAUserStartsWithinTheCheckIntervalOfTheFirstUser() throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("plm.db");
        MonitorConfig cfg = config(db, WebConfig.DEFAULT.at("127.0.0.1", 0));
        try (LocalStore store = LocalStore.open(db, cfg.store(), WebFixture.WALL);
             DaemonWeb web = DaemonWeb.start(cfg, store, WebFixture.WALL, Optional::empty)) {
            WebStatus waiting = web.status();
            assertEquals(WebStatus.State.NOT_STARTED, waiting.state());
            assertNull(waiting.url());
            assertEquals("no web user in " + db + ", and there is no default password: set one with 'plm user set NAME "
                    + "--password-stdin --dir " + data + "', and the web starts by itself within 10 s", waiting.message());

            long t0 = 123_456_789L; // the daemon's monotonic clock has any origin
            assertEquals(waiting, web.retry(t0), "the first tick only schedules the first look");
            assertEquals(waiting, web.retry(t0 + CHECK), "still no user");
            WebFixture.addUser(data);
            assertEquals(waiting, web.retry(t0 + 2 * CHECK - 1), "the store is not looked at before the interval is up");
            WebStatus serving = web.retry(t0 + 2 * CHECK);
            assertEquals(WebStatus.State.SERVING, serving.state(), serving.toString());
            assertEquals("", serving.message());
            assertEquals(serving, web.status());
            HttpSession s = new HttpSession(URI.create(serving.url()));
            assertEquals(303, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode(), "the first user logs in");
            assertEquals(200, s.get("/nights").statusCode());
            assertEquals(serving, web.retry(t0 + 3 * CHECK), "a serving web stays as it is");
        }
    }

    @Test
    void aRefusedSettingIsNotRetriedWhenAUserAppears() throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("plm.db");
        MonitorConfig cfg = config(db, new WebConfig(true, "0.0.0.0", 0, Optional.empty(), false));
        try (LocalStore store = LocalStore.open(db, cfg.store(), WebFixture.WALL);
             DaemonWeb web = DaemonWeb.start(cfg, store, WebFixture.WALL, Optional::empty)) {
            WebStatus refused = web.status();
            assertEquals(WebStatus.State.NOT_STARTED, refused.state());
            assertTrue(refused.message().contains("serves patient data over plain HTTP on the network"), refused.message());
            WebFixture.addUser(data);
            assertEquals(refused, web.retry(0));
            assertEquals(refused, web.retry(10 * CHECK), "a setting stays refused until the daemon restarts");
        }
    }

    @Test
    void aDisabledWebStaysDisabled() throws Exception {
        Path db = dir.resolve("data").resolve("plm.db");
        MonitorConfig cfg = config(db, WebConfig.OFF);
        try (LocalStore store = LocalStore.open(db, cfg.store(), WebFixture.WALL);
             DaemonWeb web = DaemonWeb.start(cfg, store, WebFixture.WALL, Optional::empty)) {
            assertEquals(WebStatus.DISABLED, web.status());
            WebFixture.addUser(db.getParent());
            assertEquals(WebStatus.DISABLED, web.retry(10 * CHECK));
        }
    }
}
