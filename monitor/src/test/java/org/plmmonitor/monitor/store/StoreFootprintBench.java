package org.plmmonitor.monitor.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Footprint and speed of the local store, reported in docs/storage.md. Tagged {@code bench}: the
 * parent pom's surefire configuration excludes that group, so it runs only where a benchmark
 * profile re-includes it (docs/contracts.md: speed and footprint are measured outside CI).
 */
@Tag("bench")
class StoreFootprintBench {
    @TempDir
    Path dir;

    @Test
    void rawSignalOfOneNightTwoLegsAt100Hz() {
        for (double noise : new double[] {2, 8}) {
            Path db = dir.resolve("raw-" + (int) noise + ".db");
            Random rnd = new Random(31);
            Instant start = Instant.parse("2026-11-23T21:30:00Z");
            int chunks = 8 * 360; // 8 h of 10 s chunks
            long t0 = System.nanoTime();
            LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC());
            try {
                for (int c = 0; c < chunks; c++) {
                    for (Leg leg : new Leg[] {Leg.LEFT, Leg.RIGHT}) {
                        store.putRawChunk(chunk("2026-11-23", leg, start.toEpochMilli() + c * 10_000L, rnd, noise, c));
                    }
                    if (c % 100 == 0) {
                        store.flush();
                    }
                }
                store.flush();
                double s = (System.nanoTime() - t0) / 1e9;
                LocalStore.RawFootprint f = store.rawFootprint("2026-11-23");
                assertEquals(2L * chunks, f.chunks());
                long open = sizeOf(db);
                store.close();
                long file = sizeOf(db);
                System.out.printf("while open (with write-ahead logs): %.1f MB%n", open / 1e6);
                System.out.printf("raw, noise %.0f counts RMS (1/4096 g per count): %d chunks, %.1f MB compressed"
                                + " (%.2f bytes/sample/axis, uncompressed 2), DB file %.1f MB; written in %.1f s (%.0f chunks/s)%n",
                        noise, f.chunks(), f.compressedBytes() / 1e6, f.compressedBytes() / (double) f.counts(), file / 1e6, s,
                        f.chunks() / s);
            } finally {
                store.close(); // idempotent; the sizes above are taken after the first close
            }
        }
    }

    @Test
    void itemWriteThroughput() {
        SyntheticNight n = new SyntheticNight(Instant.parse("2026-11-23T21:30:00Z"), 8 * 3600, 32);
        for (boolean forwarding : new boolean[] {false, true}) {
            Path db = dir.resolve("items-" + forwarding + ".db");
            LocalStore store = LocalStore.open(db, StoreConfig.builder().forwardingEnabled(forwarding).build(), Clock.systemUTC());
            try {
                long t0 = System.nanoTime();
                n.activity.forEach(store::putActivity);
                n.movements.forEach(store::putMovement);
                store.flush();
                double s = (System.nanoTime() - t0) / 1e9;
                int items = n.activity.size() + n.movements.size();
                store.close();
                System.out.printf("items (outbox %s): %d in %.2f s = %.0f items/s; DB %.1f MB for one night without raw%n",
                        forwarding, items, s, items / s, sizeOf(db) / 1e6);
            } finally {
                store.close();
            }
        }
    }

    private static long sizeOf(Path db) {
        try {
            long total = 0;
            for (Path f : new Path[] {db, Path.of(db + "-wal"), LocalStore.rawFile(db), Path.of(LocalStore.rawFile(db) + "-wal")}) {
                total += Files.exists(f) ? Files.size(f) : 0;
            }
            return total;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Lying still with sensor noise; a 1.5 s leg movement every 30 s (about 5 % of samples). */
    private static RawChunk chunk(String night, Leg leg, long startMs, Random rnd, double noise, int c) {
        short[] counts = new short[1000 * 3];
        for (int i = 0; i < 1000; i++) {
            double move = (c % 3 == 0 && i >= 200 && i < 350) ? 400 * Math.sin(i * 0.3) : 0;
            counts[3 * i] = (short) Math.round(300 + move + rnd.nextGaussian() * noise);
            counts[3 * i + 1] = (short) Math.round(-500 + 0.5 * move + rnd.nextGaussian() * noise);
            counts[3 * i + 2] = (short) Math.round(4050 + rnd.nextGaussian() * noise);
        }
        return new RawChunk(night, leg, startMs, 100, 1 / 4096.0, 3, counts);
    }
}
