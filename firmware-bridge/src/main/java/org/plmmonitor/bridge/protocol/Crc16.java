package org.plmmonitor.bridge.protocol;

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor; check value of
 * "123456789" is 0x29B1). Table-driven because the decoder runs it over every byte received, and a
 * microcontroller can use the same table or the bitwise form from PROTOCOL.md.
 */
public final class Crc16 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            TABLE[i] = c & 0xFFFF;
        }
    }

    private Crc16() {
    }

    /**
     * @param data bytes to check
     * @param off  first byte, 0 to data.length
     * @param len  number of bytes, 0 to data.length - off
     * @return the CRC as an unsigned value 0..65535
     */
    public static int compute(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
