package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SourceDescriptor;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One leg of a serial board. The board's reader thread queues sample blocks; {@link #pump} hands them to
 * the processing thread. The rate is the one the board announces (its handshake, or its batches, which
 * carry it too); until it has spoken the feed has no descriptor, and it delivers nothing before that.
 */
final class SerialFeed implements SampleFeed {
    private static final System.Logger LOG = System.getLogger(SerialFeed.class.getName());
    /** Queue bound in samples: 10 min at 100 Hz. The processing thread drains every poll, so this is only a safety net. */
    private static final int MAX_QUEUED = 60_000;

    private final Leg leg;
    private final SerialBoard board;
    private final SampleSink sink;
    private final ConcurrentLinkedQueue<SampleBlock> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile long lost;
    private SourceDescriptor descriptor;
    private boolean refused;

    /**
     * @param leg   the leg
     * @param board its board (shared with the other leg when one board carries both)
     * @param sink  where samples go, on the processing thread
     */
    SerialFeed(Leg leg, SerialBoard board, SampleSink sink) {
        this.leg = leg;
        this.board = board;
        this.sink = sink;
        board.addSink(leg, this::offer);
        board.addGapListener(leg, () -> lost++);
    }

    /** On the board's reader thread: the block's arrays are the board's, so the queue keeps a copy. */
    private void offer(SampleBlock b) {
        int total = queued.addAndGet(b.count());
        while (total > MAX_QUEUED) {
            SampleBlock old = queue.poll();
            if (old == null) {
                break;
            }
            total = queued.addAndGet(-old.count());
            lost++;
        }
        queue.add(b.copy());
    }

    @Override
    public boolean pump(double untilS) {
        board.start();
        SampleBlock b;
        while ((b = queue.poll()) != null) {
            queued.addAndGet(-b.count());
            sink.accept(b);
        }
        return true;
    }

    /**
     * The board's rate as it announced it first. A board announcing a rate the analysis cannot use (outside
     * 10-1000 Hz) gets no descriptor, so its samples never reach a detector; that is logged once, and the
     * daemon runs on.
     */
    @Override
    public Optional<SourceDescriptor> descriptor() {
        if (descriptor == null) {
            OptionalDouble r = board.rateHz(leg);
            if (r.isPresent()) {
                double rate = r.getAsDouble();
                if (rate >= SourceDescriptor.MIN_RATE_HZ && rate <= SourceDescriptor.MAX_RATE_HZ) {
                    descriptor = new SourceDescriptor(leg, rate, name(), type(), true);
                } else if (!refused) {
                    refused = true;
                    LOG.log(System.Logger.Level.WARNING, name() + " announces " + rate + " Hz for the " + leg.jsonName()
                            + " leg, outside " + (int) SourceDescriptor.MIN_RATE_HZ + "-" + (int) SourceDescriptor.MAX_RATE_HZ
                            + " Hz: its samples are not analysed");
                }
            }
        }
        return Optional.ofNullable(descriptor);
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
    public boolean live() {
        return true;
    }

    @Override
    public double nextS() {
        return Double.NaN;
    }

    @Override
    public Optional<SourceLinkState> link() {
        return Optional.of(board.link());
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
