package org.plmmonitor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
