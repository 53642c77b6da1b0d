package org.plmmonitor.analysis.edf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdfSignalWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesADiscontinuousEdfPlusThatOurReaderAndTheLayoutAgreeOn() throws Exception {
        Path f = dir.resolve("night.edf");
        List<EdfSignalWriter.Signal> sig = List.of(
                new EdfSignalWriter.Signal("Left ankle X", "MEMS accelerometer", "g", -8, 8, 4),
                new EdfSignalWriter.Signal("Left ankle Y", "MEMS accelerometer", "g", -8, 8, 4));
        try (EdfSignalWriter w = new EdfSignalWriter(f, LocalDateTime.of(2026, 11, 23, 21, 30, 0), "P042 X X X",
                "X X plm-monitor", sig, 1.0)) {
            w.record(0, new short[][]{{1, 2, 3, 4}, {-1, -2, -3, -4}});
            w.record(1, new short[][]{{5, 6, 7, 8}, {0, 0, 0, 0}});
            w.record(30.5, new short[][]{{9, 10, 11, 12}, {32767, -32768, 0, 0}}); // after a gap
            assertThrows(IllegalArgumentException.class, () -> w.record(30.9, new short[][]{{0, 0, 0, 0}, {0, 0, 0, 0}}));
        }
        EdfAnnotations read = EdfAnnotations.read(f);
        assertEquals("EDF+D", read.reserved().trim());
        assertEquals(3, read.records());
        assertEquals(1.0, read.recordDurationS(), 0);
        assertEquals(List.of("Left ankle X", "Left ankle Y", "EDF Annotations"), read.labels());
        assertEquals(LocalDateTime.of(2026, 11, 23, 21, 30, 0), read.start());

        byte[] b = Files.readAllBytes(f);
        int header = 256 * 4;
        int recordBytes = 2 * 4 + 2 * 4 + 64;
        assertEquals(header + 3 * recordBytes, b.length);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(9, bb.getShort(header + 2 * recordBytes));
        assertEquals(-32768, bb.getShort(header + 2 * recordBytes + 8 + 2));
        String tal = new String(b, header + 2 * recordBytes + 16, 8, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(tal.startsWith("+30.5\u0014\u0014\u0000"), tal);
    }
}
