package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.analysis.core.SoftwareVersion;
import org.plmmonitor.analysis.edf.EdfSignalWriter;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.RawChunk;

import java.io.IOException;
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
        List<RawChunk> chunks = new ArrayList<>();
        store.rawChunks(nightId, leg, chunks::add);
        if (chunks.isEmpty()) {
            return null;
        }
        RawChunk first = chunks.get(0);
        int rate = (int) Math.round(first.rateHz());
        double full = 32768 * first.scaleGPerCount();
        long startMs = Math.floorDiv(first.startUtcMs(), 1000L) * 1000L;
        String side = leg == Leg.LEFT ? "Left" : "Right";
        List<EdfSignalWriter.Signal> signals = new ArrayList<>();
        for (String a : AXES) {
            signals.add(new EdfSignalWriter.Signal(side + " ankle " + a, "MEMS accelerometer, ankle strap", "g",
                    -full, full * 32767 / 32768, rate));
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(nightId + "-" + leg.jsonName() + ".edf");
        LocalDateTime start = LocalDateTime.ofInstant(Instant.ofEpochMilli(startMs), zone);
        String equipment = ("plm-monitor_" + SoftwareVersion.get()).replace(' ', '_');
        try (EdfSignalWriter w = new EdfSignalWriter(file, start, "X X X X", "X X " + equipment, signals, 1.0)) {
            double next = Double.NEGATIVE_INFINITY;
            short[][] rec = new short[3][rate];
            for (RawChunk c : chunks) {
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
                    w.record(onset, rec);
                    next = onset + 1.0;
                }
            }
        }
        return file;
    }
}
