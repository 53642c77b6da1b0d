package org.plmmonitor.bridge.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CobsCrcTest {

    @Test
    void crcMatchesTheCcittFalseCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x29B1, Crc16.compute(check, 0, check.length));
    }

    @Test
    void cobsKnownVectors() {
        assertEncodes(new byte[]{0x00}, new byte[]{0x01, 0x01});
        assertEncodes(new byte[]{0x00, 0x00}, new byte[]{0x01, 0x01, 0x01});
        assertEncodes(new byte[]{0x11, 0x22, 0x00, 0x33}, new byte[]{0x03, 0x11, 0x22, 0x02, 0x33});
        assertEncodes(new byte[]{0x11, 0x00, 0x00, 0x00}, new byte[]{0x02, 0x11, 0x01, 0x01, 0x01});
        byte[] run = new byte[254];
        Arrays.fill(run, (byte) 7);
        byte[] enc = new byte[256];
        int n = Cobs.encode(run, 0, run.length, enc, 0);
        assertEquals(256, n, "254 non-zero bytes need a full block and a trailing code");
        assertEquals((byte) 0xFF, enc[0]);
        assertEquals(0x01, enc[255]);
    }

    private static void assertEncodes(byte[] raw, byte[] expected) {
        byte[] enc = new byte[Cobs.maxEncodedLength(raw.length)];
        int n = Cobs.encode(raw, 0, raw.length, enc, 0);
        assertArrayEquals(expected, Arrays.copyOf(enc, n));
        byte[] dec = new byte[n];
        int m = Cobs.decode(enc, 0, n, dec);
        assertArrayEquals(raw, Arrays.copyOf(dec, m));
    }

    @Property(tries = 500, seed = "42")
    void cobsRoundTripsAndNeverEmitsZero(@ForAll @Size(max = 1200) byte[] raw) {
        byte[] enc = new byte[Cobs.maxEncodedLength(raw.length)];
        int n = Cobs.encode(raw, 0, raw.length, enc, 0);
        for (int i = 0; i < n; i++) {
            assertTrue(enc[i] != 0, "zero in encoded output at " + i);
        }
        byte[] dec = new byte[n];
        int m = Cobs.decode(enc, 0, n, dec);
        assertArrayEquals(raw, Arrays.copyOf(dec, m));
    }
}
