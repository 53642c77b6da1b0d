package org.plmmonitor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the build put things. */
final class Deb {
    private Deb() {
    }

    /** @return the deploy module's directory */
    static Path deployDir() {
        return Path.of(System.getProperty("deploy.dir", "."));
    }

    /** @return the one .deb the package phase built */
    static Path file() {
        Path target = Path.of(System.getProperty("deploy.target", "target"));
        try (Stream<Path> s = Files.list(target)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("plm-monitor_.*_all\\.deb")).toList();
            assertEquals(1, debs.size(), "expected one plm-monitor_*_all.deb in " + target + ", found " + debs);
            return debs.get(0).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    /** @return the Maven project version, e.g. 0.1.0-SNAPSHOT */
    static String projectVersion() {
        return System.getProperty("project.version", "");
    }

    /**
     * The installed unit's ExecStart, with its Environment, as the service user would run it: no systemd
     * runs here (docs/contracts.md), so tests run this command line as that user with {@code setpriv}, which execs
     * it: a SIGTERM to the process reaches the daemon itself, as systemd's stop sends it. ({@code runuser}
     * would stand between them and SIGKILL the daemon 2 s after passing the SIGTERM on, cutting short a
     * night close that takes longer on a loaded machine or under emulation.)
     *
     * @param unit the installed unit file, e.g. /lib/systemd/system/plm-monitor.service (inside a root)
     * @return {@code setpriv --reuid=plm --regid=plm --init-groups -- env VAR=... /usr/bin/plm monitor ...}
     */
    static List<String> execStartAsServiceUser(Path unit) throws IOException {
        List<String> env = new ArrayList<>();
        String exec = null;
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("Environment=")) {
                String v = line.substring("Environment=".length());
                env.add(v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
            } else if (line.startsWith("ExecStart=")) {
                exec = line.substring("ExecStart=".length());
            }
        }
        assertTrue(exec != null, "no ExecStart in " + unit);
        assertTrue(env.stream().anyMatch(e -> e.startsWith("PLM_JAVA_OPTS=") && e.contains("-Xmx48m")), env.toString());
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=plm", "--regid=plm", "--init-groups", "--", "env"));
        argv.addAll(env);
        argv.addAll(Arrays.asList(exec.split(" ")));
        return argv;
    }
}
