package org.plmmonitor.analysis.io;

import org.plmmonitor.analysis.signal.SampleSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code t,x,y,z} CSV: t to 4 decimals (0.1 ms), x/y/z to 5 (10 ug), trailing zeros dropped, formatted by hand
 * because an 8-hour 100 Hz night is 2.9 million rows. With {@link CsvLayout#PRESSURE} it writes
 * {@code t,pressure_mmhg} from a source's x column, the pressure to 5 decimals as well.
 */
public final class AccelCsvWriter {
    private final OutputStream out;
    private final int values;
    private final byte[] buf = new byte[1 << 16];
    private int len;

    /** @param out where to write; not closed by this writer */
    public AccelCsvWriter(OutputStream out) throws IOException {
        this(out, CsvLayout.ACCELERATION);
    }

    /**
     * @param out    where to write; not closed by this writer
     * @param layout the columns: acceleration ({@code t,x,y,z}) or pressure ({@code t,pressure_mmhg})
     */
    public AccelCsvWriter(OutputStream out, CsvLayout layout) throws IOException {
        this.out = out;
        this.values = layout.width() - 1;
        out.write((layout.header() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Copies a whole source; returns the rows written. */
    public long writeAll(SampleSource src) throws IOException {
        double[] s = new double[4];
        long n = 0;
        while (src.next(s)) {
            write(s[0], s[1], s[2], s[3]);
            n++;
        }
        flush();
        return n;
    }

    /**
     * @param tS time, s (non-negative)
     * @param x  g (mmHg for pressure)
     * @param y  g (not written for pressure)
     * @param z  g (not written for pressure)
     */
    public void write(double tS, double x, double y, double z) throws IOException {
        if (len > buf.length - 128) {
            flush();
        }
        fixed(tS, 10000, 4);
        buf[len++] = ',';
        fixed(x, 100000, 5);
        if (values == 3) {
            buf[len++] = ',';
            fixed(y, 100000, 5);
            buf[len++] = ',';
            fixed(z, 100000, 5);
        }
        buf[len++] = '\n';
    }

    public void flush() throws IOException {
        out.write(buf, 0, len);
        len = 0;
        out.flush();
    }

    private void fixed(double v, long scale, int decimals) {
        long q = Math.round(v * scale);
        if (q < 0) {
            buf[len++] = '-';
            q = -q;
        }
        long ip = q / scale;
        long fp = q % scale;
        if (ip == 0) {
            buf[len++] = '0';
        } else {
            int startPos = len;
            while (ip > 0) {
                buf[len++] = (byte) ('0' + ip % 10);
                ip /= 10;
            }
            for (int i = startPos, j = len - 1; i < j; i++, j--) {
                byte tmp = buf[i];
                buf[i] = buf[j];
                buf[j] = tmp;
            }
        }
        if (fp == 0) {
            return;
        }
        // Trailing zeros say nothing: drop them (a quantised sensor's values end in several).
        int digits = decimals;
        while (fp % 10 == 0) {
            fp /= 10;
            digits--;
        }
        buf[len++] = '.';
        for (int d = digits - 1; d >= 0; d--) {
            buf[len + d] = (byte) ('0' + fp % 10);
            fp /= 10;
        }
        len += digits;
    }
}
