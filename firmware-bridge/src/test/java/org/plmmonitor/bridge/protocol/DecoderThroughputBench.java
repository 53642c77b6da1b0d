package org.plmmonitor.bridge.protocol;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * Frames per second the decoder sustains on a prepared byte array (no I/O), for
 * firmware-bridge/README.md. Not part of the test run (group "bench"); run its main.
 */
@Tag("bench")
class DecoderThroughputBench {

    @Test
    void bench() {
        main(new String[0]);
    }

    public static void main(String[] args) {
        for (int samples : new int[]{25, 80}) {
            SplittableRandom rnd = new SplittableRandom(1);
            FrameEncoder enc = new FrameEncoder();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int frames = 20_000;
            for (int i = 0; i < frames; i++) {
                short[] xyz = new short[3 * samples];
                for (int k = 0; k < xyz.length; k++) {
                    xyz[k] = (short) rnd.nextInt(-4000, 4000);
                }
                out.writeBytes(enc.encode(new Message.SampleBatch(0, (long) i * samples, 5000, 1000, xyz)));
            }
            byte[] data = out.toByteArray();
            long[] count = new long[1];
            FrameDecoder dec = new FrameDecoder((seq, m) -> count[0]++);
            for (int warm = 0; warm < 20; warm++) {
                dec.feed(data, 0, data.length);
            }
            int rounds = 30;
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int off = 0; off < data.length; off += 4096) {
                    dec.feed(data, off, Math.min(4096, data.length - off));
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double fps = rounds * (double) frames / s;
            System.out.printf("decoder, %d-sample batches (%d B/frame on the wire): %.0f frames/s, %.0f samples/s, %.1f MB/s%n",
                    samples, data.length / frames, fps, fps * samples, rounds * (double) data.length / s / 1e6);
        }
    }
}
