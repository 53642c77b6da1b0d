package org.plmmonitor.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code lib/launch.sh} with this machine's Java 17 and the built jar, in a directory of its own (no
 * root, no package): the archive it records is mapped by an analysis, which then loads the project's
 * classes from it and prints the same JSON as a plain start; a truncated archive or garbage in its place
 * means a plain start that succeeds. The installed package is tested the same way in
 * {@link PackageInstallIT} and {@link ForeignArchInstallIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchScriptIT {
    private static final Path LIB = Deb.deployDir().resolve("lib/launch.sh").toAbsolutePath();
    private static final Path JAR = Deb.deployDir().resolve("../monitor/target/plm.jar").toAbsolutePath().normalize();
    private static final Path NIGHT = Deb.deployDir().resolve("../monitor/src/test/resources/golden/night8/left.csv")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    private String plainJson;

    @BeforeAll
    void plainRun(@TempDir Path dir) {
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR + ": built in monitor's package phase");
        // The reference: the same analysis without any archive.
        Analysis plain = analyze(dir, newDir(dir));
        assertEquals(0, plain.top(), "no archive, no class from one");
        plainJson = plain.json();
    }

    /** What {@code plm analyze} through the launcher printed, and how many classes came from the archive. */
    private record Analysis(String json, long top, long project) {
    }

    private static Cmd.Result sh(String snippet, Path dir, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(Map.of("LIB", LIB.toString(), "JAR", JAR.toString(), "DIR", dir.toString()));
        return Cmd.run(300, all, List.of("sh", "-c", ". \"$LIB\" && JAVA=\"$(plm_launch_java)\" && " + snippet));
    }

    private static Analysis analyze(Path scratch, Path cache) {
        Path log = scratch.resolve("classes-" + System.nanoTime() + ".log");
        Cmd.Result r = sh("plm_launch_exec \"$JAVA\" \"$JAR\" \"$DIR\" analyze --left \"$NIGHT\"", cache,
                Map.of("NIGHT", NIGHT.toString(), "PLM_JAVA_OPTS", "-Xlog:class+load:file=" + log));
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.out().startsWith("{") && r.out().contains("\"summary\""), "only the JSON on stdout:\n" + r.out());
        List<String> loaded = readLines(log);
        return new Analysis(r.out(), loaded.stream().filter(l -> l.contains("source: shared objects file (top)")).count(),
                loaded.stream().filter(l -> l.contains(" org.plmmonitor.") && l.contains("source: shared objects file (top)")).count());
    }

    private static Path newDir(Path parent) {
        try {
            return Files.createTempDirectory(parent, "cache");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path recorded() {
        Path cache = newDir(tmp);
        Cmd.Result r = sh("plm_launch_record \"$JAVA\" \"$JAR\" \"$DIR\" analyze && plm_launch_current \"$JAVA\" \"$JAR\" \"$DIR/plm.jsa\"",
                cache, Map.of());
        assertEquals(0, r.exit(), "recorded and current: " + r.describe());
        return cache;
    }

    @Test
    void anAnalysisStartsFromTheRecordedArchiveAndPrintsTheSameJson() throws IOException {
        Path cache = recorded();
        try (var s = Files.list(cache)) {
            assertEquals(List.of("plm.jsa", "plm.jsa.id"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the archive and its id, no scratch left");
        }
        Analysis a = analyze(tmp, cache);
        assertTrue(a.project() > 100, "the project's classes come from the archive: " + a);
        assertEquals(plainJson, a.json());
    }

    @Test
    void aTruncatedArchiveMeansAPlainStartThatSucceeds() throws IOException {
        Path cache = recorded();
        Path jsa = cache.resolve("plm.jsa");
        FileTime mtime = Files.getLastModifiedTime(jsa);
        byte[] half = java.util.Arrays.copyOf(Files.readAllBytes(jsa), (int) (Files.size(jsa) / 2));
        Files.write(jsa, half);
        Files.setLastModifiedTime(jsa, mtime);
        Analysis a = analyze(tmp, cache);
        assertEquals(0, a.top(), "nothing mapped from a truncated archive");
        assertEquals(plainJson, a.json());
    }

    @Test
    void garbageOfTheArchivesSizeAndTimeIsRefusedByTheJvmSilently() throws IOException {
        Path cache = recorded();
        Path jsa = cache.resolve("plm.jsa");
        FileTime mtime = Files.getLastModifiedTime(jsa);
        byte[] garbage = new byte[(int) Files.size(jsa)];
        new Random(20261207L).nextBytes(garbage);
        Files.write(jsa, garbage);
        Files.setLastModifiedTime(jsa, mtime);
        Cmd.Result current = sh("plm_launch_current \"$JAVA\" \"$JAR\" \"$DIR/plm.jsa\"", cache, Map.of());
        assertEquals(0, current.exit(), "the id cannot tell this one: the JVM's header check must");
        Analysis a = analyze(tmp, cache);
        assertEquals(0, a.top(), "nothing mapped from garbage");
        assertEquals(plainJson, a.json());
    }

    /** A short simulated night of the daemon through the launcher; how many project classes came from an archive. */
    private static long daemonNight(Path scratch, Path cache) throws IOException {
        Path conf = scratch.resolve("plm-" + System.nanoTime() + ".conf");
        Files.writeString(conf, String.join("\n", "sensor.left.type = simulator", "time_zone = UTC", "web.enabled = false",
                "store.path = " + scratch.resolve("store-" + System.nanoTime()).resolve("plm.db"), ""));
        Path log = scratch.resolve("classes-" + System.nanoTime() + ".log");
        Cmd.Result r = sh("plm_launch_exec \"$JAVA\" \"$JAR\" \"$DIR\" monitor --config \"$CONF\" --once --fast --hours 0.1",
                cache, Map.of("CONF", conf.toString(), "PLM_JAVA_OPTS", "-Xmx48m -Xlog:class+load:file=" + log));
        assertEquals(0, r.exit(), r.describe());
        return readLines(log).stream().filter(l -> l.contains(" org.plmmonitor.") && l.contains("source: shared objects file (top)")).count();
    }

    @Test
    void theDaemonStartsFromTheArchiveOfASimulatedNightAndPassesByATruncatedOne() throws IOException {
        Path cache = newDir(tmp);
        Cmd.Result r = sh("plm_launch_record \"$JAVA\" \"$JAR\" \"$DIR\" monitor && plm_launch_current \"$JAVA\" \"$JAR\" \"$DIR/plm-monitor.jsa\"",
                cache, Map.of());
        assertEquals(0, r.exit(), "recorded and current: " + r.describe());
        try (var s = Files.list(cache)) {
            assertEquals(List.of("plm-monitor.jsa", "plm-monitor.jsa.id"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the archive and its id, no scratch (store, SQLite's library) left");
        }
        long fromArchive = daemonNight(tmp, cache);
        assertTrue(fromArchive > 250, "nearly all the daemon's classes from its archive: " + fromArchive);
        Path jsa = cache.resolve("plm-monitor.jsa");
        byte[] whole = Files.readAllBytes(jsa);
        Files.write(jsa, java.util.Arrays.copyOf(whole, whole.length / 3));
        assertEquals(0, daemonNight(tmp, cache), "a plain start");
    }

    @Test
    void anUnreadableIdIsNoArchive() throws IOException {
        Path cache = recorded();
        Files.delete(cache.resolve("plm.jsa.id"));
        Files.createDirectory(cache.resolve("plm.jsa.id"));
        Analysis a = analyze(tmp, cache);
        assertEquals(0, a.top());
        assertFalse(a.json().isEmpty());
    }
}
