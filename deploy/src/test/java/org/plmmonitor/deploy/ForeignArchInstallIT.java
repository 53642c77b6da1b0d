package org.plmmonitor.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The package on the Raspberry Pi's architectures: a Debian bookworm root of arm64 and of armhf, run
 * under qemu-user emulation ({@code src/test/sh/foreign-root.sh}), gets the .deb with dpkg; the installed
 * daemon then runs on that architecture's Java with the unit's own command line, user and JVM options:
 * a simulated night through SQLite's native library and the EDF+ writer, and a serial board on a real
 * pseudo-terminal through jSerialComm's native library, the simulated board running on this machine.
 * The class-data archives postinst records there with that architecture's JVM are mapped by an
 * analysis and by the daemon; a truncated one is passed by.
 * <p>
 * What this is not: Raspberry Pi OS itself (its archive is not reachable here; it is Debian bookworm
 * with the Pi's kernel and firmware, and its 64-bit userland is Debian's arm64), nor Raspbian's ARMv6
 * build of armhf (Debian's armhf is ARMv7, which the Pi Zero 2 W and every Pi since the 2 run), nor
 * real I2C (no bus exists here; the drivers are tested with Pi4J's mock plugin). Needs root.
 */
class ForeignArchInstallIT {
    private static final Path SCRIPT = Deb.deployDir().resolve("src/test/sh/foreign-root.sh").toAbsolutePath();
    private static final String UNIT = "lib/systemd/system/plm-monitor.service";
    private static final String DATA = "var/lib/plm-monitor";

    /**
     * Builds both roots at once where they are not cached yet: their configuration runs under emulation,
     * mostly on one core each, so two at a time take little longer than one.
     */
    @BeforeAll
    static void prepareBothRoots() throws Exception {
        if (!Cmd.root() || !Cmd.onPath("debootstrap") || !Cmd.onPath("qemu-aarch64-static")) {
            return; // each architecture's tests say why they are skipped
        }
        List<Process> builds = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (String arch : List.of("arm64", "armhf")) {
            Path log = Files.createTempFile("plm-root-" + arch, ".log");
            logs.add(log);
            builds.add(new ProcessBuilder(SCRIPT.toString(), "prepare", arch).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < builds.size(); i++) {
            Process p = builds.get(i);
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            String out = Files.readString(logs.get(i));
            Files.delete(logs.get(i));
            assertEquals(0, p.isAlive() ? -1 : p.exitValue(), "building a root: " + out);
        }
    }

    @Nested
    class Arm64 extends OnArchitecture {
        Arm64() {
            super("arm64", "aarch64");
        }
    }

    @Nested
    class Armhf extends OnArchitecture {
        Armhf() {
            super("armhf", "armv7l");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class OnArchitecture {
        private final String arch;
        private final String machine;
        private Path dir;
        private Path root;

        /**
         * @param arch    Debian's name of the architecture
         * @param machine what {@code uname -m} says under its emulation
         */
        OnArchitecture(String arch, String machine) {
            this.arch = arch;
            this.machine = machine;
        }

        @BeforeAll
        void mountTheRootAndInstall() throws IOException {
            assumeTrue(Cmd.root(), "not root: building and entering a foreign root needs root (CI runs as root)");
            assumeTrue(Cmd.onPath("debootstrap") && Cmd.onPath("qemu-aarch64-static"),
                    "debootstrap and qemu-user-static are not installed (./test.sh installs them)");
            Path deb = Deb.file();
            dir = Files.createTempDirectory("plm-" + arch + "-");
            Cmd.Result up = Cmd.run(1800, SCRIPT.toString(), "up", arch, dir.toString());
            assertEquals(0, up.exit(), up.describe());
            root = dir.resolve("root");
            Files.copy(deb, root.resolve("tmp/plm-monitor.deb"));
            // postinst records the class-data archive: two JVM runs, about a minute under emulation.
            Cmd.Result r = chroot(900, "dpkg", "-i", "/tmp/plm-monitor.deb");
            assertEquals(0, r.exit(), r.describe());
        }

        @AfterAll
        void unmount() {
            if (dir != null) {
                Cmd.Result r = Cmd.run(120, SCRIPT.toString(), "down", dir.toString());
                assertEquals(0, r.exit(), r.describe());
            }
        }

        private Cmd.Result chroot(long timeoutS, String... argv) {
            return chroot(timeoutS, List.of(argv));
        }

        private Cmd.Result chroot(long timeoutS, List<String> argv) {
            List<String> all = new ArrayList<>(List.of("chroot", root.toString()));
            all.addAll(argv);
            return Cmd.run(timeoutS, Map.of("LC_ALL", "C.UTF-8"), all);
        }

        /** The unit's command line, as the service user, with these arguments added. */
        private List<String> daemon(String... extra) throws IOException {
            List<String> argv = new ArrayList<>(Deb.execStartAsServiceUser(root.resolve(UNIT)));
            argv.addAll(List.of(extra));
            return argv;
        }

        private void configure(String... lines) throws IOException {
            Files.writeString(root.resolve("etc/plm-monitor/plm.conf"), String.join("\n", lines) + "\n");
        }

        @Test
        @Order(1)
        void theRootRunsTheForeignArchitecture() {
            assertEquals(machine, chroot(60, "uname", "-m").out().strip(), "the kernel's view through qemu");
            assertEquals(arch, chroot(60, "dpkg", "--print-architecture").out().strip());
            Cmd.Result java = chroot(120, "sh", "-c", "readlink -f /usr/lib/jvm/java-17-openjdk-*/bin/java");
            assertTrue(java.out().contains("openjdk-" + arch), "Java of " + arch + ": " + java.describe());
        }

        @Test
        @Order(2)
        void theInstalledCommandRunsAsTheServiceUser() {
            Cmd.Result status = chroot(60, "dpkg-query", "-W", "-f=${Status} ${Architecture}", "plm-monitor");
            assertEquals("install ok installed all", status.out().strip(), status.describe());
            Cmd.Result groups = chroot(60, "id", "-nG", "plm");
            assertTrue(List.of(groups.out().strip().split(" ")).contains("dialout"), groups.describe());
            Cmd.Result r = chroot(180, "runuser", "-u", "plm", "--", "/usr/bin/plm", "--version");
            assertEquals(0, r.exit(), r.describe());
            assertEquals("plm " + Deb.projectVersion(), r.out().strip());
        }

        @Test
        @Order(3)
        void anAnalysisStartsFromTheArchiveRecordedAtInstallAndABrokenOneIsPassedBy() throws IOException {
            Function<List<String>, Cmd.Result> inRoot = argv -> chroot(600, argv);
            Path archive = root.resolve(InstalledAnalysis.ARCHIVE.substring(1));
            assertTrue(Files.size(archive) > 1_000_000, "recorded at install on " + arch + ": " + Files.size(archive) + " bytes");
            assertTrue(InstalledAnalysis.archiveIsCurrent(inRoot), "made for the installed jar and " + arch + "'s java");
            assertTrue(InstalledAnalysis.archiveIsCurrent(inRoot, InstalledAnalysis.DAEMON_ARCHIVE), "the daemon's, too");
            InstalledAnalysis a = InstalledAnalysis.run(inRoot, root.resolve("tmp"), "nobody", "");
            assertTrue(a.mapsTheArchive() && a.onC1(), a.flags().toString());
            assertTrue(a.project() > 100, "the project's classes come from the archive on " + arch + ": " + a.project());
            // Truncated (a full disk, a lost write): mapping it would crash the JVM; the launcher passes it by.
            byte[] whole = Files.readAllBytes(archive);
            Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
            InstalledAnalysis plain = InstalledAnalysis.run(inRoot, root.resolve("tmp"), "nobody", "");
            assertFalse(plain.mapsTheArchive(), plain.flags().toString());
            assertEquals(0, plain.fromTop());
            assertEquals(a.json(), plain.json(), "the same analysis from a plain start");
            // dpkg-reconfigure runs postinst configure: it records the archive again.
            Cmd.Result reconfigure = chroot(900, "dpkg-reconfigure", "-f", "noninteractive", "plm-monitor");
            assertEquals(0, reconfigure.exit(), reconfigure.describe());
            assertTrue(InstalledAnalysis.archiveIsCurrent(inRoot), reconfigure.describe());
        }

        @Test
        @Order(4)
        void aSimulatedNightRunsThroughTheUnitsCommandLine() throws IOException {
            configure("sensor.left.type = simulator", "sensor.left.rate_hz = 100", "sensor.left.speed = 1000",
                    "sensor.right.type = simulator", "sensor.right.rate_hz = 100",
                    "sensor.right.speed = 1000", "time_zone = UTC", "web.enabled = false");
            // The daemon starts from the archive too: which of its classes came from it.
            String classes = "/tmp/plm-daemon-classes.log";
            Cmd.Result r = chroot(600, InstalledAnalysis.withJavaOpts(daemon("--once", "--fast", "--hours", "1"),
                    "-Xlog:class+load:file=" + classes));
            assertEquals(0, r.exit(), r.describe());
            assertTrue(InstalledAnalysis.detectorFromTheArchive(root.resolve(classes.substring(1))),
                    "the daemon's detector from its archive on " + arch);
            long fromArchive = InstalledAnalysis.projectClassesFromTheArchive(root.resolve(classes.substring(1)));
            assertTrue(fromArchive > 250, "the daemon's classes from its archive on " + arch + ": " + fromArchive);
            Path nights = root.resolve(DATA).resolve("nights");
            List<Path> reports = list(nights, "\\d{4}-\\d{2}-\\d{2}\\.json");
            assertEquals(1, reports.size(), "one night's report in " + nights + ": " + list(nights, ".*"));
            String json = Files.readString(reports.get(0));
            assertTrue(number(json, "lm") > 0, "leg movements found on " + arch + ":\n" + json);
            assertTrue(Pattern.compile("\"software_version\"\\s*:\\s*\"" + Pattern.quote(Deb.projectVersion()) + "\"")
                    .matcher(json).find(), json);
            String night = reports.get(0).getFileName().toString().replace(".json", "");
            for (String leg : List.of("left", "right")) {
                Path edf = nights.resolve(night + "-" + leg + ".edf");
                assertTrue(Files.size(edf) > 100_000, edf + " holds the hour's signal: " + Files.size(edf) + " bytes");
                assertEquals("0       ", new String(Files.readAllBytes(edf), 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
            }
            // SQLite's native library of this architecture wrote the store (the JVM cannot load another).
            assertTrue(Files.size(root.resolve(DATA).resolve("plm.db")) > 0);
            assertTrue(Files.readString(root.resolve(DATA).resolve("status.json")).contains("\"state\": \"OK\""),
                    Files.readString(root.resolve(DATA).resolve("status.json")));
        }

        @Test
        @Order(5)
        void aSerialBoardIsReadThroughJSerialComm() throws Exception {
            assumeTrue(Cmd.onPath("socat"), "socat is not installed (./test.sh installs it)");
            Path ptys = Files.createTempDirectory("plm-pty-");
            Path dev = ptys.resolve("dev");
            Path host = ptys.resolve("host");
            // The host end belongs to group dialout, as a USB serial device does: the package put plm in it.
            Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dev,
                    "pty,raw,echo=0,group=dialout,mode=660,link=" + host)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Process sim = null;
            Process daemon = null;
            Path log = Files.createTempFile("plm-" + arch, ".log");
            try {
                waitFor(() -> Files.exists(dev) && Files.exists(host), 10, "socat's pty pair");
                // A fresh store: the simulated night before this test is not to be resumed.
                Cmd.Result clean = chroot(60, "sh", "-c", "rm -rf /" + DATA + "/*");
                assertEquals(0, clean.exit(), clean.describe());
                // The chroot sees this machine's /dev/pts: the daemon opens the pty by its real name.
                String hostPty = host.toRealPath().toString();
                LocalTime now = LocalTime.now(ZoneOffset.UTC);
                DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
                configure("sensor.left.type = serial", "sensor.left.path = " + hostPty,
                        "sensor.right.type = serial", "sensor.right.path = " + hostPty,
                        "night.start = " + now.minusHours(1).format(hhmm), "night.end = " + now.plusHours(2).format(hhmm),
                        "time_zone = UTC", "web.enabled = false");
                List<String> argv = new ArrayList<>(List.of("chroot", root.toString()));
                argv.addAll(daemon());
                daemon = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                // The simulated board runs here, natively, on the jar the package installed.
                sim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        root.resolve("usr/share/plm-monitor/plm.jar").toString(), "simulate-device", "--pty", dev.toString(),
                        "--night", "3", "--hours", "1", "--speed", "10", "--role", "sensor")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Path status = root.resolve(DATA).resolve("status.json");
                Process d = daemon;
                waitFor(() -> {
                    if (!d.isAlive()) {
                        fail("the daemon exited with " + d.exitValue() + ":\n" + Files.readString(log));
                    }
                    List<Long> samples = numbers(Files.exists(status) ? Files.readString(status) : "", "samples");
                    return samples.size() == 2 && samples.stream().allMatch(n -> n > 3000);
                }, 180, "both legs past 3000 samples in " + status);
                daemon.destroy();
                assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stops on SIGTERM:\n" + Files.readString(log));
                String json = Files.readString(status);
                assertEquals(List.of(50L, 50L), numbers(json, "rate_hz"), "the board's rate, from its stamps:\n" + json);
                assertEquals(List.of(0L, 0L), numbers(json, "frames_rejected"), json);
                assertEquals(1, list(root.resolve(DATA).resolve("nights"), "\\d{4}-\\d{2}-\\d{2}\\.json").size(),
                        "the night closed on SIGTERM with its report:\n" + Files.readString(log));
            } finally {
                for (Process p : new Process[]{sim, daemon, socat}) {
                    if (p != null) {
                        p.destroy();
                        if (!p.waitFor(30, TimeUnit.SECONDS)) {
                            p.destroyForcibly().waitFor();
                        }
                    }
                }
                Files.deleteIfExists(log);
                try (Stream<Path> s = Files.list(ptys)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(ptys);
            }
        }

        @Test
        @Order(6)
        void purgeLeavesNothingBehind() {
            Cmd.Result r = chroot(180, "dpkg", "--purge", "plm-monitor");
            assertEquals(0, r.exit(), r.describe());
            for (String path : List.of("usr/bin/plm", "usr/share/plm-monitor", "etc/plm-monitor", DATA, UNIT,
                    "var/cache/plm-monitor")) {
                assertFalse(Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS), path + " is left after purge");
            }
            assertTrue(chroot(60, "getent", "passwd", "plm").exit() != 0, "user plm is left after purge");
        }
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    /** Polls a condition on a deadline: the daemon under emulation has no event to wait on. */
    private static void waitFor(Condition c, long seconds, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.met()) {
            if (System.nanoTime() > end) {
                fail("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    private static List<Path> list(Path dir, String regex) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(regex)).sorted().toList();
        }
    }

    /** Every whole-number value of a key in a JSON text, in order (our files' keys are unique per object). */
    private static List<Long> numbers(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?\\d+)(?:\\.0+)?\\b").matcher(json);
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    private static long number(String json, String key) {
        List<Long> all = numbers(json, key);
        assertFalse(all.isEmpty(), "no \"" + key + "\" in:\n" + json);
        return all.get(0);
    }
}
