package org.plmmonitor.analysis.edf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes signals as an EDF+D file (Kemp and Olivan 2003), streaming: one data record per call, each
 * with its time-keeping TAL in the "EDF Annotations" signal, so records need not be contiguous (a
 * gap in the recording is a jump in the records' onsets). The record count is patched in at
 * {@link #close()}. Samples are 16-bit digital values spanning each signal's physical range.
 */
public final class EdfSignalWriter implements Closeable {
    /** Bytes of the annotation signal per record: room for a time-keeping TAL of any night's length. */
    private static final int ANNOTATION_BYTES = 64;

    /**
     * One ordinary signal.
     *
     * @param label             up to 16 characters, e.g. "Left ankle X"
     * @param transducer        up to 80 characters
     * @param physicalDimension up to 8 characters, e.g. "g"
     * @param physicalMin       value of digital -32768, in the physical dimension
     * @param physicalMax       value of digital 32767
     * @param samplesPerRecord  samples of this signal in each data record, at least 1
     */
    public record Signal(String label, String transducer, String physicalDimension, double physicalMin,
                         double physicalMax, int samplesPerRecord) {
    }

    private final FileChannel ch;
    private final List<Signal> signals;
    private final double recordDurationS;
    private final ByteBuffer record;
    private long records;
    private double lastOnset = Double.NEGATIVE_INFINITY;

    /**
     * Creates (replaces) the file and writes its header.
     *
     * @param file            destination
     * @param start           start of the recording, local time (years 1985-2084)
     * @param patient         EDF+ patient field, e.g. a pseudonymous code ("P042 X X X")
     * @param recording       EDF+ recording field after the start date, e.g. "X X plm-monitor_0.1.0"
     * @param signals         the ordinary signals (the annotation signal is added last)
     * @param recordDurationS seconds per data record, &gt; 0
     */
    public EdfSignalWriter(Path file, LocalDateTime start, String patient, String recording, List<Signal> signals,
                           double recordDurationS) throws IOException {
        if (signals.isEmpty() || !(recordDurationS > 0) || start.getYear() < 1985 || start.getYear() > 2084) {
            throw new IllegalArgumentException("EDF+ needs signals, a positive record duration (got " + recordDurationS
                    + " s) and a start year 1985-2084 (got " + start.getYear() + ")");
        }
        this.signals = List.copyOf(signals);
        this.recordDurationS = recordDurationS;
        int ns = signals.size() + 1;
        StringBuilder h = new StringBuilder();
        EdfAnnotationWriter.pad(h, "0", 8);
        EdfAnnotationWriter.pad(h, patient, 80);
        EdfAnnotationWriter.pad(h, "Startdate " + start.format(DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ROOT))
                .toUpperCase(Locale.ROOT) + " " + recording, 80);
        EdfAnnotationWriter.pad(h, start.format(DateTimeFormatter.ofPattern("dd.MM.yy")), 8);
        EdfAnnotationWriter.pad(h, start.format(DateTimeFormatter.ofPattern("HH.mm.ss")), 8);
        EdfAnnotationWriter.pad(h, Integer.toString(256 * (ns + 1)), 8);
        EdfAnnotationWriter.pad(h, "EDF+D", 44);
        EdfAnnotationWriter.pad(h, "-1", 8); // patched at close
        EdfAnnotationWriter.pad(h, EdfAnnotationWriter.num(recordDurationS), 8);
        EdfAnnotationWriter.pad(h, Integer.toString(ns), 4);
        for (Signal s : signals) {
            EdfAnnotationWriter.pad(h, s.label(), 16);
        }
        EdfAnnotationWriter.pad(h, EdfAnnotations.ANNOTATION_LABEL, 16);
        for (Signal s : signals) {
            EdfAnnotationWriter.pad(h, s.transducer(), 80);
        }
        EdfAnnotationWriter.pad(h, "", 80);
        for (Signal s : signals) {
            EdfAnnotationWriter.pad(h, s.physicalDimension(), 8);
        }
        EdfAnnotationWriter.pad(h, "", 8);
        for (Signal s : signals) {
            EdfAnnotationWriter.pad(h, number(s.physicalMin()), 8);
        }
        EdfAnnotationWriter.pad(h, "-1", 8);
        for (Signal s : signals) {
            EdfAnnotationWriter.pad(h, number(s.physicalMax()), 8);
        }
        EdfAnnotationWriter.pad(h, "1", 8);
        for (int i = 0; i < ns; i++) {
            EdfAnnotationWriter.pad(h, "-32768", 8);
        }
        for (int i = 0; i < ns; i++) {
            EdfAnnotationWriter.pad(h, "32767", 8);
        }
        for (int i = 0; i < ns; i++) {
            EdfAnnotationWriter.pad(h, "", 80);
        }
        int bytes = ANNOTATION_BYTES;
        for (Signal s : signals) {
            EdfAnnotationWriter.pad(h, Integer.toString(s.samplesPerRecord()), 8);
            bytes += 2 * s.samplesPerRecord();
        }
        EdfAnnotationWriter.pad(h, Integer.toString(ANNOTATION_BYTES / 2), 8);
        for (int i = 0; i < ns; i++) {
            EdfAnnotationWriter.pad(h, "", 32);
        }
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ch.write(ByteBuffer.wrap(h.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // No writer is returned, so nobody else could close it (a full disk leaked it until exit).
            ch.close();
            throw e;
        }
        record = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Physical limits in at most 8 characters. */
    private static String number(double v) {
        String s = EdfAnnotationWriter.num(v);
        return s.length() <= 8 ? s : String.format(Locale.ROOT, "%.8s", s);
    }

    /**
     * Appends one data record.
     *
     * @param onsetS  its start, seconds after the file's start, not before the previous record's end
     * @param samples per ordinary signal, exactly {@code samplesPerRecord} digital values
     */
    public void record(double onsetS, short[][] samples) throws IOException {
        if (onsetS < lastOnset + recordDurationS - 1e-6) {
            throw new IllegalArgumentException("EDF record at " + onsetS + " s overlaps the previous one at " + lastOnset + " s");
        }
        record.clear();
        for (int i = 0; i < signals.size(); i++) {
            if (samples[i].length != signals.get(i).samplesPerRecord()) {
                throw new IllegalArgumentException("signal " + signals.get(i).label() + " needs "
                        + signals.get(i).samplesPerRecord() + " samples per record, got " + samples[i].length);
            }
            for (short v : samples[i]) {
                record.putShort(v);
            }
        }
        byte[] tal = ("+" + EdfAnnotationWriter.num(onsetS) + "\u0014\u0014\u0000").getBytes(StandardCharsets.US_ASCII);
        record.put(tal);
        while (record.hasRemaining()) {
            record.put((byte) 0);
        }
        record.flip();
        while (record.hasRemaining()) {
            ch.write(record);
        }
        records++;
        lastOnset = onsetS;
    }

    /** @return data records written so far */
    public long records() {
        return records;
    }

    /** Patches the record count into the header and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            StringBuilder n = new StringBuilder();
            EdfAnnotationWriter.pad(n, Long.toString(records), 8);
            ch.write(ByteBuffer.wrap(n.toString().getBytes(StandardCharsets.US_ASCII)), 236);
        } finally {
            ch.close();
        }
    }
}
