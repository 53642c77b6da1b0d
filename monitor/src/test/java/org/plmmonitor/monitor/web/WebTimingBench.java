package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.daemon.DaemonOptions;
import org.plmmonitor.monitor.daemon.MonitorDaemon;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Server time of a night's report page (an 8-h two-ankle night) and of a 90-night trends page, over
 * loopback HTTP from the same process (docs/web.md). A benchmark: run with {@code -Pbench}
 * ({@code mvn -o -Pbench -pl monitor test -Dtest=WebTimingBench}); it asserts nothing about time.
 */
@Tag("bench")
class WebTimingBench {
    @TempDir
    Path dir;

    @Test
    void reportAndNinetyNightTrend() throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("plm.db");
        MonitorConfig cfg = MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(11, SensorConfig.MAX_SPEED, 50))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(11, SensorConfig.MAX_SPEED, 50))
                .store(StoreConfig.builder().path(db).build()).timeZone(ZoneId.of("Europe/Berlin")).web(WebConfig.OFF).build();
        new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(true).simulatedHours(8.0).build(),
                WebFixture.WALL, System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                }).run();
        // 89 earlier nights: the same night's record and JSON report under earlier dates (trends read both).
        try (LocalStore store = LocalStore.open(db, StoreConfig.builder().path(db).build(), WebFixture.WALL)) {
            NightRecord r = store.nights().get(0);
            LocalDate last = LocalDate.parse(r.nightId());
            for (int i = 1; i < 90; i++) {
                String id = last.minusDays(i).toString();
                long shift = i * 86_400_000L;
                store.putNight(new NightRecord(id, r.startUtcMs() - shift, r.endUtcMs() - shift, r.timeZone(), r.analysableS(),
                        r.wearS(), r.softwareVersion(), r.detectorVersion(), r.standard()));
                Files.copy(data.resolve("nights").resolve(r.nightId() + ".json"), data.resolve("nights").resolve(id + ".json"));
            }
            store.flush();
        }
        WebFixture.addUser(data);
        try (WebFixture web = WebFixture.serve(data)) {
            HttpSession s = new HttpSession(web.server.url());
            s.login(WebFixture.USER, WebFixture.PASSWORD);
            String night = WebFixture.WALL.instant().atZone(ZoneId.of("Europe/Berlin")).toLocalDate().minusDays(1).toString();
            String from = LocalDate.parse(night).minusDays(89).toString();
            report("report page (8-h night)", s, "/night/" + night);
            report("trends page (90 nights)", s, "/trends?from=" + from + "&to=" + night);
        }
    }

    @Test
    void argon2idAtThePiZeroCost() {
        PasswordHasher h = new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new java.security.SecureRandom());
        String hash = h.hash("a long passphrase".toCharArray());
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            long t0 = System.nanoTime();
            h.verify("a long passphrase".toCharArray(), hash);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("BENCH Argon2id m=9216 KiB t=4 p=1 verify: median %.1f ms of 11%n", ms.get(5));
    }

    private static void report(String what, HttpSession s, String path) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, s.get(path).statusCode(), path);
        }
        List<Double> ms = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 21; i++) {
            long t0 = System.nanoTime();
            bytes = s.get(path).body().length();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("BENCH %s: median %.1f ms, max %.1f ms over 21 requests after 5 warm-up, %d characters%n",
                what, ms.get(10), ms.get(20), bytes);
    }
}
