package org.plmmonitor.analysis.edf;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The header facts and the annotations of an EDF or EDF+ file.
 *
 * @param start           start date and time from the header (local time of the recording; EDF's
 *                        two-digit year: 85-99 means 19xx, otherwise 20xx)
 * @param reserved        the header's reserved field, trimmed ({@code EDF+C}, {@code EDF+D}, or empty for EDF)
 * @param records         number of data records
 * @param recordDurationS duration of one data record in seconds (0 allowed for annotation-only files)
 * @param labels          signal labels, trimmed, in header order
 * @param annotations     every non-empty annotation of every "EDF Annotations" signal, in file order
 *                        (time-keeping entries skipped)
 */
public record EdfAnnotations(LocalDateTime start, String reserved, int records, double recordDurationS,
                             List<String> labels, List<Annotation> annotations) {
    /** The label of an annotation signal. */
    public static final String ANNOTATION_LABEL = "EDF Annotations";

    public EdfAnnotations {
        labels = List.copyOf(labels);
        annotations = List.copyOf(annotations);
    }

    /** @return records x record duration, seconds */
    public double recordedS() {
        return records * recordDurationS;
    }

    /** @return true when the bytes start like an EDF header (version field "0" padded with spaces) */
    public static boolean looksLikeEdf(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        return new String(head, 0, 8, StandardCharsets.US_ASCII).equals("0       ");
    }

    /**
     * @param file an EDF or EDF+ file
     * @return its header facts and annotations
     * @throws InputException when the file cannot be read or is not valid EDF(+), naming the byte
     *                        offset and record
     */
    public static EdfAnnotations read(Path file) throws InputException {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the file: " + IoErrors.reason(e), e);
        }
        return parse(b, file.toString());
    }

    /**
     * @param b    the whole file
     * @param name the file as the user named it, for messages
     * @return its header facts and annotations
     * @throws InputException on any violation of the EDF+ layout
     */
    public static EdfAnnotations parse(byte[] b, String name) throws InputException {
        Header h = new Header(b, name);
        List<Annotation> out = new ArrayList<>();
        int[] ann = h.annotationSignals();
        long pos = h.headerBytes;
        for (int r = 0; r < h.records; r++) {
            long sigStart = pos;
            boolean firstInRecord = true;
            for (int s = 0; s < h.ns; s++) {
                int len = h.samples[s] * 2;
                if (contains(ann, s)) {
                    parseTals(b, (int) sigStart, len, r, name, firstInRecord, out);
                    firstInRecord = false;
                }
                sigStart += len;
            }
            pos += h.recordBytes;
        }
        return new EdfAnnotations(h.start, h.reserved, h.records, h.recordDurationS, h.labels, out);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static void parseTals(byte[] b, int from, int len, int record, String name, boolean firstInRecord,
                                  List<Annotation> out) throws InputException {
        int end = from + len;
        int p = from;
        while (p < end && b[p] != 0) {
            int talStart = p;
            if (b[p] != '+' && b[p] != '-') {
                throw bad(name, p, record, "TAL onset must start with '+' or '-', found byte 0x"
                        + Integer.toHexString(b[p] & 0xff));
            }
            int q = p;
            while (q < end && b[q] != 0x14 && b[q] != 0x15 && b[q] != 0) {
                q++;
            }
            if (q >= end || b[q] == 0) {
                throw bad(name, talStart, record, "TAL onset is not followed by 0x14 or 0x15 within the record");
            }
            double onset = number(b, p, q, name, record, "onset");
            double duration = Double.NaN;
            if (b[q] == 0x15) {
                int d0 = q + 1;
                q = d0;
                while (q < end && b[q] != 0x14 && b[q] != 0) {
                    q++;
                }
                if (q >= end || b[q] != 0x14) {
                    throw bad(name, d0, record, "TAL duration is not followed by 0x14 within the record");
                }
                duration = number(b, d0, q, name, record, "duration");
                if (duration < 0) {
                    throw bad(name, d0, record, "TAL duration " + duration + " s is negative");
                }
            }
            p = q + 1; // past the 0x14 that ends onset/duration
            // annotation texts, each ended by 0x14, the TAL ended by 0x00
            while (true) {
                int t0 = p;
                while (p < end && b[p] != 0x14 && b[p] != 0) {
                    p++;
                }
                if (p >= end) {
                    throw bad(name, talStart, record, "TAL is not terminated by 0x00 within the record");
                }
                if (b[p] == 0) {
                    if (p != t0) {
                        throw bad(name, t0, record, "TAL text is not ended by 0x14 before the TAL's 0x00");
                    }
                    p++;
                    break;
                }
                String text = new String(b, t0, p - t0, StandardCharsets.UTF_8).trim();
                p++;
                if (!text.isEmpty()) {
                    out.add(new Annotation(onset, duration, text));
                }
            }
        }
        if (firstInRecord && p == from) {
            throw bad(name, from, record, "the record has no time-keeping TAL");
        }
        // the rest of the signal must be 0x00 padding
        for (int z = p; z < end; z++) {
            if (b[z] != 0) {
                throw bad(name, z, record, "unexpected byte 0x" + Integer.toHexString(b[z] & 0xff) + " after the last TAL");
            }
        }
    }

    private static double number(byte[] b, int from, int to, String name, int record, String what) throws InputException {
        String s = new String(b, from, to - from, StandardCharsets.US_ASCII);
        if (!s.matches("[+-]?[0-9]+(\\.[0-9]*)?|[+-]?\\.[0-9]+")) {
            throw bad(name, from, record, "TAL " + what + " '" + printable(s) + "' is not a number");
        }
        return Double.parseDouble(s);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }

    static InputException bad(String name, long offset, int record, String problem) {
        return new InputException(name, 0, "byte " + offset + (record >= 0 ? " (data record " + (record + 1) + ")" : "")
                + ": " + problem);
    }

    /** The fixed-layout header, validated. */
    private static final class Header {
        final LocalDateTime start;
        final String reserved;
        final int headerBytes;
        final int records;
        final double recordDurationS;
        final int ns;
        final List<String> labels = new ArrayList<>();
        final int[] samples;
        final long recordBytes;

        Header(byte[] b, String name) throws InputException {
            if (b.length < 256) {
                throw bad(name, b.length, -1, "file is " + b.length + " bytes, shorter than the 256-byte EDF header");
            }
            if (!field(b, 0, 8).equals("0")) {
                throw bad(name, 0, -1, "version field '" + field(b, 0, 8) + "' is not '0': not an EDF file");
            }
            start = startOf(b, name);
            headerBytes = integer(b, 184, 8, name, "number of header bytes");
            reserved = field(b, 192, 44);
            int rec = integer(b, 236, 8, name, "number of data records");
            String dur = field(b, 244, 8);
            try {
                recordDurationS = Double.parseDouble(dur);
            } catch (NumberFormatException e) {
                throw bad(name, 244, -1, "data record duration '" + dur + "' is not a number");
            }
            if (!(recordDurationS >= 0) || Double.isInfinite(recordDurationS)) {
                throw bad(name, 244, -1, "data record duration " + dur + " s must be >= 0");
            }
            ns = integer(b, 252, 4, name, "number of signals");
            if (ns < 1) {
                throw bad(name, 252, -1, "number of signals " + ns + " must be at least 1");
            }
            if (headerBytes != 256 * (ns + 1)) {
                throw bad(name, 184, -1, "header size " + headerBytes + " bytes does not match " + ns
                        + " signals (expected " + 256 * (ns + 1) + ")");
            }
            if (b.length < headerBytes) {
                throw bad(name, b.length, -1, "file ends inside the signal headers (" + headerBytes + " bytes expected)");
            }
            for (int s = 0; s < ns; s++) {
                labels.add(field(b, 256 + 16 * s, 16));
            }
            samples = new int[ns];
            int sampOff = 256 + ns * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80);
            long sum = 0;
            for (int s = 0; s < ns; s++) {
                samples[s] = integer(b, sampOff + 8 * s, 8, name, "samples per record of signal " + (s + 1));
                if (samples[s] < 1) {
                    throw bad(name, sampOff + 8 * s, -1, "signal " + (s + 1) + " has " + samples[s]
                            + " samples per record; at least 1 expected");
                }
                sum += samples[s];
            }
            recordBytes = sum * 2;
            long available = b.length - headerBytes;
            if (rec == -1) {
                rec = (int) (available / recordBytes);
            }
            if (rec < 0) {
                throw bad(name, 236, -1, "number of data records " + rec + " is negative");
            }
            long needed = rec * recordBytes;
            if (available < needed) {
                long complete = available / recordBytes;
                throw bad(name, b.length, (int) complete, "file is truncated: " + rec + " data records of "
                        + recordBytes + " bytes announced, " + complete + " complete");
            }
            records = rec;
        }

        int[] annotationSignals() {
            return java.util.stream.IntStream.range(0, ns).filter(s -> labels.get(s).equals(ANNOTATION_LABEL)).toArray();
        }

        private static String field(byte[] b, int off, int len) {
            return new String(b, off, len, StandardCharsets.US_ASCII).trim();
        }

        private static int integer(byte[] b, int off, int len, String name, String what) throws InputException {
            String f = field(b, off, len);
            try {
                return Integer.parseInt(f);
            } catch (NumberFormatException e) {
                throw bad(name, off, -1, what + " '" + f + "' is not an integer");
            }
        }

        private static LocalDateTime startOf(byte[] b, String name) throws InputException {
            String d = field(b, 168, 8);
            String t = field(b, 176, 8);
            if (!d.matches("\\d\\d\\.\\d\\d\\.\\d\\d")) {
                throw bad(name, 168, -1, "start date '" + d + "' is not dd.mm.yy");
            }
            if (!t.matches("\\d\\d\\.\\d\\d\\.\\d\\d")) {
                throw bad(name, 176, -1, "start time '" + t + "' is not hh.mm.ss");
            }
            int yy = Integer.parseInt(d.substring(6, 8));
            try {
                return LocalDateTime.of(yy >= 85 ? 1900 + yy : 2000 + yy, Integer.parseInt(d.substring(3, 5)),
                        Integer.parseInt(d.substring(0, 2)), Integer.parseInt(t.substring(0, 2)),
                        Integer.parseInt(t.substring(3, 5)), Integer.parseInt(t.substring(6, 8)));
            } catch (java.time.DateTimeException e) {
                throw new InputException(name, 0, "byte 168: start date/time '" + d + " " + t + "' is not a valid date", e);
            }
        }
    }
}
