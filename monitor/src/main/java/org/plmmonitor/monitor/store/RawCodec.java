package org.plmmonitor.monitor.store;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Compresses raw counts for storage: per-axis first differences (a slowly varying accelerometer
 * signal has small steps), zig-zag mapped, written as little-endian 16-bit words, then DEFLATE
 * (java.util.zip, the format every tool reads). Lossless.
 */
final class RawCodec {
    /** Codec id stored beside each blob, so a later codec can coexist with old rows. */
    static final int DELTA16_DEFLATE = 1;

    private RawCodec() {
    }

    static byte[] encode(short[] counts, int axes) {
        byte[] words = new byte[counts.length * 2];
        for (int i = 0; i < counts.length; i++) {
            int prev = i >= axes ? counts[i - axes] : 0;
            int d = (short) (counts[i] - prev); // wraps in 16 bits; decode wraps back
            int z = (d << 1) ^ (d >> 31);
            words[2 * i] = (byte) z;
            words[2 * i + 1] = (byte) (z >>> 8);
        }
        Deflater deflater = new Deflater(6);
        try {
            deflater.setInput(words);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(words.length / 2 + 64);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static short[] decode(byte[] blob, int countsLength, int axes) throws DataFormatException {
        byte[] words = new byte[countsLength * 2];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(blob);
            int off = 0;
            while (off < words.length) {
                int n = inflater.inflate(words, off, words.length - off);
                if (n == 0 && (inflater.finished() || inflater.needsInput())) {
                    break;
                }
                off += n;
            }
            if (off != words.length) {
                throw new DataFormatException("raw chunk inflated to " + off + " bytes, expected " + words.length);
            }
        } finally {
            inflater.end();
        }
        short[] counts = new short[countsLength];
        for (int i = 0; i < countsLength; i++) {
            int z = (words[2 * i] & 0xff) | ((words[2 * i + 1] & 0xff) << 8);
            int d = (z >>> 1) ^ -(z & 1);
            int prev = i >= axes ? counts[i - axes] : 0;
            counts[i] = (short) (prev + d);
        }
        return counts;
    }
}
