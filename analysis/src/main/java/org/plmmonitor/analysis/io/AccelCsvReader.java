package org.plmmonitor.analysis.io;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.io.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an acceleration CSV ({@code t,x,y,z}: t in seconds from any origin, strictly increasing;
 * x, y, z in g) and pushes every row into a sink. Streams in 1 MiB blocks with a byte-level number
 * parser, so an 8-hour 100 Hz file (86 MB) parses in a fraction of a second and memory does not grow
 * with the file. Any bad row stops the read with an {@link InputException} naming the file, the
 * line and what was expected.
 */
public final class AccelCsvReader {
    /** Accelerometers for the ankle measure within +-16 g; beyond this a value is corrupt, g. */
    public static final double MAX_ABS_G = 64;
    private static final int BLOCK = 1 << 20;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final String name;
    private final Path path;
    private final double[] row = new double[4];
    private long line;
    private double lastT = Double.NEGATIVE_INFINITY;
    private double firstT = Double.NaN;
    private long rows;

    private AccelCsvReader(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    /** What a read saw. */
    public record Summary(long rows, double firstS, double lastS) {
    }

    /**
     * Reads the whole file into the sink.
     *
     * @param path the CSV file
     * @param name the file as the user named it, for messages
     * @param sink receives each sample in file order
     * @return rows read and the first and last time, s
     * @throws InputException on a missing, empty, truncated or malformed file
     */
    public static Summary read(Path path, String name, AccelerationSink sink) throws InputException {
        AccelCsvReader r = new AccelCsvReader(path, name);
        r.run(sink, Long.MAX_VALUE);
        if (r.rows == 0) {
            throw new InputException(name, 0, "no samples after the header: expected rows of t,x,y,z");
        }
        return new Summary(r.rows, r.firstT, r.lastT);
    }

    /**
     * The nominal sample rate: the median step of the first rows (up to 2000), rounded to 0.1 Hz.
     *
     * @return rate in Hz
     * @throws InputException as {@link #read}, or when fewer than two rows exist
     */
    public static double estimateRateHz(Path path, String name) throws InputException {
        AccelCsvReader r = new AccelCsvReader(path, name);
        double[] steps = new double[2000];
        int[] n = {0};
        double[] prev = {Double.NaN};
        r.run((t, x, y, z) -> {
            if (!Double.isNaN(prev[0]) && n[0] < steps.length) {
                steps[n[0]++] = t - prev[0];
            }
            prev[0] = t;
        }, steps.length + 1);
        if (r.rows == 0) {
            throw new InputException(name, 0, "no samples after the header: expected rows of t,x,y,z");
        }
        if (n[0] < 1) {
            throw new InputException(name, 0, "needs at least two samples to know the sample rate, found " + r.rows);
        }
        Arrays.sort(steps, 0, n[0]);
        double rate = 1 / steps[n[0] / 2];
        return Math.round(rate * 10) / 10.0;
    }

    private void run(AccelerationSink sink, long maxRows) throws InputException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[BLOCK];
            int len = 0;
            boolean header = true;
            boolean eof = false;
            while (!eof && rows < maxRows) {
                int got = in.read(buf, len, buf.length - len);
                if (got < 0) {
                    eof = true;
                } else {
                    len += got;
                }
                int start = 0;
                while (rows < maxRows) {
                    int nl = indexOf(buf, start, len, (byte) '\n');
                    if (nl < 0) {
                        if (eof && start < len) {
                            nl = len; // last line without a newline
                        } else {
                            break;
                        }
                    }
                    line++;
                    int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                    if (header) {
                        checkHeader(buf, start, end);
                        header = false;
                    } else if (end > start) {
                        parseRow(buf, start, end, nl == len && eof);
                        sink.accept(row[0], row[1], row[2], row[3]);
                    }
                    start = Math.min(nl + 1, len);
                }
                if (start == 0 && len == buf.length) {
                    throw new InputException(name, line + 1, "line longer than " + BLOCK + " bytes: expected t,x,y,z");
                }
                System.arraycopy(buf, start, buf, 0, len - start);
                len -= start;
            }
            if (header) {
                throw new InputException(name, 0, "empty file: expected a header line t,x,y,z and rows of samples");
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "no such file", e);
        } catch (IOException e) {
            throw new InputException(name, line, "cannot read: " + e.getMessage(), e);
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
        boolean ok = cols.length == 4;
        String[] want = {"t", "x", "y", "z"};
        for (int i = 0; ok && i < 4; i++) {
            ok = cols[i].trim().equalsIgnoreCase(want[i]);
        }
        if (!ok) {
            throw new InputException(name, 1, "header is " + InputText.quote(h) + ": expected t,x,y,z (t in s, x/y/z in g)");
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
            if (col == 4) {
                throw new InputException(name, line, "more than 4 columns: expected t,x,y,z");
            }
            row[col] = parseNumber(b, p, q, col);
            col++;
            if (q == end) {
                break;
            }
            p = q + 1;
        }
        if (col < 4) {
            throw new InputException(name, line, (lastLine ? "truncated line" : "missing columns")
                    + ": expected 4 columns t,x,y,z, found " + col);
        }
        double t = row[0];
        if (!(t > lastT)) {
            throw new InputException(name, line, "time " + t + " s is not after the previous sample's "
                    + lastT + " s: times must increase");
        }
        for (int i = 1; i < 4; i++) {
            if (Math.abs(row[i]) > MAX_ABS_G) {
                throw new InputException(name, line, "column " + "txyz".charAt(i) + " = " + row[i]
                        + " g is outside +-" + (int) MAX_ABS_G + " g");
            }
        }
        if (Double.isNaN(firstT)) {
            firstT = t;
        }
        lastT = t;
        rows++;
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
            throw new InputException(name, line, "column " + "txyz".charAt(col) + " is " + what
                    + ": expected a finite decimal number");
        }
        double v;
        if (mant < (1L << 53) && exp >= -22 && exp <= 22) {
            // Exact for these ranges (both operands are exact doubles and IEEE rounds once).
            v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
        } else {
            v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
        }
        if (!Double.isFinite(v)) {
            throw new InputException(name, line, "column " + "txyz".charAt(col) + " overflows: expected a finite number");
        }
        return neg ? -v : v;
    }
}
