package org.plmmonitor.monitor.daemon;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file whole or not at all: the content goes to {@code <name>.tmp} beside it, which is then
 * moved over the file. On any failure (a full disk most often) the temporary file is removed, so the
 * previous file stays as it was and nothing half-written is left behind.
 */
final class AtomicFile {
    /** Writes the content to a writer; may fail with the disk. */
    interface Content {
        /**
         * @param w where to write, UTF-8
         * @throws IOException when writing fails
         */
        void writeTo(Writer w) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * @param file    the file to replace (its directory is created if missing)
     * @param content what to write into it
     * @throws IOException naming the file when it could not be replaced; the old file is then untouched
     */
    static void replace(Path file, Content content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // The stream is closed on its own: a BufferedWriter whose final flush fails (no space) does
            // not close what it wraps, and the descriptor of the deleted temporary file would leak.
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                content.writeTo(w);
                w.flush();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException failed) {
            // A writer given as an Appendable (a report's JSON) reports the disk unchecked.
            IOException e = failed instanceof UncheckedIOException u ? u.getCause() : (IOException) failed;
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** @return the failure in words: the message, or the exception's kind when it has none */
    static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
