package org.plmmonitor.bridge.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Decodes every byte-level example in PROTOCOL.md and checks it against the reference encoder. */
class ProtocolDocExamplesTest {

    record Example(String name, byte[] frame, byte[] wire, int line) {
    }

    static List<Example> examples() throws IOException {
        Path doc = Path.of("PROTOCOL.md");
        List<String> lines = Files.readAllLines(doc);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.startsWith("example:")) {
                String name = l.substring("example:".length()).trim();
                byte[] frame = null;
                byte[] wire = null;
                for (int j = i + 1; j < lines.size() && j < i + 8; j++) {
                    String k = lines.get(j).trim();
                    if (k.startsWith("frame:")) {
                        frame = hex(k.substring(6));
                    } else if (k.startsWith("wire:")) {
                        wire = hex(k.substring(5));
                    }
                }
                assertNotNull(frame, "PROTOCOL.md:" + (i + 1) + " example " + name + " has no frame: line");
                assertNotNull(wire, "PROTOCOL.md:" + (i + 1) + " example " + name + " has no wire: line");
                out.add(new Example(name, frame, wire, i + 1));
            }
        }
        return out;
    }

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    @Test
    void everyDocumentedExampleDecodesToItsMessage() throws IOException {
        List<Example> examples = examples();
        Map<String, Example> byName = new LinkedHashMap<>();
        for (Example e : examples) {
            byName.put(e.name(), e);
        }
        assertEquals(ProtocolExamples.ALL.keySet(), byName.keySet(), "PROTOCOL.md examples vs ProtocolExamples");
        for (Example e : examples) {
            String where = "PROTOCOL.md:" + e.line() + " (" + e.name() + ")";
            Message expected = ProtocolExamples.ALL.get(e.name());
            int seq = ProtocolExamples.SEQ.get(e.name());
            List<Message> got = new ArrayList<>();
            List<Integer> seqs = new ArrayList<>();
            FrameDecoder dec = new FrameDecoder((s, m) -> {
                seqs.add(s);
                got.add(m);
            });
            dec.feed(e.wire(), 0, e.wire().length);
            assertEquals(List.of(expected), got, where);
            assertEquals(List.of(seq), seqs, where);
            assertEquals(0, e.wire()[e.wire().length - 1], where + ": wire ends with the delimiter");
            byte[] raw = new byte[e.wire().length];
            int n = Cobs.decode(e.wire(), 0, e.wire().length - 1, raw);
            assertArrayEquals(e.frame(), java.util.Arrays.copyOf(raw, n), where + ": frame is the COBS-decoded wire");
            int crc = (e.frame()[n - 2] & 0xFF) | (e.frame()[n - 1] & 0xFF) << 8;
            assertEquals(Crc16.compute(e.frame(), 0, n - 2), crc, where + ": CRC");
            assertArrayEquals(e.wire(), new FrameEncoder().encode(expected, seq), where + ": re-encoding");
        }
    }
}
