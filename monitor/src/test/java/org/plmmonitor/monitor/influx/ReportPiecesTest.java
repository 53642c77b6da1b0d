package org.plmmonitor.monitor.influx;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's pieces: each within the byte limit, on whole characters, joined back to the text. */
class ReportPiecesTest {
    @Test
    void piecesStayUnderTheLimitOnWholeCharactersAndJoinBack() {
        Random rnd = new Random(20261207L);
        // ASCII, 2-, 3- and 4-byte characters (a surrogate pair), so a cut can fall inside any of them.
        String[] alphabet = {"a", "{", "\"", "\n", "\u00e9", "\u20ac", "\uD83D\uDE00"};
        StringBuilder b = new StringBuilder();
        while (b.length() < 5000) {
            b.append(alphabet[rnd.nextInt(alphabet.length)]);
        }
        String text = b.toString();
        for (int max : new int[] {4, 5, 7, 64, 1000, 100_000}) {
            List<String> pieces = ReportPieces.split(text, max);
            assertEquals(text, ReportPieces.join(pieces), "max " + max);
            for (String p : pieces) {
                assertFalse(p.isEmpty(), "max " + max);
                assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= max, "max " + max);
                assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1)), "a pair cut in two at max " + max);
            }
            int total = text.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(pieces.size() >= (total + max - 1) / max, "max " + max);
        }
        assertEquals(1, ReportPieces.split(text, 100_000).size());
    }

    @Test
    void aPieceExactlyAtTheLimitIsNotSplit() {
        String text = "x".repeat(ReportPieces.MAX_BYTES);
        assertEquals(List.of(text), ReportPieces.split(text, ReportPieces.MAX_BYTES));
        assertEquals(List.of(text, "y"), ReportPieces.split(text + "y", ReportPieces.MAX_BYTES));
    }

    @Test
    void aLimitBelowOneCharacterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReportPieces.split("abc", 3));
    }
}
