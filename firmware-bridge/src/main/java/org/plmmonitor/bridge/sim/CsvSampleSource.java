package org.plmmonitor.bridge.sim;

import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.io.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Replays a CSV with header {@code t,x,y,z} (t in s, x/y/z in g), one sample per line. The rate is
 * the median step of the first 64 samples; the device counter numbers lines, as a real sensor's FIFO
 * would, whatever jitter the file's times hold.
 */
public final class CsvSampleSource implements SampleSource, AutoCloseable {
    private final String name;
    private final BufferedReader in;
    private final double rateHz;
    private final double[][] head;
    private int headPos;
    private long line;
    private double lastT = Double.NEGATIVE_INFINITY;

    private CsvSampleSource(String name, BufferedReader in, double[][] head, double rateHz, long line) {
        this.name = name;
        this.in = in;
        this.head = head;
        this.rateHz = rateHz;
        this.line = line;
    }

    /**
     * @param file the CSV
     * @return an open source
     * @throws InputException naming the file and line when the header or a row is malformed
     */
    public static CsvSampleSource open(Path file) throws InputException {
        String name = file.toString();
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read the replay file", e);
        }
        try {
            String header = in.readLine();
            if (header == null || !header.replace(" ", "").equalsIgnoreCase("t,x,y,z")) {
                throw new InputException(name, 1, "expected the header 't,x,y,z' (t in s, x/y/z in g), found '"
                        + header + "'");
            }
            long line = 1;
            double[][] head = new double[64][];
            int n = 0;
            String s;
            while (n < head.length && (s = in.readLine()) != null) {
                line++;
                if (!s.isBlank()) {
                    head[n++] = parse(name, line, s);
                }
            }
            head = Arrays.copyOf(head, n);
            if (n < 2) {
                throw new InputException(name, 0, "needs at least 2 samples to know the rate, found " + n);
            }
            double[] steps = new double[n - 1];
            for (int i = 1; i < n; i++) {
                steps[i - 1] = head[i][0] - head[i - 1][0];
            }
            Arrays.sort(steps);
            double step = steps[steps.length / 2];
            if (!(step > 0)) {
                throw new InputException(name, 0, "times must increase; median step is " + step + " s");
            }
            return new CsvSampleSource(name, in, head, 1 / step, line);
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read the replay file", e);
        }
    }

    private static double[] parse(String name, long line, String s) throws InputException {
        String[] f = s.split(",", -1);
        if (f.length != 4) {
            throw new InputException(name, line, "expected 4 fields t,x,y,z, found " + f.length);
        }
        double[] v = new double[4];
        String[] names = {"t", "x", "y", "z"};
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(f[i].trim());
            } catch (NumberFormatException e) {
                throw new InputException(name, line, "field " + names[i] + " '" + f[i] + "' is not a number", e);
            }
            if (!Double.isFinite(v[i])) {
                throw new InputException(name, line, "field " + names[i] + " is not finite");
            }
        }
        return v;
    }

    @Override
    public double rateHz() {
        return rateHz;
    }

    /**
     * @throws UncheckedIOException wrapping an {@link InputException} for a malformed later line
     */
    @Override
    public boolean next(double[] txyz) {
        double[] v;
        if (headPos < head.length) {
            v = head[headPos++];
        } else {
            try {
                String s;
                do {
                    s = in.readLine();
                    if (s == null) {
                        return false;
                    }
                    line++;
                } while (s.isBlank());
                v = parse(name, line, s);
            } catch (InputException e) {
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + name + " near line " + line, e);
            }
        }
        if (v[0] <= lastT) {
            throw new UncheckedIOException(new IOException(name + ": time " + v[0] + " s does not increase (after "
                    + lastT + " s)"));
        }
        lastT = v[0];
        System.arraycopy(v, 0, txyz, 0, 4);
        return true;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to read; closing a reader cannot lose data
        }
    }
}
