package org.plmmonitor.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM command line that {@code lib/launch.sh} (shared by ./plm and the package's /usr/bin/plm)
 * builds: run by sh, with a stand-in for java that prints the arguments it was given, one a line (the
 * JAVA parameter is the seam; the real JVM runs in {@link LaunchScriptIT} and the package ITs).
 */
class LaunchScriptTest {
    private static final List<String> ARCHIVE_OPTS_TAIL = List.of("-Xshare:auto", "-Xlog:cds*=off");

    @TempDir
    Path tmp;
    private Path java;
    private Path jar;
    private Path cache;

    @BeforeEach
    void files() throws IOException {
        // Spaces in every path: the launcher must keep each one a single argument.
        Path dir = Files.createDirectories(tmp.resolve("a dir"));
        java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        assertTrue(java.toFile().setExecutable(true));
        jar = dir.resolve("plm.jar");
        Files.writeString(jar, "the jar");
        cache = Files.createDirectories(dir.resolve("cache dir"));
    }

    /** Runs a snippet of sh with launch.sh sourced and JAVA, JAR, DIR set; from {@code tmp}. */
    private Cmd.Result sh(Map<String, String> env, String snippet, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c",
                "cd \"$TMP\" && . \"$LIB\" && " + snippet, "sh"));
        argv.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(Map.of("LIB", Deb.deployDir().resolve("lib/launch.sh").toAbsolutePath().toString(),
                "TMP", tmp.toString(), "JAVA", java.toString(), "JAR", jar.toString(), "DIR", cache.toString()));
        return Cmd.run(30, all, argv);
    }

    /** @return the arguments java got from {@code plm_launch_exec JAVA JAR DIR args...} */
    private List<String> launch(Map<String, String> env, String... args) {
        Cmd.Result r = sh(env, "plm_launch_exec \"$JAVA\" \"$JAR\" \"$DIR\" \"$@\"", args);
        assertEquals(0, r.exit(), r.describe());
        return r.out().lines().toList();
    }

    private List<String> launch(String... args) {
        return launch(Map.of(), args);
    }

    /** The analysis' archive made current the way plm_launch_record makes it: its id written by plm_launch_id. */
    private Path currentArchive() throws IOException {
        return currentArchive("plm.jsa", "--version");
    }

    /**
     * @param name    the archive's file name in the cache directory
     * @param command a subcommand that maps it
     */
    private Path currentArchive(String name, String command) throws IOException {
        Path jsa = cache.resolve(name);
        Files.write(jsa, new byte[4096]);
        Cmd.Result id = sh(Map.of("JSA", jsa.toString()),
                "plm_launch_id \"$JAVA\" \"$JAR\" \"$JSA\" >\"$JSA.id\" && echo >>\"$JSA.id\"");
        assertEquals(0, id.exit(), id.describe());
        assertTrue(launch(command).contains("-XX:SharedArchiveFile=" + jsa), "made current");
        return jsa;
    }

    @Test
    void analyzeRunsOnC1WithWiderInliningAndTheOtherCommandsKeepTheFullJit() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:C1MaxInlineSize=60",
                "-jar", jar.toString(), "analyze", "--left", "a night.csv"), launch("analyze", "--left", "a night.csv"));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString(), "monitor", "--config", "/etc/plm-monitor/plm.conf"),
                launch("monitor", "--config", "/etc/plm-monitor/plm.conf"));
        // Only the subcommand decides: "analyze" as a later argument is not the analyze command.
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString(), "score", "analyze"), launch("score", "analyze"));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString()), launch());
    }

    @Test
    void plmJavaOptsComeLastSoTheyOverrideAndAreSplitButNeverGlobbed() throws IOException {
        // A file that the option would match as a glob pattern, in the directory plm runs from.
        Files.writeString(tmp.resolve("-Xlog:class+load"), "");
        List<String> argv = launch(Map.of("PLM_JAVA_OPTS", "-XX:TieredStopAtLevel=4  -Xlog:class*"), "analyze", "--left", "n.csv");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:C1MaxInlineSize=60",
                "-XX:TieredStopAtLevel=4", "-Xlog:class*", "-jar", jar.toString(), "analyze", "--left", "n.csv"), argv);
        // The daemon's unit gives its own heap; the JVM takes the last -Xmx, so the unit's wins.
        List<String> daemon = launch(Map.of("PLM_JAVA_OPTS", "-Xmx48m"), "monitor");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xmx48m", "-jar", jar.toString(), "monitor"), daemon);
    }

    @Test
    void aCurrentArchiveIsMappedWithTheJvmFreeToRefuseItAndItsMessagesSilenced() throws IOException {
        Path jsa = currentArchive();
        List<String> argv = launch("analyze", "--left", "n.csv");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:cds*=off",
                "-XX:TieredStopAtLevel=1", "-XX:C1MaxInlineSize=60", "-jar", jar.toString(), "analyze", "--left", "n.csv"), argv);
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:cds*=off",
                "-jar", jar.toString(), "score", "--help"), launch("score", "--help"));
    }

    @Test
    void theDaemonMapsItsOwnArchiveAndOnlyThatOne() throws IOException {
        currentArchive();
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString(), "monitor"), launch("monitor"),
                "the analysis' archive is not the daemon's");
        Path daemon = currentArchive("plm-monitor.jsa", "monitor");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:SharedArchiveFile=" + daemon, "-Xshare:auto", "-Xlog:cds*=off",
                "-jar", jar.toString(), "monitor", "--config", "/etc/plm-monitor/plm.conf"),
                launch("monitor", "--config", "/etc/plm-monitor/plm.conf"));
        assertTrue(launch("analyze").contains("-XX:SharedArchiveFile=" + cache.resolve("plm.jsa")));
    }

    private void assertPlainStart(String why) {
        List<String> argv = launch("analyze", "--left", "n.csv");
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || ARCHIVE_OPTS_TAIL.contains(a)),
                why + ": " + argv);
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:C1MaxInlineSize=60",
                "-jar", jar.toString(), "analyze", "--left", "n.csv"), argv, why);
    }

    @Test
    void aTruncatedArchiveIsNeverMapped() throws IOException {
        Path jsa = currentArchive();
        FileTime mtime = Files.getLastModifiedTime(jsa);
        Files.write(jsa, new byte[2048]);
        Files.setLastModifiedTime(jsa, mtime); // the size alone tells it
        assertPlainStart("truncated");
    }

    @Test
    void anArchiveOfAnotherJarIsStale() throws IOException {
        currentArchive();
        FileTime mtime = Files.getLastModifiedTime(jar);
        Files.writeString(jar, "the new jar");
        Files.setLastModifiedTime(jar, mtime); // an upgrade's jar may be older than the archive
        assertPlainStart("another jar, same mtime");
        currentArchive();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(mtime.toMillis() - 86_400_000L));
        assertPlainStart("the same size, another mtime");
    }

    @Test
    void anArchiveOfAnotherJavaIsStale() throws IOException {
        currentArchive();
        Files.setLastModifiedTime(java, FileTime.fromMillis(Files.getLastModifiedTime(java).toMillis() - 86_400_000L));
        assertPlainStart("another java");
    }

    @Test
    void noIdOrAnEmptyOneOrNoArchiveMeansAPlainStart() throws IOException {
        assertPlainStart("nothing recorded");
        currentArchive();
        Files.writeString(cache.resolve("plm.jsa.id"), "");
        assertPlainStart("empty id");
        currentArchive();
        Files.delete(cache.resolve("plm.jsa.id"));
        assertPlainStart("no id");
        currentArchive();
        Files.delete(cache.resolve("plm.jsa"));
        assertPlainStart("no archive");
    }

    @Test
    void recordingWhereItCannotWriteLeavesNothingAndSucceeds() {
        Path nowhere = tmp.resolve("no such dir");
        for (String command : List.of("analyze", "monitor")) {
            Cmd.Result r = sh(Map.of("NOWHERE", nowhere.toString()),
                    "plm_launch_record \"$JAVA\" \"$JAR\" \"$NOWHERE\" " + command + "; echo \"status $?\"");
            assertEquals(0, r.exit(), r.describe());
            assertEquals("status 0", r.out().strip(), r.describe());
            assertFalse(Files.exists(nowhere));
        }
    }

    @Test
    void aFailedRecordingLeavesNoArchiveNoIdAndNoScratch() throws IOException {
        currentArchive();
        currentArchive("plm-monitor.jsa", "monitor");
        // The stand-in java writes no archive: the recording fails after removing the old one.
        for (String command : List.of("analyze", "monitor")) {
            Cmd.Result r = sh(Map.of(), "plm_launch_record \"$JAVA\" \"$JAR\" \"$DIR\" " + command + "; echo \"status $?\"");
            assertEquals("status 0", r.out().strip(), r.describe());
        }
        try (var s = Files.list(cache)) {
            assertEquals(List.of(), s.toList(), "left in " + cache);
        }
        assertPlainStart("after a failed recording");
    }
}
