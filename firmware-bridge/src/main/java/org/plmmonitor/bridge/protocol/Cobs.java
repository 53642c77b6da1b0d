package org.plmmonitor.bridge.protocol;

/**
 * Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so that 0x00 can delimit frames
 * on the wire and a receiver can resynchronise at the next 0x00 after any garbage. Overhead is one
 * byte per 254 bytes of payload plus one.
 */
public final class Cobs {
    private Cobs() {
    }

    /**
     * Largest encoded size of a frame of {@code len} bytes (without the trailing delimiter).
     *
     * @param len decoded length in bytes, 0 or more
     * @return encoded length bound in bytes
     */
    public static int maxEncodedLength(int len) {
        return len + len / 254 + 1;
    }

    /**
     * @param src  bytes to encode
     * @param off  first byte
     * @param len  number of bytes
     * @param dst  output, at least {@link #maxEncodedLength(int)} bytes from dstOff
     * @param dstOff where to write
     * @return number of bytes written (no delimiter is written)
     */
    public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int codeIndex = dstOff;
        int out = dstOff + 1;
        int code = 1;
        for (int i = off; i < off + len; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeIndex] = (byte) code;
                codeIndex = out++;
                code = 1;
            } else {
                dst[out++] = b;
                code++;
                if (code == 0xFF) {
                    dst[codeIndex] = (byte) code;
                    codeIndex = out++;
                    code = 1;
                }
            }
        }
        dst[codeIndex] = (byte) code;
        return out - dstOff;
    }

    /**
     * Decodes in place-safe fashion into {@code dst}.
     *
     * @param src    encoded bytes, without the delimiter
     * @param off    first byte
     * @param len    number of bytes
     * @param dst    output, at least len bytes from 0
     * @return decoded length, or -1 when the input is not valid COBS (a zero byte, or a code byte
     *         pointing past the end)
     */
    public static int decode(byte[] src, int off, int len, byte[] dst) {
        int in = off;
        int end = off + len;
        int out = 0;
        while (in < end) {
            int code = src[in++] & 0xFF;
            if (code == 0 || in + code - 1 > end) {
                return -1;
            }
            for (int i = 1; i < code; i++) {
                byte b = src[in++];
                if (b == 0) {
                    return -1;
                }
                dst[out++] = b;
            }
            if (code != 0xFF && in < end) {
                dst[out++] = 0;
            }
        }
        return out;
    }
}
