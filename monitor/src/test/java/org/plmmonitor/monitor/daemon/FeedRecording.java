package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.SensorConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every sample each leg's feed hands to its route, in order: the daemon's own feeds opened behind a
 * {@link FeedOpener} that records each block before passing it on (on the processing thread), so that
 * {@code plm analyze} can be fed exactly the stamps and values the daemon's night was fed.
 */
final class FeedRecording {
    private final Map<Leg, List<double[]>> samples = new EnumMap<>(Leg.class);
    private final Map<Leg, SampleFeed> feeds = new EnumMap<>(Leg.class);

    FeedRecording() {
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            samples.put(leg, new ArrayList<>());
        }
    }

    /** @return the leg's samples so far, each {@code {t s, x g, y g, z g}} (a copy) */
    synchronized List<double[]> samples(Leg leg) {
        return new ArrayList<>(samples.get(leg));
    }

    /** @return how many samples each leg delivered so far, for messages */
    synchronized String counts() {
        return "left " + samples.get(Leg.LEFT).size() + ", right " + samples.get(Leg.RIGHT).size();
    }

    /** @return the interruptions the leg's feed reported (its {@link SampleFeed#lost()}), 0 if it never opened */
    synchronized long lost(Leg leg) {
        SampleFeed f = feeds.get(leg);
        return f == null ? 0 : f.lost();
    }

    private synchronized void opened(Leg leg, SampleFeed feed) {
        feeds.put(leg, feed);
    }

    private synchronized void record(Leg leg, SampleBlock b) {
        List<double[]> l = samples.get(leg);
        for (int i = 0; i < b.count(); i++) {
            l.add(new double[] {b.tS()[i], b.xG()[i], b.yG()[i], b.zG()[i]});
        }
        notifyAll();
    }

    /**
     * Waits until both legs have delivered at least {@code perLeg} samples.
     *
     * @param perLeg  samples per leg, 1 or more
     * @param timeout the longest wait (a bound for a broken link, not a timing assertion)
     * @return true when they have, false when the wait ran out
     */
    synchronized boolean await(int perLeg, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (samples.get(Leg.LEFT).size() < perLeg || samples.get(Leg.RIGHT).size() < perLeg) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** @return {@code real}, with every block its feeds deliver recorded first */
    FeedOpener around(FeedOpener real) {
        return new FeedOpener() {
            @Override
            public SampleFeed open(Leg leg, SensorConfig sensor, SampleSink sink) throws ConfigException, InputException {
                SampleFeed feed = real.open(leg, sensor, b -> {
                    record(leg, b);
                    sink.accept(b);
                });
                opened(leg, feed);
                return feed;
            }

            @Override
            public Optional<SerialBoard> serialBoard(String path) {
                return real.serialBoard(path);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    /**
     * Writes a leg's samples as {@code t,x,y,z} in the shortest decimals that read back to the same doubles.
     *
     * @return the file
     */
    Path write(Leg leg, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("t,x,y,z\n");
            for (double[] s : samples(leg)) {
                w.write(Double.toString(s[0]) + ',' + s[1] + ',' + s[2] + ',' + s[3] + '\n');
            }
        }
        return file;
    }
}
