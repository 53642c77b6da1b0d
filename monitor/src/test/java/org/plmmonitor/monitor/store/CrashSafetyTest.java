package org.plmmonitor.monitor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of a writing process: the database opens, passes integrity_check, and lost at most ~2 s. */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void killDashNineLosesAtMostTheLastSecondsAndNeverCorrupts() throws Exception {
        Path db = dir.resolve("crash.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriterChild.class.getName(), db.toString()).redirectErrorStream(true).start();
        long[] putAt = new long[1_000_000];
        int last = -1;
        long killAt;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long firstPut = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("put ")) {
                    continue; // logging noise
                }
                int i = Integer.parseInt(line.substring(4));
                putAt[i] = System.nanoTime();
                last = i;
                if (firstPut == 0) {
                    firstPut = putAt[i];
                }
                if (putAt[i] - firstPut > TimeUnit.MILLISECONDS.toNanos(3500)) {
                    break;
                }
            }
            killAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(last > 500, "the child wrote only " + last + " items before the kill");
        int mustHave = -1;
        for (int i = 0; i <= last; i++) {
            if (killAt - putAt[i] >= TimeUnit.SECONDS.toNanos(2)) {
                mustHave = i;
            }
        }
        assertTrue(mustHave > 0, "nothing was put 2 s before the kill");

        for (Path f : List.of(db, LocalStore.rawFile(db))) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1), f + " integrity");
            }
        }
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            List<ActivitySecond> act = store.activity("2026-11-23", Leg.LEFT);
            assertTrue(act.size() > mustHave, "kept " + act.size() + " seconds, but " + (mustHave + 1)
                    + " were put at least 2 s before the kill");
            for (int i = 0; i < act.size(); i++) {
                assertEquals(1_795_469_400L + i, act.get(i).epochS(), "committed activity has no holes");
            }
            assertTrue(store.movements("2026-11-23").size() >= mustHave / 10);
            int[] chunks = {0};
            store.rawChunks("2026-11-23", Leg.RIGHT, ch -> chunks[0]++); // every stored chunk decodes
            assertTrue(chunks[0] >= mustHave / 10);
            System.out.printf("crash test: %d items put, %d put >= 2 s before kill, %d activity seconds survived%n",
                    last + 1, mustHave + 1, act.size());
        }
    }
}
