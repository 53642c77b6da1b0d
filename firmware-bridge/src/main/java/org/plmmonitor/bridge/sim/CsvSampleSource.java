package org.plmmonitor.bridge.sim;

import org.plmmonitor.analysis.io.AccelCsvReader;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Replays a CSV with header {@code t,x,y,z} (t in s, x/y/z in g), one sample per line, read by the one
 * accelerometer CSV reader ({@link AccelCsvReader}: same checks, same messages, same rate estimate as
 * {@code plm analyze}). The device counter numbers lines, as a real sensor's FIFO would, whatever jitter
 * the file's times hold.
 */
public final class CsvSampleSource implements SampleSource, AutoCloseable {
    private final AccelCsvReader reader;
    private final double rateHz;
    private SampleBlock block;
    private int pos;

    private CsvSampleSource(AccelCsvReader reader, double rateHz) {
        this.reader = reader;
        this.rateHz = rateHz;
    }

    /**
     * @param file the CSV
     * @return an open source
     * @throws InputException naming the file and line when the header or one of the first rows is malformed,
     *                        or when the file cannot tell its rate
     */
    public static CsvSampleSource open(Path file) throws InputException {
        AccelCsvReader r = AccelCsvReader.open(file, file.toString());
        try {
            return new CsvSampleSource(r, r.rateHz());
        } catch (InputException e) {
            r.close();
            throw e;
        }
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
        if (block == null || pos == block.count()) {
            try {
                block = reader.next();
            } catch (InputException e) {
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            }
            pos = 0;
            if (block == null) {
                return false;
            }
        }
        txyz[0] = block.tS()[pos];
        txyz[1] = block.xG()[pos];
        txyz[2] = block.yG()[pos];
        txyz[3] = block.zG()[pos];
        pos++;
        return true;
    }

    @Override
    public void close() {
        reader.close();
    }
}
