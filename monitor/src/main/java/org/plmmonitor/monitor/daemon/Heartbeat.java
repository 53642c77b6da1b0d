package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code status.heartbeat}: the daemon's sign of life that needs no free space (docs/storage.md, "The daemon on
 * a full disk"). The file has a fixed {@value #SIZE} bytes, overwritten in place at every status tick (never
 * truncated or grown, so no new block is needed) with the time and, when the status files could not be written,
 * why. Should even that fail, its modification time is still set. {@code plm status} reads it to tell a daemon
 * that runs but cannot write its status from one that is not running.
 */
public final class Heartbeat {
    /** The file's name in the data directory. */
    public static final String FILE = "status.heartbeat";
    /** The file's fixed length, bytes. */
    static final int SIZE = 512;
    private static final String OK = "ok";

    private final Path file;

    /**
     * What a reader finds.
     *
     * @param age           how long ago the daemon last beat (the file's modification time), never negative
     * @param statusProblem why the status files were not written at that beat, empty when they were
     */
    public record Beat(Duration age, Optional<String> statusProblem) {
    }

    /** @param dataDir the daemon's data directory */
    Heartbeat(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /**
     * Beats: rewrites the file's bytes in place, or at least its modification time.
     *
     * @param now           the wall-clock time of this beat
     * @param statusProblem why the status files were not written at this tick, or null when they were
     * @throws IOException when neither the bytes nor the time could be set (logged by the caller)
     */
    void beat(Instant now, String statusProblem) throws IOException {
        String line = "updated_utc=" + now + "\nstatus=" + (statusProblem == null ? OK : "not written: "
                + statusProblem.replace('\n', ' '));
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[SIZE];
        java.util.Arrays.fill(block, (byte) ' ');
        System.arraycopy(text, 0, block, 0, Math.min(text.length, SIZE - 1));
        block[SIZE - 1] = '\n';
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            ByteBuffer b = ByteBuffer.wrap(block);
            long at = 0;
            while (b.hasRemaining()) {
                at += ch.write(b, at);
            }
        } catch (IOException e) {
            try {
                Files.setLastModifiedTime(file, FileTime.from(now));
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
                throw e;
            }
        }
    }

    /**
     * @param dataDir the daemon's data directory
     * @param now     the reader's time
     * @return the last beat, empty when there is no heartbeat file (a daemon older than it, or none ran here)
     * @throws IOException when the file exists but cannot be read
     */
    public static Optional<Beat> read(Path dataDir, Instant now) throws IOException {
        Path f = dataDir.resolve(FILE);
        String text;
        Instant at;
        try {
            at = Files.getLastModifiedTime(f).toInstant();
            text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Duration age = Duration.between(at, now);
        Optional<String> problem = Optional.empty();
        for (String l : text.split("\n")) {
            if (l.startsWith("status=not written: ")) {
                problem = Optional.of(l.substring("status=not written: ".length()).strip());
            }
        }
        return Optional.of(new Beat(age.isNegative() ? Duration.ZERO : age, problem));
    }
}
