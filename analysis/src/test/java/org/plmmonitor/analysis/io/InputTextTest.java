package org.plmmonitor.analysis.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.MalformedInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputTextTest {
    @TempDir
    Path dir;

    @Test
    void shortInputIsQuotedWhole() {
        assertEquals("'abc'", InputText.quote("abc"));
        assertEquals("''", InputText.quote(""));
    }

    @Test
    void controlAndNonAsciiCharactersAreEscaped() {
        assertEquals("'a\\r\\n\\t\\x01\\x7f\\\\b'", InputText.quote("a\r\n\t\u0001\u007f\\b"));
        assertEquals("'\\ufefft \\u00e9 \\ufffd'", InputText.quote("\uFEFFt \u00e9 \uFFFD"));
    }

    @Test
    void longInputIsCutToFortyCharactersWithItsLength() {
        String in = "0123456789".repeat(40_000);
        String q = InputText.quote(in);
        assertEquals("'" + in.substring(0, InputText.MAX_QUOTED) + "...' (400000 characters)", q);
        assertEquals("'" + "x".repeat(40) + "'", InputText.quote("x".repeat(40)), "exactly the limit is not cut");
    }

    @Test
    void theFirstLineThatIsNotUtf8IsFound() throws IOException {
        Path f = dir.resolve("f.csv");
        byte[] head = "a\nb\u00e9\nc\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + 3);
        all[head.length] = 'd';
        all[head.length + 1] = (byte) 0xff;
        all[head.length + 2] = '\n';
        Files.write(f, all);
        assertEquals(4, InputText.firstNonUtf8Line(f));
        Files.write(f, head);
        assertEquals(0, InputText.firstNonUtf8Line(f), "all UTF-8");
        // Past the decoder's 64 kB buffer: the count carries over buffers.
        byte[] big = ("x\n".repeat(70_000) + "\u00ff").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(f, big);
        assertEquals(70_001, InputText.firstNonUtf8Line(f));
    }

    @Test
    void ioFailuresReadAsWordsWithoutClassNames() {
        assertEquals("no such file or directory", IoErrors.reason(new NoSuchFileException("/x")));
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x")));
        assertEquals("not UTF-8 text", IoErrors.reason(new MalformedInputException(1)));
        assertEquals("no space left on device (the disk is full)", IoErrors.reason(new IOException("No space left on device")));
        assertEquals("no space left on device (the disk is full)",
                IoErrors.reason(new FileSystemException("/x", null, "No space left on device")));
        assertEquals("input/output error", IoErrors.reason(new IOException()));
    }
}
