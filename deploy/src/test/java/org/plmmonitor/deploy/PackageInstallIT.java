package org.plmmonitor.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Installs the built .deb on this machine with dpkg, checks what it made, runs the installed command as
 * the service user the way the unit would, then purges it and checks nothing is left. No systemd runs
 * here (docs/contracts.md): the unit's ExecStart is run directly as the service user ({@code setpriv}).
 * The class-data archive postinst records: mapped by a user's {@code plm analyze} and by the daemon,
 * recorded again on reinstall and when Java changes (the trigger), never in the way when it is broken,
 * gone with the package. Needs root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageInstallIT {
    private static final String PKG = "plm-monitor";
    private static final Path UNIT = Path.of("/lib/systemd/system/plm-monitor.service");
    private static final Path ARCHIVE = Path.of(InstalledAnalysis.ARCHIVE);
    private static final Function<List<String>, Cmd.Result> HERE = argv -> Cmd.run(300, Map.of(), argv);
    private boolean installed;

    @BeforeAll
    void install() {
        assumeTrue(Cmd.onPath("dpkg"), "dpkg is not installed: the package install test needs a Debian system");
        assumeTrue(Cmd.root(), "not root: installing a .deb needs root (run the build as root, as CI does)");
        if (Cmd.run(30, "dpkg", "-s", PKG).exit() == 0) {
            purge(); // a leftover of an interrupted run
        }
        assumeTrue(Cmd.run(10, "getent", "passwd", "plm").exit() != 0,
                "a user 'plm' exists that this package did not make: not touching it");
        Cmd.Result r;
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        if (Cmd.run(30, "dpkg", "-s", "openjdk-17-jre-headless").exit() == 0 && Cmd.run(30, "dpkg", "-s", "adduser").exit() == 0) {
            r = Cmd.run(300, env, List.of("dpkg", "-i", Deb.file().toString()));
        } else {
            // apt resolves the dependencies (Java) from the archive.
            r = Cmd.run(600, env, List.of("apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=120",
                    Deb.file().toString()));
        }
        assertEquals(0, r.exit(), r.describe());
        installed = true;
    }

    @AfterAll
    void purgeIfStillInstalled() throws IOException {
        // The night the analyses read (InstalledAnalysis copies it into /tmp once).
        Files.deleteIfExists(Path.of("/tmp/plm-night.csv"));
        if (installed) {
            purge();
        }
    }

    private static void purge() {
        Cmd.Result r = Cmd.run(120, "dpkg", "--purge", PKG);
        assertEquals(0, r.exit(), r.describe());
    }

    private static PosixFileAttributes attrs(String path) throws IOException {
        return Files.readAttributes(Path.of(path), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void assertOwnerMode(String path, String owner, String group, String mode) throws IOException {
        PosixFileAttributes a = attrs(path);
        assertEquals(owner + ":" + group + " " + mode,
                a.owner().getName() + ":" + a.group().getName() + " " + PosixFilePermissions.toString(a.permissions()), path);
    }

    @Test
    @Order(1)
    void theServiceUserExistsWithoutLoginAndWithDeviceGroups() {
        Cmd.Result passwd = Cmd.run(10, "getent", "passwd", "plm");
        assertEquals(0, passwd.exit(), passwd.describe());
        String[] f = passwd.out().strip().split(":");
        assertEquals("/var/lib/plm-monitor", f[5]);
        assertEquals("/usr/sbin/nologin", f[6]);
        assertTrue(Integer.parseInt(f[2]) < 1000, "a system uid, not " + f[2]);
        List<String> groups = Arrays.asList(Cmd.run(10, "id", "-nG", "plm").out().strip().split(" "));
        for (String g : List.of("dialout", "i2c", "gpio")) {
            boolean exists = Cmd.run(10, "getent", "group", g).exit() == 0;
            assertEquals(exists, groups.contains(g), "group " + g + " (exists here: " + exists + ") in " + groups);
        }
    }

    @Test
    @Order(2)
    void directoriesAndSecretsBelongToTheServiceUserOnly() throws IOException {
        assertOwnerMode("/var/lib/plm-monitor", "plm", "plm", "rwxr-x---");
        assertOwnerMode("/etc/plm-monitor/secrets", "plm", "plm", "rw-------");
        assertOwnerMode("/etc/plm-monitor/plm.conf", "root", "root", "rw-r--r--");
        assertOwnerMode("/usr/bin/plm", "root", "root", "rwxr-xr-x");
        Cmd.Result conffiles = Cmd.run(10, "dpkg-query", "-W", "-f=${Conffiles}", PKG);
        assertTrue(conffiles.out().contains("/etc/plm-monitor/plm.conf"), conffiles.describe());
    }

    @Test
    @Order(3)
    void postinstRecordedTheClassDataArchivesThatOnlyRootWritesAndEveryoneReads() throws IOException {
        assertOwnerMode("/var/cache/plm-monitor", "root", "root", "rwxr-xr-x");
        for (String jsa : List.of(InstalledAnalysis.ARCHIVE, InstalledAnalysis.DAEMON_ARCHIVE)) {
            assertOwnerMode(jsa, "root", "root", "rw-r--r--");
            assertOwnerMode(jsa + ".id", "root", "root", "rw-r--r--");
            assertTrue(Files.size(Path.of(jsa)) > 1_000_000, "an archive of classes: " + jsa + ", " + Files.size(Path.of(jsa)) + " bytes");
            assertTrue(InstalledAnalysis.archiveIsCurrent(HERE, jsa), jsa + " made for the installed jar and java");
        }
        try (var s = Files.list(ARCHIVE.getParent())) {
            assertEquals(List.of("plm-monitor.jsa", "plm-monitor.jsa.id", "plm.jsa", "plm.jsa.id"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no scratch left");
        }
    }

    @Test
    @Order(4)
    void reinstallingKeepsTheSecretsTheConfigEditsAndTheData() throws IOException {
        Path secrets = Path.of("/etc/plm-monitor/secrets");
        Path conf = Path.of("/etc/plm-monitor/plm.conf");
        Path night = Path.of("/var/lib/plm-monitor/night.db");
        Files.writeString(secrets, "influx.password = kept\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(conf, "patient.id = p01\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(night, "data");
        // Its time, not its inode: the launcher removes the old archive before it records the new one,
        // so the file system may give the new file the inode the old one just freed.
        java.nio.file.attribute.FileTime archiveBefore = Files.getLastModifiedTime(ARCHIVE);
        Cmd.Result r = Cmd.run(300, Map.of("DEBIAN_FRONTEND", "noninteractive"),
                List.of("dpkg", "--force-confold", "-i", Deb.file().toString()));
        assertEquals(0, r.exit(), r.describe());
        assertTrue(Files.readString(secrets).endsWith("influx.password = kept\n"));
        assertOwnerMode(secrets.toString(), "plm", "plm", "rw-------");
        assertTrue(Files.readString(conf).endsWith("patient.id = p01\n"));
        assertEquals("data", Files.readString(night));
        assertOwnerMode("/var/lib/plm-monitor", "plm", "plm", "rwxr-x---");
        // An upgrade records the archive again for the new jar (postinst configure).
        assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(archiveBefore) > 0, "the archive was recorded again");
        assertTrue(InstalledAnalysis.archiveIsCurrent(HERE));
        assertTrue(InstalledAnalysis.archiveIsCurrent(HERE, InstalledAnalysis.DAEMON_ARCHIVE));
    }

    @Test
    @Order(5)
    void theUnitPassesSystemdAnalyzeVerify() {
        assumeTrue(Cmd.onPath("systemd-analyze"), "systemd-analyze is not installed (apt package systemd)");
        Cmd.Result r = Cmd.run(60, "systemd-analyze", "verify", UNIT.toString());
        assertEquals(0, r.exit(), r.describe());
        assertFalse(r.err().contains("plm-monitor.service:"), "warnings about the unit:\n" + r.err());
    }

    @Test
    @Order(6)
    void theInstalledCommandRunsAsTheServiceUser() {
        Cmd.Result r = Cmd.run(60, "runuser", "-u", "plm", "--", "/usr/bin/plm", "--version");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("plm " + Deb.projectVersion(), r.out().strip());
    }

    @Test
    @Order(7)
    void anyUsersAnalysisStartsFromTheArchiveOnC1AndPlmJavaOptsOverride() {
        InstalledAnalysis a = InstalledAnalysis.run(HERE, Path.of("/tmp"), "nobody", "");
        assertTrue(a.mapsTheArchive(), a.flags().toString());
        assertTrue(a.onC1(), "plm analyze runs on C1 with wider inlining: " + a.flags());
        assertTrue(a.project() > 100, "the project's classes come from the archive: " + a.project() + " of " + a.fromTop());
        InstalledAnalysis fullJit = InstalledAnalysis.run(HERE, Path.of("/tmp"), "nobody", "-XX:TieredStopAtLevel=4");
        assertTrue(fullJit.flags().contains("-XX:TieredStopAtLevel=4") && !fullJit.onC1(), fullJit.flags().toString());
        assertEquals(a.json(), fullJit.json(), "the same analysis");
        // Every other command keeps the full JIT (no TieredStopAtLevel, no C1MaxInlineSize).
        Cmd.Result version = Cmd.run(120, "runuser", "-u", "nobody", "--", "env", "PLM_JAVA_OPTS=-XX:+PrintCommandLineFlags",
                "/usr/bin/plm", "--version");
        assertEquals(0, version.exit(), version.describe());
        String flags = version.out().lines().findFirst().orElseThrow();
        assertTrue(flags.contains("-XX:SharedArchiveFile=" + ARCHIVE) && !flags.contains("TieredStopAtLevel")
                && !flags.contains("C1MaxInlineSize"), flags);
    }

    @Test
    @Order(8)
    void aTruncatedOrUnreadableArchiveMeansAPlainRunThatSucceeds() throws IOException {
        String json = InstalledAnalysis.run(HERE, Path.of("/tmp"), "nobody", "").json();
        byte[] whole = Files.readAllBytes(ARCHIVE);
        // Unreadable for the user: the id still matches, the JVM cannot open it and starts without it.
        Files.setPosixFilePermissions(ARCHIVE, PosixFilePermissions.fromString("rw-------"));
        InstalledAnalysis unreadable = InstalledAnalysis.run(HERE, Path.of("/tmp"), "nobody", "");
        assertEquals(0, unreadable.fromTop(), "nothing from an archive the user cannot read");
        assertEquals(json, unreadable.json());
        // Truncated, as a full disk or a lost write leaves it: mapping it would crash the JVM (SIGBUS).
        Files.write(ARCHIVE, Arrays.copyOf(whole, whole.length / 2));
        Files.setPosixFilePermissions(ARCHIVE, PosixFilePermissions.fromString("rw-r--r--"));
        InstalledAnalysis truncated = InstalledAnalysis.run(HERE, Path.of("/tmp"), "nobody", "");
        assertFalse(truncated.mapsTheArchive(), truncated.flags().toString());
        assertEquals(0, truncated.fromTop());
        assertTrue(truncated.onC1());
        assertEquals(json, truncated.json());
    }

    @Test
    @Order(9)
    void aJavaUpdateTriggersANewRecording() {
        assertFalse(InstalledAnalysis.archiveIsCurrent(HERE), "left truncated by the test before");
        // What dpkg does when a package's files under /usr/lib/jvm change: the file trigger, then its processing.
        Cmd.Result trigger = Cmd.run(60, "dpkg-trigger", "--no-await", "/usr/lib/jvm");
        assertEquals(0, trigger.exit(), trigger.describe());
        Cmd.Result process = Cmd.run(300, Map.of("DEBIAN_FRONTEND", "noninteractive"), List.of("dpkg", "--triggers-only", PKG));
        assertEquals(0, process.exit(), process.describe());
        assertTrue(process.out().contains("recording the class-data archive"), process.describe());
        assertTrue(InstalledAnalysis.archiveIsCurrent(HERE), process.describe());
        assertTrue(InstalledAnalysis.archiveIsCurrent(HERE, InstalledAnalysis.DAEMON_ARCHIVE), process.describe());
        assertTrue(InstalledAnalysis.run(HERE, Path.of("/tmp"), "nobody", "").project() > 100);
    }

    private List<String> execStartAsServiceUser() throws IOException {
        return Deb.execStartAsServiceUser(UNIT);
    }

    private static boolean hasMonitorCommand() {
        Cmd.Result help = Cmd.run(60, "runuser", "-u", "plm", "--", "/usr/bin/plm", "--help");
        assertEquals(0, help.exit(), help.describe());
        return help.out().lines().anyMatch(l -> l.strip().startsWith("monitor"));
    }

    @Test
    @Order(11)
    void theUnitsCommandLineStartsTheDaemonOnTheSimulator() throws Exception {
        List<String> argv = execStartAsServiceUser();
        if (!hasMonitorCommand()) {
            // Until `plm monitor` exists: the unit's JVM options and user still start the program.
            List<String> help = new ArrayList<>(argv.subList(0, argv.indexOf("/usr/bin/plm") + 1));
            help.add("--help");
            Cmd.Result r = Cmd.run(60, Map.of(), help);
            assertEquals(0, r.exit(), r.describe());
            assertTrue(r.out().contains("Usage: plm"), r.describe());
            return;
        }
        Files.writeString(Path.of("/etc/plm-monitor/plm.conf"), String.join("\n",
                "sensor.left.type = simulator", "sensor.left.speed = 100", "time_zone = UTC",
                "web.enabled = false", ""));
        Path out = Files.createTempFile("plm-monitor", ".out");
        // The daemon starts from the archive too: which of its classes came from it.
        Path classes = Path.of("/tmp/plm-daemon-classes-" + System.nanoTime() + ".log");
        argv = InstalledAnalysis.withJavaOpts(argv, "-Xlog:class+load:file=" + classes);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (p.waitFor(8, TimeUnit.SECONDS)) {
                fail("the daemon exited with " + p.exitValue() + " within 8 s:\n" + Files.readString(out));
            }
            assertTrue(Files.exists(Path.of("/var/lib/plm-monitor/plm.db")),
                    "no store in /var/lib/plm-monitor after 8 s:\n" + Files.readString(out));
        } finally {
            // The daemon itself gets the SIGTERM (setpriv execs it), as systemd's stop sends it.
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the daemon did not stop within 20 s of SIGTERM:\n" + Files.readString(out));
            }
            Files.deleteIfExists(out);
        }
        // Its own archive, recorded by a short simulated night: nearly all of its classes (about 300).
        try {
            assertTrue(InstalledAnalysis.detectorFromTheArchive(classes), "the daemon's detector from the archive");
            long fromArchive = InstalledAnalysis.projectClassesFromTheArchive(classes);
            assertTrue(fromArchive > 250, "the daemon's classes from its archive: " + fromArchive);
        } finally {
            Files.delete(classes);
        }
    }

    @Test
    @Order(12)
    void aBadConfigurationStopsTheDaemonNamingTheKey() throws Exception {
        assumeTrue(hasMonitorCommand(), "plm monitor is not wired yet");
        Files.writeString(Path.of("/etc/plm-monitor/plm.conf"), "sensor.left.type = simulator\nsensor.left.rate_hz = 120\n");
        Cmd.Result r = Cmd.run(60, Map.of(), execStartAsServiceUser());
        assertTrue(r.exit() != 0, r.describe());
        assertTrue(r.err().contains("/etc/plm-monitor/plm.conf:2: key 'sensor.left.rate_hz': 120 is not one of 25, 50, 100"),
                r.describe());
    }

    @Test
    @Order(13)
    void purgeLeavesNothingBehind() {
        purge();
        installed = false;
        assertTrue(Cmd.run(30, "dpkg", "-s", PKG).exit() != 0, "still installed");
        for (String path : List.of("/usr/bin/plm", "/usr/share/plm-monitor", "/etc/plm-monitor", "/var/lib/plm-monitor",
                "/var/cache/plm-monitor",
                UNIT.toString(), "/lib/udev/rules.d/99-plm-monitor.rules", "/usr/share/doc/plm-monitor",
                "/etc/systemd/system/multi-user.target.wants/plm-monitor.service")) {
            assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), path + " is left after purge");
        }
        assertTrue(Cmd.run(10, "getent", "passwd", "plm").exit() != 0, "user plm is left after purge");
        assertTrue(Cmd.run(10, "getent", "group", "plm").exit() != 0, "group plm is left after purge");
    }
}
