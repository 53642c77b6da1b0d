package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A really full filesystem for tests: a small tmpfs mounted over a directory (root only; CI runs as
 * root). Tests that need one skip, saying why, where it cannot be mounted.
 */
final class SmallTmpfs implements AutoCloseable {
    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir  an existing empty directory to mount over
     * @param size the filesystem's size as mount takes it, e.g. {@code 2m}
     * @return the mounted filesystem; close it to unmount
     */
    static SmallTmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "a full filesystem needs a tmpfs mount, which needs root");
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        assumeTrue(out == null, "mount -t tmpfs failed: " + out);
        return new SmallTmpfs(dir);
    }

    /** @return null on success, else what the command said */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", cmd) + " did not finish within 30 s";
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + said;
    }

    private List<String> openHere() throws IOException {
        List<String> open = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(dir)) {
                        open.add(target.toString());
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        return open;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", dir.toString());
        if (out != null) {
            String held = openHere().toString();
            run("umount", "-l", dir.toString()); // detach anyway: a leak must fail this test, not leave a mount
            throw new IOException("umount " + dir + " failed: " + out + "; files this JVM holds open there: " + held);
        }
    }
}
