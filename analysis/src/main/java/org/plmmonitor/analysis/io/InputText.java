package org.plmmonitor.analysis.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How messages show the user's input. Every message that quotes input quotes it through
 * {@link #quote}: a short excerpt with control and non-ASCII characters escaped, so that a file of
 * one 400 kB line (CR-only line ends) or binary garbage gives one short, printable line.
 */
public final class InputText {
    /** Characters of input a message shows at most; longer input is cut and its length given. */
    public static final int MAX_QUOTED = 40;

    private InputText() {
    }

    /**
     * @param input text taken from the input (a field, a header, a line, a value)
     * @return the text in single quotes, escaped as {@link #escape}, at most {@link #MAX_QUOTED} input
     *         characters; longer text ends in {@code ...'} followed by {@code (N characters)}
     */
    public static String quote(CharSequence input) {
        if (input.length() <= MAX_QUOTED) {
            return "'" + escape(input) + "'";
        }
        return "'" + escape(input.subSequence(0, MAX_QUOTED)) + "...' (" + input.length() + " characters)";
    }

    /**
     * @param text any text
     * @return the text with every character outside printable ASCII (0x20-0x7E) escaped: {@code \r},
     *         {@code \n}, {@code \t}, {@code \xNN} for other control characters, {@code \\uNNNN} for the
     *         rest (a byte order mark shows as {@code \ufeff}, an undecodable byte as {@code \ufffd});
     *         a backslash is doubled so that the escapes are unambiguous
     */
    public static String escape(CharSequence text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c >= 0x20 && c <= 0x7E) {
                        b.append(c);
                    } else if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * Finds where a file stops being UTF-8, for a message that names the line.
     *
     * @param file a file that failed to decode as UTF-8
     * @return the 1-based line holding the first byte sequence that is not UTF-8, or 0 when the whole
     *         file decodes (or cannot be read again)
     */
    public static long firstNonUtf8Line(Path file) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
            CharBuffer chars = CharBuffer.allocate(1 << 16);
            boolean eof = false;
            while (true) {
                int n = eof ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult r = dec.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (r.isError()) {
                    return line;
                }
                bytes.compact();
                if (eof && !r.isOverflow()) {
                    return 0;
                }
            }
        } catch (IOException e) {
            return 0;
        }
    }
}
