package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.signal.SourceDescriptor;

import java.util.Optional;

/** One leg of the seeded simulator, delivered at the pace the daemon asks for, in blocks of up to {@link #BLOCK} samples. */
final class SimulatorFeed implements SampleFeed {
    /** Samples per block handed to the sink. */
    static final int BLOCK = 1024;

    private final SourceDescriptor descriptor;
    private final SampleSource src;
    private final SampleSink sink;
    private final SampleBlock block = SampleBlock.withCapacity(BLOCK);
    private final double[] next = new double[4];
    private boolean hasNext;

    /**
     * @param leg  the leg it stands for
     * @param name how reports name it
     * @param src  the simulated leg's samples (its rate is the simulation's)
     * @param sink where samples go
     */
    SimulatorFeed(Leg leg, String name, SampleSource src, SampleSink sink) {
        this.descriptor = new SourceDescriptor(leg, src.rateHz(), name, "simulator", false);
        this.src = src;
        this.sink = sink;
        this.hasNext = src.next(next);
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
    public boolean pump(double untilS) {
        int n = 0;
        while (hasNext && next[0] <= untilS) {
            block.tS()[n] = next[0];
            block.xG()[n] = next[1];
            block.yG()[n] = next[2];
            block.zG()[n] = next[3];
            if (++n == BLOCK) {
                sink.accept(block.withCount(n));
                n = 0;
            }
            hasNext = src.next(next);
        }
        if (n > 0) {
            sink.accept(block.withCount(n));
        }
        return hasNext;
    }

    @Override
    public double nextS() {
        return hasNext ? next[0] : Double.NaN;
    }
}
