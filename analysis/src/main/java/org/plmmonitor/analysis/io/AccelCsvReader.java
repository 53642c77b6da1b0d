package org.plmmonitor.analysis.io;

import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one reader of sample CSV files: acceleration ({@code t,x,y,z}: t in seconds from any origin, strictly
 * increasing; x, y, z in g), used by {@code plm analyze}, the daemon's replay and the device simulator's
 * replay, and cuff pressure ({@code t,pressure_mmhg}, {@link CsvLayout#PRESSURE}, its values in the
 * blocks' x column) for {@code plm analyze --pressure}, with the same rules and messages. It streams: 1 MiB of bytes and one {@link SampleBlock} of {@link #BLOCK_ROWS} rows are all it
 * holds, whatever the file's length, and a byte-level number parser keeps an 8-hour 100 Hz file (86 MB)
 * to a fraction of a second. Any bad row stops the read with an {@link InputException} naming the file,
 * the line and what was expected; the blocks before it have been handed over, the rows of the block it
 * falls in have not.
 *
 * <p>The sample rate is estimated here and nowhere else: the median step of the first
 * {@link #RATE_ROWS} rows (fewer if the file is shorter), rounded to 0.1 Hz, and it must lie within
 * 10-1000 Hz. The median ignores the odd long step of a gap; the rounding absorbs a recording's
 * jitter. Not thread-safe: one thread reads one file.
 */
public final class AccelCsvReader implements AutoCloseable {
    /** Longest a recording may span, first to last sample, s: a week of nights, far beyond one file's night. */
    public static final double MAX_SPAN_S = 7 * 24 * 3600;
    /** Accelerometers for the ankle measure within +-16 g; beyond this a value is corrupt, g. */
    public static final double MAX_ABS_G = 64;
    /** Rows in a block handed to a sink (and read at {@link #open} to estimate the rate). */
    public static final int BLOCK_ROWS = 4096;
    /** Rows whose steps make the rate estimate. */
    public static final int RATE_ROWS = 2001;
    private static final int BLOCK = 1 << 20;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final String name;
    private final CsvLayout layout;
    private final InputStream in;
    private final byte[] buf = new byte[BLOCK];
    private final double[] row = new double[4];
    private final SampleBlock block = SampleBlock.withCapacity(BLOCK_ROWS);
    /** The first block, read at open for the rate, handed out by the first {@link #next}. */
    private SampleBlock first;
    private final double rateHz;
    private final String rateProblem;
    private int len;
    private int pos;
    private boolean eof;
    private boolean header = true;
    private long line;
    private double lastT = Double.NEGATIVE_INFINITY;
    private double firstT = Double.NaN;
    private long rows;

    /** What a read saw: rows, and the first and last time, s. */
    public record Summary(long rows, double firstS, double lastS) {
    }

    private AccelCsvReader(String name, CsvLayout layout, InputStream in) throws InputException {
        this.name = name;
        this.layout = layout;
        this.in = in;
        first = fill();
        int n = Math.min(first.count(), RATE_ROWS);
        if (rows == 0) {
            throw new InputException(name, 0, "no samples after the header: expected rows of " + layout.header());
        }
        if (n < 2) {
            rateHz = Double.NaN;
            rateProblem = "needs at least two samples to know the sample rate, found " + rows;
        } else {
            double[] steps = new double[n - 1];
            for (int i = 1; i < n; i++) {
                steps[i - 1] = first.tS()[i] - first.tS()[i - 1];
            }
            Arrays.sort(steps);
            double r = Math.round(1 / steps[steps.length / 2] * 10) / 10.0;
            rateHz = r;
            rateProblem = r >= layout.minRateHz() && r <= layout.maxRateHz() ? null
                    : "sample rate " + r + " Hz (from the time column) is outside " + rate(layout.minRateHz()) + "-"
                    + rate(layout.maxRateHz()) + " Hz: is t in seconds?";
        }
    }

    /**
     * Opens a file and reads its header and first {@link #BLOCK_ROWS} rows.
     *
     * @param path the CSV file
     * @param name the file as the user named it, for messages
     * @return the open reader; close it
     * @throws InputException on a missing, empty or malformed file, or one with no sample
     */
    public static AccelCsvReader open(Path path, String name) throws InputException {
        return open(path, name, CsvLayout.ACCELERATION);
    }

    /**
     * Opens a file of the given layout and reads its header and first {@link #BLOCK_ROWS} rows.
     *
     * @param path   the CSV file
     * @param name   the file as the user named it, for messages
     * @param layout its columns ({@link CsvLayout#ACCELERATION} or {@link CsvLayout#PRESSURE})
     * @return the open reader; close it
     * @throws InputException on a missing, empty or malformed file, or one with no sample
     */
    public static AccelCsvReader open(Path path, String name, CsvLayout layout) throws InputException {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "no such file", e);
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read: " + IoErrors.reason(e), e);
        }
        try {
            return new AccelCsvReader(name, layout, in);
        } catch (InputException | RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * Reads a whole file into a sink.
     *
     * @param path the CSV file
     * @param name the file as the user named it, for messages
     * @param sink receives the samples in file order, a block at a time
     * @return rows read and the first and last time, s
     * @throws InputException on a missing, empty, truncated or malformed file
     */
    public static Summary read(Path path, String name, SampleSink sink) throws InputException {
        return read(path, name, CsvLayout.ACCELERATION, sink);
    }

    /**
     * Reads a whole file of the given layout into a sink.
     *
     * @param path   the CSV file
     * @param name   the file as the user named it, for messages
     * @param layout its columns
     * @param sink   receives the samples in file order, a block at a time
     * @return rows read and the first and last time, s
     * @throws InputException on a missing, empty, truncated or malformed file
     */
    public static Summary read(Path path, String name, CsvLayout layout, SampleSink sink) throws InputException {
        try (AccelCsvReader r = open(path, name, layout)) {
            return r.readAll(sink);
        }
    }

    /**
     * The sample rate of a file, by the one estimate (see the class comment); reads its first
     * {@link #BLOCK_ROWS} rows only.
     *
     * @param path the CSV file
     * @param name the file as the user named it, for messages
     * @return rate in Hz, 10-1000, to 0.1 Hz
     * @throws InputException as {@link #open} and {@link #rateHz()}
     */
    public static double estimateRateHz(Path path, String name) throws InputException {
        return estimateRateHz(path, name, CsvLayout.ACCELERATION);
    }

    /**
     * The sample rate of a file of the given layout, as {@link #estimateRateHz(Path, String)}.
     *
     * @param path   the CSV file
     * @param name   the file as the user named it, for messages
     * @param layout its columns (and the rates it may have)
     * @return rate in Hz, within the layout's range, to 0.1 Hz
     * @throws InputException as {@link #open} and {@link #rateHz()}
     */
    public static double estimateRateHz(Path path, String name, CsvLayout layout) throws InputException {
        try (AccelCsvReader r = open(path, name, layout)) {
            return r.rateHz();
        }
    }

    private static String rate(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz);
    }

    /**
     * The file's sample rate (see the class comment for how it is estimated).
     *
     * @return rate in Hz, 10-1000, to 0.1 Hz
     * @throws InputException when the file holds a single sample or its steps give a rate outside 10-1000 Hz
     */
    public double rateHz() throws InputException {
        if (rateProblem != null) {
            throw new InputException(name, 0, rateProblem);
        }
        return rateHz;
    }

    /**
     * @return the next rows, or null at the end of the file; the block's arrays are this reader's and
     *         are refilled by the next call
     * @throws InputException on a malformed or truncated row, naming the file, line and field
     */
    public SampleBlock next() throws InputException {
        if (first != null) {
            SampleBlock b = first;
            first = null;
            return b;
        }
        SampleBlock b = fill();
        return b.count() == 0 ? null : b;
    }

    /**
     * Hands every remaining block to a sink.
     *
     * @param sink receives the samples in file order
     * @return rows read and the first and last time, s
     * @throws InputException on a malformed or truncated row
     */
    public Summary readAll(SampleSink sink) throws InputException {
        for (SampleBlock b = next(); b != null; b = next()) {
            sink.accept(b);
        }
        return new Summary(rows, firstT, lastT);
    }

    /** @return the rows read so far and their first and last time, s */
    public Summary summary() {
        return new Summary(rows, firstT, lastT);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // a file opened for reading: closing it cannot lose data
        }
    }

    /** Parses rows into {@link #block} until it is full or the file ends. */
    private SampleBlock fill() throws InputException {
        double[] t = block.tS();
        double[] x = block.xG();
        double[] y = block.yG();
        double[] z = block.zG();
        int n = 0;
        try {
            while (n < BLOCK_ROWS) {
                int next = header ? -1 : plainRow(buf, pos, len);
                if (next >= 0) {
                    line++;
                    checkRow();
                    t[n] = row[0];
                    x[n] = row[1];
                    y[n] = layout.width() == 4 ? row[2] : 0;
                    z[n] = layout.width() == 4 ? row[3] : 0;
                    n++;
                    pos = next;
                    continue;
                }
                int nl = indexOf(buf, pos, len, (byte) '\n');
                if (nl < 0) {
                    if (!eof) {
                        more();
                        continue;
                    }
                    if (pos >= len) {
                        break;
                    }
                    nl = len; // last line without a newline
                }
                line++;
                int end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                if (header) {
                    checkHeader(buf, pos, end);
                    header = false;
                } else if (end > pos) {
                    parseRow(buf, pos, end, nl == len && eof);
                    t[n] = row[0];
                    x[n] = row[1];
                    y[n] = layout.width() == 4 ? row[2] : 0;
                    z[n] = layout.width() == 4 ? row[3] : 0;
                    n++;
                }
                pos = Math.min(nl + 1, len);
            }
        } catch (IOException e) {
            throw new InputException(name, line, "cannot read: " + IoErrors.reason(e), e);
        }
        if (header) {
            throw new InputException(name, 0, "empty file: expected a header line " + layout.header() + " and rows of samples");
        }
        return block.withCount(n);
    }

    /** Keeps the unread bytes and reads more after them. */
    private void more() throws IOException, InputException {
        if (pos == 0 && len == buf.length) {
            throw new InputException(name, line + 1, "line longer than " + BLOCK + " bytes: expected " + layout.header());
        }
        System.arraycopy(buf, pos, buf, 0, len - pos);
        len -= pos;
        pos = 0;
        int got = in.read(buf, len, buf.length - len);
        if (got < 0) {
            eof = true;
        } else {
            len += got;
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private void checkHeader(byte[] b, int start, int end) throws InputException {
        String h = new String(b, start, end - start, StandardCharsets.UTF_8).replace("\uFEFF", "");
        String[] cols = h.split(",", -1);
        boolean ok = cols.length == layout.width();
        for (int i = 0; ok && i < cols.length; i++) {
            ok = cols[i].trim().equalsIgnoreCase(layout.columns().get(i));
        }
        if (!ok) {
            throw new InputException(name, 1, "header is " + InputText.quote(h) + ": expected " + layout.header()
                    + " (" + layout.what() + ")");
        }
    }

    private void parseRow(byte[] b, int start, int end, boolean lastLine) throws InputException {
        int col = 0;
        int p = start;
        while (true) {
            int q = p;
            while (q < end && b[q] != ',') {
                q++;
            }
            if (col == layout.width()) {
                throw new InputException(name, line, "more than " + layout.width() + " columns: expected " + layout.header());
            }
            row[col] = parseNumber(b, p, q, col);
            col++;
            if (q == end) {
                break;
            }
            p = q + 1;
        }
        if (col < layout.width()) {
            throw new InputException(name, line, (lastLine ? "truncated line" : "missing columns")
                    + ": expected " + layout.width() + " columns " + layout.header() + ", found " + col);
        }
        checkRow();
    }

    /** Checks the parsed {@link #row} against the previous one and the layout's range, and counts it. */
    private void checkRow() throws InputException {
        double t = row[0];
        if (!(t > lastT)) {
            throw new InputException(name, line, "time " + t + " s is not after the previous sample's "
                    + lastT + " s: times must increase");
        }
        if (!Double.isNaN(firstT) && t - firstT > MAX_SPAN_S) {
            // One stray stamp would otherwise make every per-hour and per-epoch total span it: bound the
            // work by the data, and say which row is out of line.
            throw new InputException(name, line, "time " + t + " s is " + (t - firstT) + " s after the first sample's "
                    + firstT + " s: a recording spans at most " + (long) MAX_SPAN_S + " s (7 days)");
        }
        for (int i = 1; i < layout.width(); i++) {
            if (row[i] < layout.minValue() || row[i] > layout.maxValue()) {
                throw new InputException(name, line, "column " + layout.columns().get(i) + " = " + row[i] + " "
                        + layout.unit() + " is outside " + range());
            }
        }
        if (Double.isNaN(firstT)) {
            firstT = t;
        }
        lastT = t;
        rows++;
    }

    /**
     * The fast path: parses a plain row ({@code [-]digits[.digits]} fields, at most 18 digits each, one comma
     * between them, ended by a newline or CR LF) into {@link #row}, reading each byte once.
     *
     * @param b    the buffer
     * @param from the row's first byte
     * @param to   the end of the buffered bytes
     * @return the index after the row's newline, or -1 for anything else (a row running past {@code to},
     *         signs, blanks, exponents, long numbers, bad fields): {@link #parseRow} reads it and gives the
     *         same values, or the error; nothing has been consumed then
     */
    private int plainRow(byte[] b, int from, int to) {
        int width = layout.width();
        int i = from;
        for (int col = 0; col < width; col++) {
            boolean neg = i < to && b[i] == '-';
            if (neg) {
                i++;
            }
            int start = i;
            long mant = 0;
            int c = 0;
            while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
                mant = mant * 10 + c;
                i++;
            }
            int intDigits = i - start;
            int fracDigits = 0;
            if (i < to && b[i] == '.') {
                int f = ++i;
                while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
                    mant = mant * 10 + c;
                    i++;
                }
                fracDigits = i - f;
            }
            if (intDigits + fracDigits == 0 || intDigits + fracDigits > 18 || mant >= (1L << 53)
                    || fracDigits > 22 || i >= to) {
                return -1;
            }
            // Exact, as parseNumber's fast path: both operands are exact doubles and IEEE rounds once.
            double v = fracDigits == 0 ? mant : mant / POW10[fracDigits];
            row[col] = neg ? -v : v;
            byte end = b[i++];
            if (col < width - 1) {
                if (end != ',') {
                    return -1;
                }
            } else if (end == '\r') {
                return i < to && b[i] == '\n' ? i + 1 : -1;
            } else {
                return end == '\n' ? i : -1;
            }
        }
        return -1;
    }

    /** The layout's value range as the messages have always said it ({@code +-64 g} for acceleration). */
    private String range() {
        if (layout.minValue() == -layout.maxValue()) {
            return "+-" + rate(layout.maxValue()) + " " + layout.unit();
        }
        return rate(layout.minValue()) + " to " + rate(layout.maxValue()) + " " + layout.unit();
    }

    private double parseNumber(byte[] b, int from, int to, int col) throws InputException {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        int unsigned = i;
        long mant = 0;
        int digits = 0;
        int exp = 0;
        boolean any = false;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
            any = true;
            if (digits < 18) {
                mant = mant * 10 + (b[i] - '0');
                if (mant != 0) {
                    digits++;
                }
            } else {
                exp++;
            }
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                any = true;
                if (digits < 18) {
                    mant = mant * 10 + (b[i] - '0');
                    if (mant != 0) {
                        digits++;
                    }
                    exp--;
                }
            }
        }
        if (any && i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int e = 0;
            boolean edig = false;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                edig = true;
                e = Math.min(100000, e * 10 + (b[i] - '0'));
            }
            if (!edig) {
                any = false;
            }
            exp += eneg ? -e : e;
        }
        if (!any || i != to) {
            String text = new String(b, from, to - from, StandardCharsets.UTF_8);
            String what = text.isEmpty() ? "an empty field" : InputText.quote(text);
            throw new InputException(name, line, "column " + layout.columns().get(col) + " is " + what
                    + ": expected a finite decimal number");
        }
        double v;
        if (mant < (1L << 53) && exp >= -22 && exp <= 22) {
            // Exact for these ranges (both operands are exact doubles and IEEE rounds once).
            v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
        } else {
            // The digits only: the sign is applied once, below, for both paths.
            v = Double.parseDouble(new String(b, unsigned, to - unsigned, StandardCharsets.US_ASCII));
        }
        if (!Double.isFinite(v)) {
            throw new InputException(name, line, "column " + layout.columns().get(col) + " overflows: expected a finite number");
        }
        return neg ? -v : v;
    }
}
