package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.io.AccelCsvReader;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A recorded {@code t,x,y,z} CSV played back as if live. The file is parsed by a reader thread into a
 * small bounded queue of sample blocks (memory stays small however long the file); the processing thread
 * takes blocks as the pace allows. The rate is estimated as {@code plm analyze} estimates it, so the
 * detector is set up identically.
 */
final class ReplayFeed implements SampleFeed {
    private static final int BLOCK = 2048;
    private static final double[] END = new double[0];

    private final Leg leg;
    private final String name;
    private final double rateHz;
    private final AccelerationSink sink;
    private final BlockingQueue<double[]> queue = new ArrayBlockingQueue<>(16);
    private final Thread reader;
    private volatile InputException failure;
    private double[] block;
    private int pos;
    private int len;
    private boolean ended;

    /**
     * @param leg  the leg it stands for
     * @param file the CSV
     * @param sink where samples go
     * @throws InputException when the file cannot be read or its rate is outside 10-1000 Hz
     */
    ReplayFeed(Leg leg, Path file, AccelerationSink sink) throws InputException {
        this.leg = leg;
        this.name = file.toString();
        this.sink = sink;
        this.rateHz = AccelCsvReader.estimateRateHz(file, name);
        if (!(rateHz >= 10 && rateHz <= 1000)) {
            throw new InputException(name, 0, "sample rate " + rateHz + " Hz (from the time column) is outside 10-1000 Hz: is t in seconds?");
        }
        this.reader = new Thread(() -> read(file), "plm-replay-" + leg.jsonName());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(Path file) {
        double[][] cur = {new double[BLOCK * 4]};
        int[] n = {0};
        try {
            AccelCsvReader.read(file, name, (t, x, y, z) -> {
                double[] b = cur[0];
                int i = n[0] * 4;
                b[i] = t;
                b[i + 1] = x;
                b[i + 2] = y;
                b[i + 3] = z;
                if (++n[0] == BLOCK) {
                    put(b);
                    cur[0] = new double[BLOCK * 4];
                    n[0] = 0;
                }
            });
            if (n[0] > 0) {
                double[] last = new double[n[0] * 4];
                System.arraycopy(cur[0], 0, last, 0, last.length);
                put(last);
            }
        } catch (InputException e) {
            failure = e;
        } catch (IllegalStateException e) {
            return; // interrupted by close(): nobody is listening any more
        }
        put(END);
    }

    private void put(double[] b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay of " + name + " stopped", e);
        }
    }

    /** Makes the next block current; false at the end. Waits for the reader, which is always ahead. */
    private boolean fill() throws InputException {
        if (ended && failure != null) {
            throw failure;
        }
        while (!ended && pos >= len) {
            double[] b;
            try {
                b = queue.poll(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying " + name, e);
            }
            if (b == null) {
                throw new IllegalStateException("replay reader of " + name + " produced nothing for 60 s");
            }
            if (b == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
            block = b;
            pos = 0;
            len = b.length;
        }
        return !ended;
    }

    @Override
    public boolean pump(double untilS) throws InputException {
        while (fill()) {
            if (block[pos] > untilS) {
                return true;
            }
            sink.accept(block[pos], block[pos + 1], block[pos + 2], block[pos + 3]);
            pos += 4;
        }
        return false;
    }

    @Override
    public double nextS() {
        try {
            return fill() ? block[pos] : Double.NaN;
        } catch (InputException e) {
            return Double.NaN; // the next pump() throws it
        }
    }

    @Override
    public Leg leg() {
        return leg;
    }

    @Override
    public String type() {
        return "replay";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double rateHz() {
        return rateHz;
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
