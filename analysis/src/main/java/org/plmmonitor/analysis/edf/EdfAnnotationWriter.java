package org.plmmonitor.analysis.edf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an annotation-only EDF+C file: one "EDF Annotations" signal, {@code records} data records
 * of {@code recordDurationS} each. Each record starts with its time-keeping TAL and holds the
 * annotations whose onsets fall in it (earlier ones in the first, later ones in the last).
 * Onsets and durations are written with up to 6 decimals.
 */
public final class EdfAnnotationWriter {
    private EdfAnnotationWriter() {
    }

    /**
     * Writes the file at {@code file}, replacing it.
     *
     * @param file            destination path
     * @param start           recording start (local time; years 1985-2084)
     * @param records         number of data records, at least 1
     * @param recordDurationS seconds per data record, &gt; 0
     * @param annotations     the annotations, any order
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, LocalDateTime start, int records, double recordDurationS,
                             List<Annotation> annotations) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(out, start, records, recordDurationS, annotations);
        }
    }

    /**
     * @param out             destination (not closed)
     * @param start           recording start (local time; years 1985-2084 fit EDF's two digits)
     * @param records         number of data records, at least 1
     * @param recordDurationS seconds per data record, &gt; 0
     * @param annotations     the annotations, any order
     * @throws IOException from the stream
     */
    public static void write(OutputStream out, LocalDateTime start, int records, double recordDurationS,
                             List<Annotation> annotations) throws IOException {
        write(out, start, "X X X X", "X X X", records, recordDurationS, annotations);
    }

    /**
     * @param out             destination (not closed)
     * @param start           recording start (local time; years 1985-2084 fit EDF's two digits)
     * @param patient         the EDF+ local patient field (80 characters at most), e.g. a pseudonymous
     *                        code {@code "p01 X X X"}
     * @param recording       the EDF+ recording field after its start date (at most 61 characters), e.g.
     *                        {@code "X X plm-monitor_0.1.0"}
     * @param records         number of data records, at least 1
     * @param recordDurationS seconds per data record, &gt; 0
     * @param annotations     the annotations, any order
     * @throws IOException from the stream
     */
    public static void write(OutputStream out, LocalDateTime start, String patient, String recording, int records,
                             double recordDurationS, List<Annotation> annotations) throws IOException {
        if (records < 1 || !(recordDurationS > 0) || start.getYear() < 1985 || start.getYear() > 2084) {
            throw new IllegalArgumentException("EDF+ needs >= 1 record (got " + records + "), a positive record duration (got "
                    + recordDurationS + " s) and a start year 1985-2084 (got " + start.getYear() + ")");
        }
        List<List<byte[]>> perRecord = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            List<byte[]> tals = new ArrayList<>();
            tals.add(("+" + num(r * recordDurationS) + "\u0014\u0014\u0000").getBytes(StandardCharsets.US_ASCII));
            perRecord.add(tals);
        }
        for (Annotation a : annotations) {
            int r = (int) Math.floor(a.onsetS() / recordDurationS);
            r = Math.max(0, Math.min(records - 1, r));
            StringBuilder tal = new StringBuilder();
            tal.append(a.onsetS() < 0 ? "-" : "+").append(num(Math.abs(a.onsetS())));
            if (a.hasDuration()) {
                tal.append('\u0015').append(num(a.durationS()));
            }
            tal.append('\u0014').append(a.text().replace('\u0014', ' ').replace('\u0000', ' ')).append('\u0014').append('\u0000');
            perRecord.get(r).add(tal.toString().getBytes(StandardCharsets.UTF_8));
        }
        int maxBytes = 0;
        for (List<byte[]> tals : perRecord) {
            int n = 0;
            for (byte[] t : tals) {
                n += t.length;
            }
            maxBytes = Math.max(maxBytes, n);
        }
        int samples = (maxBytes + 1) / 2;
        StringBuilder h = new StringBuilder();
        pad(h, "0", 8);
        pad(h, patient, 80);
        pad(h, "Startdate " + start.format(DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ROOT)).toUpperCase(Locale.ROOT)
                + " " + recording, 80);
        pad(h, start.format(DateTimeFormatter.ofPattern("dd.MM.yy")), 8);
        pad(h, start.format(DateTimeFormatter.ofPattern("HH.mm.ss")), 8);
        pad(h, Integer.toString(512), 8);
        pad(h, "EDF+C", 44);
        pad(h, Integer.toString(records), 8);
        pad(h, num(recordDurationS), 8);
        pad(h, "1", 4);
        pad(h, EdfAnnotations.ANNOTATION_LABEL, 16);
        pad(h, "", 80);
        pad(h, "", 8);
        pad(h, "-1", 8);
        pad(h, "1", 8);
        pad(h, "-32768", 8);
        pad(h, "32767", 8);
        pad(h, "", 80);
        pad(h, Integer.toString(samples), 8);
        pad(h, "", 32);
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (List<byte[]> tals : perRecord) {
            byte[] rec = new byte[samples * 2];
            int p = 0;
            for (byte[] t : tals) {
                System.arraycopy(t, 0, rec, p, t.length);
                p += t.length;
            }
            out.write(rec);
        }
    }

    static String num(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static void pad(StringBuilder h, String s, int width) {
        if (s.length() > width) {
            throw new IllegalArgumentException("EDF header field '" + s + "' is longer than " + width + " characters");
        }
        h.append(s);
        for (int i = s.length(); i < width; i++) {
            h.append(' ');
        }
    }
}
