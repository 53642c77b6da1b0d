package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.edf.EdfSignalWriter;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.RawChunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A night's raw signal of one leg as EDF+D, the field's own format, written from the stored chunks
 * at night close: x, y, z in g, one-second data records, a gap in the recording a jump in the
 * records' onsets. A chunk's last part-second (at a gap or the night's end) is not written; the
 * store keeps every sample.
 */
final class NightEdf {
    private static final String[] AXES = {"X", "Y", "Z"};

    private NightEdf() {
    }

    /**
     * @return the file written, or null when the store holds no raw signal for the leg
     */
    static Path write(LocalStore store, String nightId, Leg leg, ZoneId zone, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(nightId + "-" + leg.jsonName() + ".edf");
        Writer w = new Writer(nightId, leg, zone, file);
        try {
            // Chunk by chunk: a night is tens of megabytes and the daemon's heap is 48.
            store.rawChunks(nightId, leg, c -> {
                try {
                    w.chunk(c);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            w.abandon();
            throw e.getCause();
        }
        try {
            return w.close() ? file : null;
        } catch (IOException e) {
            // The last records did not reach the disk (full): a cut-short EDF+ would lie about its length.
            try {
                Files.deleteIfExists(file);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }
    }

    /** Opens the file at the first chunk (its rate and start make the header). */
    private static final class Writer {
        private final String nightId;
        private final Leg leg;
        private final ZoneId zone;
        private final Path file;
        private EdfSignalWriter edf;
        private int rate;
        private long startMs;
        private short[][] rec;
        private double next = Double.NEGATIVE_INFINITY;

        Writer(String nightId, Leg leg, ZoneId zone, Path file) {
            this.nightId = nightId;
            this.leg = leg;
            this.zone = zone;
            this.file = file;
        }

        void chunk(RawChunk c) throws IOException {
            if (edf == null) {
                open(c);
            }
            if (Math.round(c.rateHz()) != rate || c.axes() != 3) {
                throw new IOException(String.format(Locale.ROOT,
                        "night %s %s: raw chunk at %d ms has %s Hz x %d axes, the file %d Hz x 3", nightId, leg,
                        c.startUtcMs(), c.rateHz(), c.axes(), rate));
            }
            short[] counts = c.counts();
            int seconds = counts.length / 3 / rate;
            double chunkOnset = (c.startUtcMs() - startMs) / 1000.0;
            for (int k = 0; k < seconds; k++) {
                for (int i = 0; i < rate; i++) {
                    int s = (k * rate + i) * 3;
                    rec[0][i] = counts[s];
                    rec[1][i] = counts[s + 1];
                    rec[2][i] = counts[s + 2];
                }
                // Chunk starts are whole milliseconds: never let rounding make two records overlap.
                double onset = Math.max(chunkOnset + k, next);
                edf.record(onset, rec);
                next = onset + 1.0;
            }
        }

        private void open(RawChunk first) throws IOException {
            rate = (int) Math.round(first.rateHz());
            rec = new short[3][rate];
            double full = 32768 * first.scaleGPerCount();
            startMs = Math.floorDiv(first.startUtcMs(), 1000L) * 1000L;
            String side = leg == Leg.LEFT ? "Left" : "Right";
            List<EdfSignalWriter.Signal> signals = new ArrayList<>();
            for (String a : AXES) {
                signals.add(new EdfSignalWriter.Signal(side + " ankle " + a, "MEMS accelerometer, ankle strap", "g",
                        -full, full * 32767 / 32768, rate));
            }
            LocalDateTime start = LocalDateTime.ofInstant(Instant.ofEpochMilli(startMs), zone);
            String equipment = ("plm-monitor_" + SoftwareVersion.get()).replace(' ', '_');
            edf = new EdfSignalWriter(file, start, "X X X X", "X X " + equipment, signals, 1.0);
        }

        /** @return true when a file was written */
        boolean close() throws IOException {
            if (edf == null) {
                return false;
            }
            edf.close();
            return true;
        }

        void abandon() {
            try {
                close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the original failure is what the caller reports
            }
        }
    }
}
