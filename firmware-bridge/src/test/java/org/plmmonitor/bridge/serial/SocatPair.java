package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair from socat, exposed as two symlinks {@code DIR/a} and {@code DIR/b}.
 * {@link #stop()} then {@link #start()} is an unplug and replug: the links vanish and come back
 * pointing at new /dev/pts nodes, as a USB adapter's by-id link does.
 */
public final class SocatPair implements AutoCloseable {
    private final Path a;
    private final Path b;
    private Process process;

    /** @param dir an empty directory for the links */
    public SocatPair(Path dir) {
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
    }

    /** Skips the calling test (assumption failure) when socat is not installed; test.sh installs it. */
    public static void assumeSocat() {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                found = true;
            }
        }
        Assumptions.assumeTrue(found, "socat is not installed (./test.sh installs it)");
    }

    /** @return the device-side link */
    public String a() {
        return a.toString();
    }

    /** @return the host-side link */
    public String b() {
        return b.toString();
    }

    /**
     * Starts socat and waits for both links.
     *
     * @return this
     * @throws IOException when socat cannot start or the links do not appear within 5 s
     */
    public SocatPair start() throws IOException {
        process = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > end || !process.isAlive()) {
                throw new IOException("socat did not create " + a + " and " + b + " within 5 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted starting socat", e);
            }
        }
        return this;
    }

    /** Kills socat (the "unplug") and waits until its links are gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            // socat removes its links on SIGTERM; make sure they are gone whatever happened.
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        } catch (IOException e) {
            // a leftover dangling link only delays the reopen; nothing to report
        }
    }

    @Override
    public void close() {
        stop();
    }
}
