package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A one-word request a command leaves for the running daemon in its data directory ({@code plm night
 * start|end}, {@code plm cuff stop}): written beside and renamed, so the daemon never reads half a word,
 * and deleted by the daemon when it takes it on its next step. What a word means, and what an unreadable
 * file means, is the caller's to decide ({@link NightControl}, {@link CuffControl}).
 */
final class ControlFile {
    private ControlFile() {
    }

    /**
     * @param dir  the daemon's data directory (created if missing)
     * @param name the control file's name
     * @param word the request
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    static void leave(Path dir, String name, String word) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, word + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot leave the request '" + word + "' in " + dir.resolve(name), e);
        }
    }

    /**
     * @param dir  the daemon's data directory
     * @param name the control file's name
     * @return the word left there, trimmed (the file is removed), or empty when there is none
     * @throws IOException when the file is there but cannot be read or removed (its path in the message)
     */
    static Optional<String> take(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            String word = Files.readString(f, StandardCharsets.UTF_8).trim();
            Files.deleteIfExists(f);
            return Optional.of(word);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // taken between the look and the read
        }
    }
}
