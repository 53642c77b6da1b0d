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
    /** Queue bound in samples: 10 min at 100 Hz. The processing thread drains every poll, so this is only a safety net. */
    private static final int MAX_QUEUED = 60_000;

    private final Leg leg;
    private final SerialBoard board;
    private final SampleSink sink;
    private final ConcurrentLinkedQueue<SampleBlock> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile long lost;
    private SourceDescriptor descriptor;

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

    @Override
    public Optional<SourceDescriptor> descriptor() {
        if (descriptor == null) {
            OptionalDouble r = board.rateHz(leg);
            if (r.isPresent()) {
                descriptor = new SourceDescriptor(leg, r.getAsDouble(), name(), type(), true);
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
    public long rejected() {
        return board.counters().rejectedTotal();
    }

    @Override
    public long lost() {
        return lost + board.counters().framesLost();
    }
}
