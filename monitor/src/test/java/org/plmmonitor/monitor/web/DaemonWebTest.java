package org.plmmonitor.monitor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.DaemonOptions;
import org.plmmonitor.monitor.daemon.MonitorDaemon;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's web: refused without a user (the night is recorded all the same), served with one. */
class DaemonWebTest {
    @TempDir
    Path dir;

    private List<ClosedNight> run(Path data) throws Exception {
        return daemon(data, 1000).run();
    }

    /** @param speed the simulator's pace, times real time */
    private static MonitorDaemon daemon(Path data, double speed) {
        MonitorConfig cfg = MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(3, speed, 25))
                .store(StoreConfig.builder().path(data.resolve("plm.db")).build())
                .timeZone(ZoneId.of("Europe/Berlin"))
                .web(WebConfig.DEFAULT.at("127.0.0.1", 0))
                .build();
        return new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(speed > 1).simulatedHours(0.5).build(),
                WebFixture.WALL, System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
    }

    private static JsonNode web(Path data) throws Exception {
        return new ObjectMapper().readTree(data.resolve("status.json").toFile()).get("web");
    }

    @Test
    void withoutAUserTheDaemonMeasuresAndSaysWhyTheWebIsNotServed() throws Exception {
        Path data = dir.resolve("data");
        List<ClosedNight> nights = run(data);
        assertEquals(1, nights.size(), "the night is recorded whatever the web");
        assertTrue(Files.isRegularFile(data.resolve("nights").resolve(nights.get(0).nightId() + ".json")));
        JsonNode w = web(data);
        assertEquals("not started", w.get("state").asText());
        assertTrue(w.get("url").isNull());
        assertEquals("no web user in " + data.resolve("plm.db") + ", and there is no default password: set one with "
                + "'plm user set NAME --password-stdin --dir " + data + "', and the web starts by itself within 10 s",
                w.get("message").asText());
        String text = Files.readString(data.resolve("status.txt"));
        assertTrue(text.contains("\nweb: not started: no web user in "), text);
    }

    @Test
    void withAUserTheDaemonServesTheWeb() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        WebFixture.addUser(data);
        MonitorDaemon d = daemon(data, 1); // real time: it runs until stopped
        java.util.concurrent.CompletableFuture<List<ClosedNight>> done = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(d.run());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "daemon-under-test");
        t.start();
        try {
            // Await the first status the daemon publishes (every 2 s); it has no listener to tell us, so poll it.
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (d.status() == null && System.nanoTime() < until && !done.isDone()) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
            assertTrue(d.status() != null, "no status within 60 s; run ended: " + done.isDone());
            WebStatus w = d.status().web();
            assertEquals(WebStatus.State.SERVING, w.state(), w.toString());
            assertTrue(w.url().matches("http://127\\.0\\.0\\.1:\\d+/"), w.toString());
            HttpSession s = new HttpSession(java.net.URI.create(w.url()));
            assertEquals(303, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode(), "the daemon's own web logs in");
            assertEquals(200, s.get("/nights").statusCode());
        } finally {
            d.stop();
            done.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        JsonNode w = web(data);
        assertEquals("serving", w.get("state").asText());
        assertEquals("", w.get("message").asText());
    }
}
