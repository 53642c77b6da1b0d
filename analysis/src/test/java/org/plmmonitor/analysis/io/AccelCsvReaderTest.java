package org.plmmonitor.analysis.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.signal.SampleBlock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one accelerometer CSV reader: blocks in file order, one rate estimate, errors naming file and line. */
class AccelCsvReaderTest {
    @TempDir
    Path dir;

    /** Writes {@code n} rows at {@code rateHz}, times jittered by up to 2 % of a period; a 3-s gap after row {@code gapAt}. */
    private Path night(String name, int n, double rateHz, int gapAt, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("t,x,y,z\n");
        double t = 100;
        for (int i = 0; i < n; i++) {
            b.append(String.format(Locale.ROOT, "%.5f,%.4f,%.4f,%.4f%n", t + (r.nextDouble() - 0.5) * 0.02 / rateHz,
                    0.01 * i % 1, -0.5, 0.8));
            t += i == gapAt ? 3 : 1 / rateHz;
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        return p;
    }

    @Test
    void handsEveryRowInFileOrderInBlocksOfBoundedSize() throws Exception {
        Path p = night("a.csv", 10_000, 100, 5000, 1);
        List<Double> times = new ArrayList<>();
        int blocks = 0;
        try (AccelCsvReader r = AccelCsvReader.open(p, "a.csv")) {
            for (SampleBlock b = r.next(); b != null; b = r.next()) {
                assertTrue(b.count() > 0 && b.count() <= AccelCsvReader.BLOCK_ROWS, "block of " + b.count());
                for (int i = 0; i < b.count(); i++) {
                    times.add(b.tS()[i]);
                    assertEquals(-0.5, b.yG()[i]);
                    assertEquals(0.8, b.zG()[i]);
                }
                blocks++;
            }
            assertNull(r.next(), "the end stays the end");
            assertEquals(10_000, r.summary().rows());
            assertEquals(times.get(0), r.summary().firstS());
            assertEquals(times.get(times.size() - 1), r.summary().lastS());
        }
        assertEquals(3, blocks);
        assertEquals(10_000, times.size());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) > times.get(i - 1), "row " + i + " out of order");
        }
    }

    @Test
    void theRateIsTheMedianStepOfTheFirstRowsToATenthOfAHertz() throws Exception {
        // Jitter and a gap do not move the median.
        assertEquals(25.0, AccelCsvReader.estimateRateHz(night("b.csv", 3000, 25, 100, 2), "b.csv"));
        // Only the first RATE_ROWS rows count: 50 Hz there, 100 Hz after.
        StringBuilder b = new StringBuilder("t,x,y,z\n");
        double t = 0;
        for (int i = 0; i < 6000; i++) {
            b.append(String.format(Locale.ROOT, "%.4f,0,0,1%n", t));
            t += i < AccelCsvReader.RATE_ROWS ? 0.02 : 0.01;
        }
        Path p = dir.resolve("c.csv");
        Files.writeString(p, b);
        try (AccelCsvReader r = AccelCsvReader.open(p, "c.csv")) {
            assertEquals(50.0, r.rateHz());
        }
    }

    @Test
    void aFileThatCannotTellItsRateSaysSoButStillReads() throws Exception {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "t,x,y,z\n1.0,0,0,1\n");
        InputException e = assertThrows(InputException.class, () -> AccelCsvReader.estimateRateHz(one, "one.csv"));
        assertEquals("one.csv: needs at least two samples to know the sample rate, found 1", e.getMessage());
        assertEquals(1, AccelCsvReader.read(one, "one.csv", b -> { }).rows());

        Path ms = dir.resolve("ms.csv");
        Files.writeString(ms, "t,x,y,z\n0,0,0,1\n20,0,0,1\n40,0,0,1\n");
        e = assertThrows(InputException.class, () -> AccelCsvReader.estimateRateHz(ms, "ms.csv"));
        assertEquals("ms.csv: sample rate 0.1 Hz (from the time column) is outside 10-1000 Hz: is t in seconds?",
                e.getMessage());
    }

    @Test
    void aBadRowBeyondTheFirstBlockNamesItsFileLineAndField() throws Exception {
        Path p = night("d.csv", 9000, 50, -1, 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        lines.set(8000, lines.get(8000).replaceFirst(",[^,]*$", ",abc"));
        Files.write(p, lines);
        long[] seen = {0};
        InputException e = assertThrows(InputException.class,
                () -> AccelCsvReader.read(p, "d.csv", b -> seen[0] += b.count()));
        assertEquals("d.csv:8001: column z is 'abc': expected a finite decimal number", e.getMessage());
        assertEquals(8001, e.line());
        assertEquals(AccelCsvReader.BLOCK_ROWS, seen[0], "the whole blocks before the bad row were handed over");
    }

    @Test
    void aStrayTimeFarBeyondTheRecordingIsRefusedNotAnalysedAcrossIt() throws Exception {
        // One stamp at 1e12 s in a minute's file made plm analyze take 5 GB and write a 200 MB report.
        Path p = night("stray.csv", 3000, 50, -1, 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        lines.add("1e12,0.01,0.02,0.99");
        Files.write(p, lines);
        long[] seen = {0};
        InputException e = assertThrows(InputException.class,
                () -> AccelCsvReader.read(p, "stray.csv", b -> seen[0] += b.count()));
        assertEquals(3002, e.line());
        assertTrue(e.getMessage().startsWith("stray.csv:3002: time 1.0E12 s is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("a recording spans at most 604800 s (7 days)"), e.getMessage());
        // A week to the second is still a recording.
        Path week = dir.resolve("week.csv");
        Files.writeString(week, "t,x,y,z\n0,0,0,1\n0.02,0,0,1\n0.04,0,0,1\n604800,0,0,1\n");
        AccelCsvReader.read(week, "week.csv", b -> { });
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefusedAtOpen() throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertEquals("empty.csv: empty file: expected a header line t,x,y,z and rows of samples",
                assertThrows(InputException.class, () -> AccelCsvReader.open(empty, "empty.csv")).getMessage());
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "t,x,y,z\n");
        assertEquals("header.csv: no samples after the header: expected rows of t,x,y,z",
                assertThrows(InputException.class, () -> AccelCsvReader.open(header, "header.csv")).getMessage());
        assertEquals("nope.csv: no such file",
                assertThrows(InputException.class, () -> AccelCsvReader.open(dir.resolve("nope.csv"), "nope.csv")).getMessage());
    }

    /**
     * Every number reads as {@link Double#parseDouble} reads it, sign included, whichever way the parser
     * takes: the fast path (up to 2^53 and 10^+-22) and the fallback for longer numbers and far exponents.
     * {@code Double.toString} of a count times a scale writes 17 digits ({@code -0.47100000000000003});
     * such a negative value once came back positive.
     */
    @Test
    void everyNumberReadsAsJavaParsesItSignIncluded() throws Exception {
        List<String> texts = new ArrayList<>(List.of("-0.47100000000000003", "0.47100000000000003", "-1e-30", "-1.5E-25",
                "+2.5e-30", "-12.345678901234567890", "-0.1234567890123456789", "-1.0E-5", "-63.99999999999999", "-0.5", "0"));
        Random r = new Random(11);
        for (int i = 0; i < 3000; i++) {
            double v = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(3) - (i % 5 == 0 ? 30 : 1));
            texts.add(i % 2 == 0 ? Double.toString(v) : Double.toString(Math.round(v * 1000) * 0.001));
        }
        StringBuilder b = new StringBuilder("t,x,y,z\n");
        for (int i = 0; i < texts.size(); i++) {
            b.append(i).append(',').append(texts.get(i)).append(",0,").append(texts.get(texts.size() - 1 - i)).append('\n');
        }
        Path p = dir.resolve("digits.csv");
        Files.writeString(p, b);
        List<double[]> rows = new ArrayList<>();
        AccelCsvReader.read(p, "digits.csv", blk -> {
            for (int i = 0; i < blk.count(); i++) {
                rows.add(new double[] {blk.xG()[i], blk.zG()[i]});
            }
        });
        assertEquals(texts.size(), rows.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Double.parseDouble(texts.get(i)), rows.get(i)[0], "x of row " + i + ": " + texts.get(i));
            String z = texts.get(texts.size() - 1 - i);
            assertEquals(Double.parseDouble(z), rows.get(i)[1], "z of row " + i + ": " + z);
        }
    }

    /**
     * The one-pass path for plain rows and the general parser agree at their border: leading zeros,
     * 18 and 19 digits, mantissas just above and below 2^53, 22 and 23 decimals, a bare point, negative zero, CR LF endings, and a row
     * cut by the 1 MiB read buffer (about 40,000 rows of this file in, and again further on).
     */
    @Test
    void plainRowsReadAsJavaParsesThemAtEveryBorder() throws Exception {
        List<String> edge = List.of("0000000000000000001.5", "12.3456789012345678", "12.34567890123456789",
                "-0.0", "5.", ".5", "-.25", "0.1234567890123456789012", "0.12345678901234567890123",
                "0.9007199254740993", "-0.9007199254740991", "+0.5", " 0.5", "1e-3");
        Random r = new Random(12);
        StringBuilder b = new StringBuilder("t,x,y,z\r\n");
        List<String[]> texts = new ArrayList<>();
        for (int i = 0; i < 120_000; i++) {
            String x = i < edge.size() ? edge.get(i) : Double.toString(Math.round((r.nextDouble() * 2 - 1) * 1e4) * 1e-4);
            String z = Long.toString(r.nextInt(64)) + "." + Integer.toString(r.nextInt(1000));
            texts.add(new String[] {x, z});
            b.append(i).append(".0,").append(x).append(",0,").append(z).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Path p = dir.resolve("plain.csv");
        Files.writeString(p, b);
        List<double[]> rows = new ArrayList<>();
        AccelCsvReader.read(p, "plain.csv", blk -> {
            for (int i = 0; i < blk.count(); i++) {
                rows.add(new double[] {blk.tS()[i], blk.xG()[i], blk.zG()[i]});
            }
        });
        assertEquals(texts.size(), rows.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(i, rows.get(i)[0], "t of row " + i);
            assertEquals(Double.parseDouble(texts.get(i)[0].strip()), rows.get(i)[1], "x of row " + i + ": " + texts.get(i)[0]);
            assertEquals(Double.parseDouble(texts.get(i)[1]), rows.get(i)[2], "z of row " + i + ": " + texts.get(i)[1]);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(rows.get(3)[1]), "negative zero keeps its sign");
    }
}
