package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.io.AccelCsvReader;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SourceDescriptor;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A recorded {@code t,x,y,z} CSV played back as if live. The file is read by {@link AccelCsvReader} (the
 * reader and the rate estimate of {@code plm analyze}, so the detector is set up identically) on a reader
 * thread into a small bounded queue of blocks (memory stays small however long the file); the processing
 * thread takes blocks as the pace allows.
 */
final class ReplayFeed implements SampleFeed {
    private static final SampleBlock END = SampleBlock.withCapacity(1);

    private final SourceDescriptor descriptor;
    private final SampleSink sink;
    private final BlockingQueue<SampleBlock> queue = new ArrayBlockingQueue<>(16);
    private final SampleBlock out = SampleBlock.withCapacity(AccelCsvReader.BLOCK_ROWS);
    private final Thread reader;
    private volatile InputException failure;
    private SampleBlock block;
    private int pos;
    private boolean ended;

    /**
     * @param leg  the leg it stands for
     * @param file the CSV
     * @param sink where samples go
     * @throws InputException when the file cannot be read, its first rows are malformed or its rate is
     *                        outside 10-1000 Hz
     */
    ReplayFeed(Leg leg, Path file, SampleSink sink) throws InputException {
        String name = file.toString();
        AccelCsvReader csv = AccelCsvReader.open(file, name);
        try {
            this.descriptor = new SourceDescriptor(leg, csv.rateHz(), name, "replay", false);
        } catch (InputException e) {
            csv.close();
            throw e;
        }
        this.sink = sink;
        this.reader = new Thread(() -> read(csv), "plm-replay-" + leg.jsonName());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(AccelCsvReader csv) {
        try (csv) {
            // The reader refills its block: the queue gets copies.
            for (SampleBlock b = csv.next(); b != null; b = csv.next()) {
                queue.put(b.copy());
            }
        } catch (InputException e) {
            failure = e;
        } catch (InterruptedException e) {
            return; // close(): nobody is listening any more
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the next block current; false at the end. Waits for the reader, which is always ahead. */
    private boolean fill() throws InputException {
        if (ended && failure != null) {
            throw failure;
        }
        while (!ended && (block == null || pos >= block.count())) {
            SampleBlock b;
            try {
                b = queue.poll(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying " + descriptor.name(), e);
            }
            if (b == null) {
                throw new IllegalStateException("replay reader of " + descriptor.name() + " produced nothing for 60 s");
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
        }
        return !ended;
    }

    @Override
    public boolean pump(double untilS) throws InputException {
        while (fill()) {
            int from = pos;
            int to = from;
            while (to < block.count() && block.tS()[to] <= untilS) {
                to++;
            }
            if (to > from) {
                int n = to - from;
                System.arraycopy(block.tS(), from, out.tS(), 0, n);
                System.arraycopy(block.xG(), from, out.xG(), 0, n);
                System.arraycopy(block.yG(), from, out.yG(), 0, n);
                System.arraycopy(block.zG(), from, out.zG(), 0, n);
                pos = to;
                sink.accept(out.withCount(n));
            }
            if (to < block.count()) {
                return true; // the next sample is later than asked for
            }
        }
        return false;
    }

    @Override
    public double nextS() {
        try {
            return fill() ? block.tS()[pos] : Double.NaN;
        } catch (InputException e) {
            return Double.NaN; // the next pump() throws it
        }
    }

    @Override
    public Optional<SourceDescriptor> descriptor() {
        return Optional.of(descriptor);
    }

    @Override
    public String type() {
        return descriptor.type();
    }

    @Override
    public String name() {
        return descriptor.name();
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
