package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.SensorConfig;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One leg of a serial board. The board's reader thread queues samples; {@link #pump} hands them to the
 * processing thread. The rate is the board's, read from the spacing of its stamps (counter / rate);
 * until the first two samples it is the config's default.
 */
final class SerialFeed implements SampleFeed {
    /** Queue bound: 10 min at 100 Hz. The processing thread drains every poll, so this is only a safety net. */
    private static final int MAX_QUEUED = 60_000;

    private final Leg leg;
    private final SerialBoard board;
    private final AccelerationSink sink;
    private final ConcurrentLinkedQueue<double[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile double rateHz = Double.NaN;
    private volatile long lost;
    private double prevS = Double.NaN;

    /**
     * @param leg   the leg
     * @param board its board (shared with the other leg when one board carries both)
     * @param sink  where samples go, on the processing thread
     */
    SerialFeed(Leg leg, SerialBoard board, AccelerationSink sink) {
        this.leg = leg;
        this.board = board;
        this.sink = sink;
        board.addSink(leg, new AccelerationSink() {
            @Override
            public void accept(double tS, double xG, double yG, double zG) {
                if (Double.isNaN(rateHz) && !Double.isNaN(prevS) && tS > prevS) {
                    rateHz = Math.round(10.0 / (tS - prevS)) / 10.0;
                }
                prevS = tS;
                offer(new double[] {tS, xG, yG, zG});
            }

            @Override
            public void gap(double fromS, double toS) {
                lost++;
                offer(new double[] {Double.NaN, fromS, toS, 0});
            }
        });
    }

    private void offer(double[] e) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queue.poll();
            queued.decrementAndGet();
            lost++;
        }
        queue.add(e);
    }

    @Override
    public boolean pump(double untilS) {
        board.start();
        double[] e;
        while ((e = queue.poll()) != null) {
            queued.decrementAndGet();
            if (Double.isNaN(e[0])) {
                sink.gap(e[1], e[2]);
            } else {
                sink.accept(e[0], e[1], e[2], e[3]);
            }
        }
        return true;
    }

    @Override
    public Leg leg() {
        return leg;
    }

    @Override
    public String type() {
        return "serial";
    }

    @Override
    public String name() {
        return board.path();
    }

    @Override
    public double rateHz() {
        double r = rateHz;
        return Double.isNaN(r) ? SensorConfig.DEFAULT_RATE_HZ : r;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public double nextS() {
        return Double.NaN;
    }

    @Override
    public long rejected() {
        return board.counters().rejectedTotal();
    }

    @Override
    public long lost() {
        return lost + board.counters().framesLost();
    }
}
