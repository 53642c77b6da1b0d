package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;

import org.plmmonitor.monitor.influx.ForwarderScheduler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's web without a user waits for one and starts once {@code plm user set} has run, without a
 * restart (docs/web.md, "Commands"); the scheduler of its looks for a user is driven by the test.
 */
class DaemonWebFirstUserTest {
    @TempDir
    Path dir;

    /** Records each requested look and runs the next one on demand (as if its delay had passed). */
    private static final class Looks implements ForwarderScheduler {
        final List<Duration> delays = new ArrayList<>();
        final ArrayDeque<Runnable> pending = new ArrayDeque<>();
        int made;
        boolean closed;

        @Override
        public synchronized void schedule(Runnable task, Duration delay) {
            delays.add(delay);
            pending.add(task);
        }

        void runNext() {
            Runnable r;
            synchronized (this) {
                r = pending.poll();
            }
            assertNotNull(r, "a look is scheduled");
            r.run();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private MonitorConfig config(Path db, WebConfig web) {
        return MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(3, 1, 25))
                .store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneId.of("Europe/Berlin"))
                .web(web)
                .build();
    }

    @Test
    void aWebWithoutAUserStartsAtTheFirstLookAfterTheFirstUserIsSet() throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("plm.db");
        MonitorConfig cfg = config(db, WebConfig.DEFAULT.at("127.0.0.1", 0));
        Looks looks = new Looks();
        List<WebStatus> told = new CopyOnWriteArrayList<>();
        try (LocalStore store = LocalStore.open(db, cfg.store(), WebFixture.WALL)) {
            DaemonWeb web = DaemonWeb.start(cfg, store, WebFixture.WALL, Optional::empty, told::add, () -> {
                looks.made++;
                return looks;
            });
            try {
                WebStatus waiting = web.status();
                assertEquals(WebStatus.State.NOT_STARTED, waiting.state());
                assertNull(waiting.url());
                assertEquals("no web user in " + db + ", and there is no default password: set one with 'plm user set NAME "
                        + "--password-stdin --dir " + data + "', and the web starts by itself within 10 s", waiting.message());
                assertEquals(List.of(waiting), told, "the status is told at once");
                assertEquals(List.of(DaemonWeb.USER_CHECK), looks.delays, "the first look is 10 s later");

                looks.runNext();
                assertEquals(waiting, web.status(), "still no user");
                assertEquals(List.of(waiting), told, "nothing new to tell");
                assertEquals(List.of(DaemonWeb.USER_CHECK, DaemonWeb.USER_CHECK), looks.delays, "it looks again");

                WebFixture.addUser(data);
                looks.runNext();
                WebStatus serving = web.status();
                assertEquals(WebStatus.State.SERVING, serving.state(), serving.toString());
                assertEquals("", serving.message());
                assertEquals(List.of(waiting, serving), told, "the start is told");
                assertTrue(looks.pending.isEmpty(), "no more looks once it serves");
                HttpSession s = new HttpSession(URI.create(serving.url()));
                assertEquals(303, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode(), "the first user logs in");
                assertEquals(200, s.get("/nights").statusCode());
            } finally {
                web.close();
            }
            assertTrue(looks.closed, "its thread ends with the web");
            assertEquals(1, looks.made);
        }
    }

    @Test
    void aClosedWebStopsLookingAndARefusedSettingIsNotRetried() throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("plm.db");
        Looks looks = new Looks();
        MonitorConfig waitingCfg = config(db, WebConfig.DEFAULT.at("127.0.0.1", 0));
        try (LocalStore store = LocalStore.open(db, waitingCfg.store(), WebFixture.WALL)) {
            DaemonWeb web = DaemonWeb.start(waitingCfg, store, WebFixture.WALL, Optional::empty, w -> { }, () -> looks);
            web.close();
            WebFixture.addUser(data);
            looks.runNext(); // a look already scheduled when it closed
            assertEquals(WebStatus.State.NOT_STARTED, web.status().state(), "closed: it does not start");
            assertTrue(looks.pending.isEmpty());

            // Plain HTTP on the network is a setting: refused once, never looked at again.
            MonitorConfig exposed = config(db, new WebConfig(true, "0.0.0.0", 0, Optional.empty(), false));
            Looks none = new Looks();
            try (DaemonWeb refused = DaemonWeb.start(exposed, store, WebFixture.WALL, Optional::empty, w -> { }, () -> none)) {
                assertEquals(WebStatus.State.NOT_STARTED, refused.status().state());
                assertTrue(refused.status().message().contains("serves patient data over plain HTTP on the network"),
                        refused.status().message());
                assertEquals(0, none.made, "no thread for a refusal that a user does not change");
            }
            try (DaemonWeb off = DaemonWeb.start(config(db, WebConfig.OFF), store, WebFixture.WALL, Optional::empty,
                    w -> { }, () -> none)) {
                assertEquals(WebStatus.DISABLED, off.status());
                assertEquals(0, none.made);
            }
        }
    }
}
