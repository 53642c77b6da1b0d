package org.plmmonitor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plm analyze} of the golden night run through the installed /usr/bin/plm as a given user, on
 * this machine or inside a foreign root: what the JVM was started with ({@code -XX:+PrintCommandLineFlags},
 * its first line of output), the JSON it printed, and where its classes came from
 * ({@code -Xlog:class+load}).
 *
 * @param flags   the JVM's command-line flags, e.g. {@code -XX:TieredStopAtLevel=1}
 * @param json    the analysis, all of the rest of stdout
 * @param fromTop classes loaded from the class-data archive of the package (the top layer over the JDK's)
 * @param project of those, the project's own ({@code org.plmmonitor.*})
 */
record InstalledAnalysis(List<String> flags, String json, long fromTop, long project) {
    /** The night every run analyses: small (18 minutes at 25 Hz), and a real recording's CSV. */
    static final Path NIGHT = Deb.deployDir().resolve("../monitor/src/test/resources/golden/night8/left.csv")
            .toAbsolutePath().normalize();
    static final String ARCHIVE = "/var/cache/plm-monitor/plm.jsa";
    /** The daemon's archive, recorded by a short simulated night. */
    static final String DAEMON_ARCHIVE = "/var/cache/plm-monitor/plm-monitor.jsa";

    /**
     * @param runner  runs a command line where the package is installed (directly, or through chroot)
     * @param tmp     that system's /tmp as seen from here (the night and the class log go there)
     * @param user    who runs it, e.g. nobody
     * @param javaOpts PLM_JAVA_OPTS beyond the two that observe the run, or ""
     * @return what the run printed and loaded; its exit status must be 0
     */
    static InstalledAnalysis run(Function<List<String>, Cmd.Result> runner, Path tmp, String user, String javaOpts) {
        try {
            Path night = tmp.resolve("plm-night.csv");
            if (!Files.exists(night)) {
                Files.copy(NIGHT, night);
                night.toFile().setReadable(true, false);
            }
            String log = "/tmp/plm-classes-" + System.nanoTime() + ".log";
            List<String> argv = new ArrayList<>(List.of("runuser", "-u", user, "--", "env",
                    "PLM_JAVA_OPTS=-XX:+PrintCommandLineFlags -Xlog:class+load:file=" + log + " " + javaOpts,
                    "/usr/bin/plm", "analyze", "--left", "/tmp/plm-night.csv"));
            Cmd.Result r = runner.apply(argv);
            assertEquals(0, r.exit(), r.describe());
            int eol = r.out().indexOf('\n');
            List<String> flags = Arrays.asList(r.out().substring(0, eol).strip().split(" "));
            String json = r.out().substring(eol + 1);
            assertTrue(json.startsWith("{") && json.contains("\"summary\""), "only the JSON after the flags:\n" + r.out());
            Path logHere = tmp.resolve(log.substring("/tmp/".length()));
            List<String> loaded = Files.readAllLines(logHere);
            Files.delete(logHere);
            List<String> top = loaded.stream().filter(l -> l.contains("source: shared objects file (top)")).toList();
            return new InstalledAnalysis(flags, json, top.size(), top.stream().filter(l -> l.contains(" org.plmmonitor.")).count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the JVM was told to map the package's archive */
    boolean mapsTheArchive() {
        return flags.contains("-XX:SharedArchiveFile=" + ARCHIVE);
    }

    /** @return whether the run had plm analyze's C1 flags (and no later override of them) */
    boolean onC1() {
        return flags.contains("-XX:TieredStopAtLevel=1") && flags.contains("-XX:C1MaxInlineSize=60");
    }

    /**
     * @param runner as for {@link #run}
     * @return whether /var/cache/plm-monitor/plm.jsa is current for the installed jar and java, by the
     *         installed launch script's own test
     */
    static boolean archiveIsCurrent(Function<List<String>, Cmd.Result> runner) {
        return archiveIsCurrent(runner, ARCHIVE);
    }

    /**
     * @param runner as for {@link #run}
     * @param jsa    the archive's path on that system, e.g. /var/cache/plm-monitor/plm-monitor.jsa
     * @return whether it is current for the installed jar and java, by the installed launch script's own test
     */
    static boolean archiveIsCurrent(Function<List<String>, Cmd.Result> runner, String jsa) {
        return runner.apply(List.of("sh", "-c", ". /usr/share/plm-monitor/launch.sh && plm_launch_current "
                + "\"$(plm_launch_java)\" /usr/share/plm-monitor/plm.jar " + jsa)).exit() == 0;
    }

    /**
     * @param argv a command line holding a {@code PLM_JAVA_OPTS=...} argument (the unit's, for env)
     * @param more options to add at its end
     * @return the command line with them added
     */
    static List<String> withJavaOpts(List<String> argv, String more) {
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (String a : argv) {
            if (a.startsWith("PLM_JAVA_OPTS=")) {
                out.add(a + " " + more);
                found = true;
            } else {
                out.add(a);
            }
        }
        assertTrue(found, "no PLM_JAVA_OPTS in " + argv);
        return out;
    }

    /**
     * @param log the class-load log of a run, as seen from here
     * @return whether the detector's class came from the package's archive
     */
    static boolean detectorFromTheArchive(Path log) throws IOException {
        return Files.readAllLines(log).stream().anyMatch(l -> l.contains(
                " org.plmmonitor.analysis.detect.AccelerometerDetector source: shared objects file (top)"));
    }

    /**
     * @param log the class-load log of a run, as seen from here
     * @return how many of the project's classes came from the package's archive
     */
    static long projectClassesFromTheArchive(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains(" org.plmmonitor.") && l.contains("source: shared objects file (top)")).count();
    }
}
