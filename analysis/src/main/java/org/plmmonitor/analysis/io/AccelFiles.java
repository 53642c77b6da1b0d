package org.plmmonitor.analysis.io;

import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.pipeline.VersionedDetector;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.PressureSink;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one CSV per leg (and a cuff's pressure CSV, if any) through a {@link NightPipeline}: the offline entry to the same night the daemon
 * streams. Each file is parsed on its own thread (parsing is most of the work), but only the calling
 * thread feeds the pipeline: readers hand it blocks of about ten seconds of samples, and it always feeds
 * the block that starts earliest, so the legs reach the pipeline in time order as a live night's do.
 * The pipeline puts the samples on the store's grid at its entry, as it does the daemon's, so a file
 * analysed here and the same samples analysed live give the same night.
 */
public final class AccelFiles {
    /** Blocks a reader may parse ahead of the feeder, per leg (a few minutes of samples). */
    private static final int QUEUE_BLOCKS = 16;
    /** Samples per block, in seconds of the leg's rate: large enough that handing over costs little. */
    private static final double BLOCK_S = 10;

    private AccelFiles() {
    }

    /** A leg's file as the user named it, and where it is. */
    public record LegFile(Leg leg, Path path, String name) {
    }

    /** Which pipeline input a file feeds, and how it is read. */
    private enum Kind {
        ACCELERATION(CsvLayout.ACCELERATION), PRESSURE(CsvLayout.PRESSURE);

        final CsvLayout layout;

        Kind(CsvLayout layout) {
            this.layout = layout;
        }
    }

    /**
     * What was read from each file, and the finished night.
     *
     * @param night     the finished pipeline: its analysis, totals and scored movements
     * @param summaries per acceleration file's leg, rows read and first and last time
     */
    public record Result(NightPipeline night, Map<Leg, AccelCsvReader.Summary> summaries) {
    }

    /**
     * Analyses acceleration files only, to the end of the night.
     *
     * @param files    one or two files, distinct legs, on one time origin
     * @param cfg      detector parameters
     * @param standard scoring rules
     * @param listener receives everything the night produces, on the calling thread
     * @return the finished night and what was read
     * @throws InputException naming the first bad file (in the order given) and its line
     */
    public static Result analyze(List<LegFile> files, DetectorConfig cfg, ScoringStandard standard,
                                 NightPipeline.Listener listener) throws InputException {
        return analyze(files, List.of(), cfg, standard, listener);
    }

    /**
     * Analyses acceleration and cuff-pressure files together to the end of the night.
     *
     * @param files         zero to two acceleration files ({@code t,x,y,z}), distinct legs, on one time origin
     * @param pressureFiles zero or more cuff files ({@code t,pressure_mmhg}), distinct legs, same origin;
     *                      at least one file in all
     * @param cfg           detector parameters
     * @param standard      scoring rules
     * @param listener      receives everything the night produces, on the calling thread
     * @return the finished night and what was read
     * @throws InputException naming the first bad file (acceleration files first, in the order given) and its line
     */
    public static Result analyze(List<LegFile> files, List<LegFile> pressureFiles, DetectorConfig cfg,
                                 ScoringStandard standard, NightPipeline.Listener listener) throws InputException {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        for (LegFile f : files) {
            rates.put(f.leg(), AccelCsvReader.estimateRateHz(f.path(), f.name()));
        }
        Map<Leg, Double> cuffRates = new EnumMap<>(Leg.class);
        for (LegFile f : pressureFiles) {
            cuffRates.put(f.leg(), AccelCsvReader.estimateRateHz(f.path(), f.name(), CsvLayout.PRESSURE));
        }
        // The merge below hands the legs over in time order and ends each leg explicitly, so no leg is
        // ever silent, only ahead: nothing has to be given up on a lagging leg.
        NightPipeline night = new NightPipeline(rates, cuffRates,
                new VersionedDetector(DetectorConfig.VERSION, cfg), standard, Double.POSITIVE_INFINITY, listener);
        ExecutorService pool = Executors.newFixedThreadPool(files.size() + pressureFiles.size(), r -> {
            Thread t = new Thread(r, "plm-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Reader> readers = new ArrayList<>();
            for (LegFile f : files) {
                Reader r = new Reader(f, Kind.ACCELERATION, (int) Math.max(16, Math.round(BLOCK_S * rates.get(f.leg()))));
                readers.add(r);
                pool.execute(r);
            }
            for (LegFile f : pressureFiles) {
                Reader r = new Reader(f, Kind.PRESSURE, (int) Math.max(16, Math.round(BLOCK_S * cuffRates.get(f.leg()))));
                readers.add(r);
                pool.execute(r);
            }
            return new Result(night, merge(readers, night));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + files, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Feeds the earliest block of any leg until every file is read, then finishes the night. */
    private static Map<Leg, AccelCsvReader.Summary> merge(List<Reader> readers, NightPipeline night)
            throws InterruptedException, InputException {
        Map<Leg, AccelCsvReader.Summary> summaries = new LinkedHashMap<>();
        readers.stream().filter(r -> r.kind == Kind.ACCELERATION).forEach(r -> summaries.put(r.file.leg(), null));
        Block[] heads = new Block[readers.size()];
        int open = readers.size();
        while (open > 0) {
            int next = -1;
            for (int i = 0; i < readers.size(); i++) {
                Reader r = readers.get(i);
                if (r.done) {
                    continue;
                }
                if (heads[i] == null) {
                    Item item = r.queue.take();
                    if (item instanceof Failed failed) {
                        throw firstFailure(readers, i, failed);
                    }
                    if (item instanceof End end) {
                        r.done = true;
                        open--;
                        if (r.kind == Kind.ACCELERATION) {
                            summaries.put(r.file.leg(), end.summary());
                            night.endLeg(r.file.leg());
                        } else {
                            night.endCuff(r.file.leg());
                        }
                        continue;
                    }
                    heads[i] = (Block) item;
                }
                if (next < 0 || heads[i].t[0] < heads[next].t[0]) {
                    next = i;
                }
            }
            if (next >= 0) {
                Reader r = readers.get(next);
                if (r.kind == Kind.ACCELERATION) {
                    heads[next].feed(night.sink(r.file.leg()));
                } else {
                    heads[next].feed(night.pressureSink(r.file.leg()));
                }
                readers.get(next).recycle(heads[next]);
                heads[next] = null;
                night.tick();
            }
        }
        night.finish();
        return summaries;
    }

    /**
     * One reader failed: report the first bad file in the order the user gave them, as reading each
     * file to its end would have, so the message does not depend on which thread was faster.
     */
    private static InputException firstFailure(List<Reader> readers, int failedIndex, Failed failed)
            throws InterruptedException {
        for (int i = 0; i < failedIndex; i++) {
            Reader r = readers.get(i);
            while (!r.done) {
                Item item = r.queue.take();
                if (item instanceof Failed earlier) {
                    return earlier.asInput();
                }
                r.done = item instanceof End;
            }
        }
        return failed.asInput();
    }

    private sealed interface Item permits Block, End, Failed {
    }

    /** About ten seconds of one leg's samples, in file order. */
    private record Block(double[] t, double[] x, double[] y, double[] z, int n) implements Item {
        void feed(AccelerationSink sink) {
            for (int i = 0; i < n; i++) {
                sink.accept(t[i], x[i], y[i], z[i]);
            }
        }

        /** A one-channel block: the pressure is in x (see {@link CsvLayout}). */
        void feed(PressureSink sink) {
            for (int i = 0; i < n; i++) {
                sink.accept(t[i], x[i]);
            }
        }
    }

    private record End(AccelCsvReader.Summary summary) implements Item {
    }

    private record Failed(LegFile file, Exception cause) implements Item {
        InputException asInput() {
            if (cause instanceof InputException ie) {
                return ie;
            }
            throw new IllegalStateException("reading " + file.name() + " failed", cause);
        }
    }

    /** The feeder has gone (an error elsewhere): the reader stops. */
    private static final class Stopped extends RuntimeException {
        Stopped(InterruptedException cause) {
            super("reader stopped", cause, false, false);
        }
    }

    /** Parses one file into blocks on a reader thread. */
    private static final class Reader implements Runnable, SampleSink {
        final LegFile file;
        final Kind kind;
        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
        /**
         * Blocks the feeder has fed, for the reader to fill again: a night's worth of fresh arrays (90 MB for
         * 8 h at 100 Hz) would be garbage the heap grows for.
         */
        private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(QUEUE_BLOCKS + 2);
        /** Only the feeding thread reads and writes this. */
        boolean done;
        private final int blockSize;
        private double[] t;
        private double[] x;
        private double[] y;
        private double[] z;
        private int n;

        Reader(LegFile file, Kind kind, int blockSize) {
            this.file = file;
            this.kind = kind;
            this.blockSize = blockSize;
            fresh();
        }

        private void fresh() {
            Block b = free.poll();
            if (b != null) {
                t = b.t();
                x = b.x();
                y = b.y();
                z = b.z();
            } else {
                t = new double[blockSize];
                x = new double[blockSize];
                y = new double[blockSize];
                z = new double[blockSize];
            }
            n = 0;
        }

        /** @param b a block of this reader's that the feeder has fed: its arrays may be filled again */
        void recycle(Block b) {
            free.offer(b);
        }

        @Override
        public void run() {
            try {
                AccelCsvReader.Summary s = AccelCsvReader.read(file.path(), file.name(), kind.layout, this);
                if (n > 0) {
                    put(new Block(t, x, y, z, n));
                }
                put(new End(s));
            } catch (Stopped e) {
                // The feeder gave up; nobody is waiting for this file any more.
            } catch (Exception e) {
                try {
                    put(new Failed(file, e));
                } catch (Stopped ignored) {
                    // as above
                }
            }
        }

        @Override
        public void accept(SampleBlock b) {
            // The reader's block is valid only during this call: copy it, a run of arrays at a time.
            int from = 0;
            while (from < b.count()) {
                int k = Math.min(b.count() - from, blockSize - n);
                System.arraycopy(b.tS(), from, t, n, k);
                System.arraycopy(b.xG(), from, x, n, k);
                System.arraycopy(b.yG(), from, y, n, k);
                System.arraycopy(b.zG(), from, z, n, k);
                n += k;
                from += k;
                if (n == blockSize) {
                    put(new Block(t, x, y, z, n));
                    fresh();
                }
            }
        }

        private void put(Item item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped(e);
            }
        }
    }
}
