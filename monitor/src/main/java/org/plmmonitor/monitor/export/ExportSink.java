package org.plmmonitor.monitor.export;

import org.plmmonitor.analysis.io.IoErrors;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where {@link ExportFiles} puts the files of an export: a folder ({@code plm export --out}), or a stream (the
 * web's download: one zip, or the one file of a single-file format), so that the web sends what the command
 * writes without a copy of the raw signal on disk or in the heap.
 */
public sealed interface ExportSink {
    /** Writes a file's bytes to the stream it is given; does not close it. */
    interface Body {
        void write(OutputStream os) throws IOException;
    }

    /**
     * Writes one file.
     *
     * @param name the file's name (no folder)
     * @param body its contents
     * @throws IOException naming where it could not be written
     */
    void put(String name, Body body) throws IOException;

    /**
     * @param dir an existing folder
     * @return a sink that writes each file to a temporary name in the folder and moves it over its name only
     *         when complete, so a failure (a full disk) never leaves a partial file under an export's name
     */
    static ExportSink folder(Path dir) {
        return new Folder(dir);
    }

    /**
     * @param zip the zip being sent (the caller finishes it)
     * @return a sink that writes each file as an entry of the zip
     */
    static ExportSink zip(ZipOutputStream zip) {
        return new Zip(zip);
    }

    /**
     * @param out the stream being sent
     * @return a sink for a format of one file (JSON, PDF): that file's bytes go to {@code out}; a second file is refused
     */
    static ExportSink single(OutputStream out) {
        return new Single(out);
    }

    /** A folder: temporary name, then an atomic move. */
    record Folder(Path dir) implements ExportSink {
        @Override
        public void put(String name, Body body) throws IOException {
            Path target = dir.resolve(name);
            Path tmp = dir.resolve("." + name + ".tmp");
            try {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    body.write(os);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException gone) {
                    e.addSuppressed(gone);
                }
                IOException io = e instanceof IOException i ? i : e instanceof UncheckedIOException u ? u.getCause() : null;
                if (io == null) {
                    throw (RuntimeException) e;
                }
                throw new IOException("cannot write " + target + ": " + IoErrors.reason(io), io);
            }
        }
    }

    /** Entries of a zip. */
    record Zip(ZipOutputStream zip) implements ExportSink {
        @Override
        public void put(String name, Body body) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            body.write(new Unclosable(zip));
            zip.closeEntry();
        }
    }

    /** The one file of a single-file format. */
    final class Single implements ExportSink {
        private final OutputStream out;
        private String written;

        private Single(OutputStream out) {
            this.out = out;
        }

        @Override
        public void put(String name, Body body) throws IOException {
            if (written != null) {
                throw new IllegalStateException("a single-file answer already holds " + written + "; " + name + " needs a zip");
            }
            written = name;
            body.write(new Unclosable(out));
        }
    }

    /** Keeps a writer that closes its stream (PDFBox's save) from closing the zip or the answer under it. */
    final class Unclosable extends FilterOutputStream {
        private Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
