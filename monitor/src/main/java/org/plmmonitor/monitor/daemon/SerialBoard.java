package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.LinkCounters;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SessionConfig;
import org.plmmonitor.bridge.time.DeviceClock;
import org.plmmonitor.bridge.time.SettlingQueue;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * One serial board (one device path), which may carry both legs. Its samples are stamped on the
 * board's own clock (sample counter / rate); a {@link DeviceClock}, shared by its legs so that they stay
 * aligned, moves them onto the daemon's monotonic line and follows the board's crystal (or RC
 * oscillator) drift against it, so that the end of a night is as close to the host's time as its start. Until that
 * clock's line has started (a backlog read in one burst must not be stamped ahead of the wall clock; see
 * {@link DeviceClock}) each leg's samples wait in a {@link SettlingQueue}, about {@value DeviceClock#SETTLE_S} s at the
 * start. The session reads on its own thread; {@link SerialFeed}s hand the samples to the processing thread. A cuff
 * controller on the same device ({@link CuffMonitor}) listens on the same session.
 */
final class SerialBoard implements AutoCloseable {
    private final String path;
    private final DeviceSession session;
    private final SerialSensorSource source;
    private final LongSupplier nanos;
    private final DeviceClock clock = new DeviceClock();
    private final SerialLinkWatch link;
    private boolean started;

    /**
     * @param path  the device
     * @param baud  line speed, bit/s
     * @param nanos the daemon's monotonic clock, ns
     */
    SerialBoard(String path, int baud, LongSupplier nanos) {
        this.path = path;
        this.nanos = nanos;
        this.session = DeviceSession.overSerial(path, SerialLinkConfig.builder().baudRate(baud).build(), SessionConfig.DEFAULT);
        this.source = new SerialSensorSource(nanos);
        session.addListener(source);
        this.link = new SerialLinkWatch(path, nanos);
        session.addListener(link);
    }

    /** @return the board's link as status shows it, for each leg it carries */
    SourceLinkState link() {
        return link.state();
    }

    /** @return the device path */
    String path() {
        return path;
    }

    /**
     * Routes one leg's samples, moved onto the monotonic line, into a sink (called on the reader thread,
     * with a block whose arrays are reused for the leg's next batch).
     */
    void addSink(Leg leg, SampleSink sink) {
        source.addSink(leg, new SampleSink() {
            private double lastS = Double.NEGATIVE_INFINITY;
            private double[] line = new double[0];
            /**
             * Blocks until the clock's line starts, stamped then, none ahead of its arrival; drained on this reader
             * thread, so only the clock's settling bounds what waits. Every block goes through it as a copy (the
             * source reuses its arrays): four small arrays a batch, a few times a second.
             */
            private final SettlingQueue<SampleBlock> held = new SettlingQueue<>(clock, Integer.MAX_VALUE);

            @Override
            public void accept(SampleBlock b) {
                long now = nanos.getAsLong();
                for (int i = 0; i < b.count(); i++) {
                    clock.observe(b.tS()[i], now);
                }
                held.add(copy(b));
                held.drainTo(this::pass);
            }

            private void pass(SampleBlock b) {
                if (line.length < b.count()) {
                    line = new double[b.count()];
                }
                for (int i = 0; i < b.count(); i++) {
                    // The clock is monotone in device time; this only guards a leg lagging the other by minutes.
                    lastS = Math.max(clock.map(b.tS()[i]), Math.nextUp(lastS));
                    line[i] = lastS;
                }
                sink.accept(new SampleBlock(line, b.xG(), b.yG(), b.zG(), b.count()));
            }
        });
    }

    /** @return a block of its own (the source reuses its arrays for the next batch) */
    private static SampleBlock copy(SampleBlock b) {
        int n = b.count();
        return new SampleBlock(Arrays.copyOf(b.tS(), n), Arrays.copyOf(b.xG(), n), Arrays.copyOf(b.yG(), n),
                Arrays.copyOf(b.zG(), n), n);
    }

    /**
     * @param leg      a leg of this board
     * @param listener told of each interruption of that leg's samples (lost frames, a restart), on the reader thread
     */
    void addGapListener(Leg leg, Runnable listener) {
        source.addGapListener(g -> {
            if (g.leg() == leg) {
                listener.run();
            }
        });
    }

    /**
     * @param leg a leg of this board
     * @return its rate as the board announced it (handshake or batches), Hz; empty until the board has spoken
     */
    OptionalDouble rateHz(Leg leg) {
        return source.rateHz(leg);
    }

    /** Starts reading (once, after every leg's sink is added). */
    synchronized void start() {
        if (!started) {
            started = true;
            session.start();
        }
    }

    /** @return the board's session, for a cuff controller on the same device (it shares the one open port) */
    DeviceSession session() {
        return session;
    }

    /** @return the link's counters (frames rejected, lost) */
    LinkCounters counters() {
        return session.counters();
    }

    @Override
    public void close() {
        session.close();
    }
}
