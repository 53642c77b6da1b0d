package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;

/** For fake feeds: gathers samples and hands them to a sink in blocks, as real sources do. */
final class BlockOut {
    private final SampleSink sink;
    private final SampleBlock block = SampleBlock.withCapacity(512);
    private int n;

    BlockOut(SampleSink sink) {
        this.sink = sink;
    }

    /** Adds one sample (s, g); hands the block over when it is full. */
    void add(double t, double x, double y, double z) {
        block.tS()[n] = t;
        block.xG()[n] = x;
        block.yG()[n] = y;
        block.zG()[n] = z;
        if (++n == block.capacity()) {
            flush();
        }
    }

    /** Hands over what was gathered. */
    void flush() {
        if (n > 0) {
            int c = n;
            n = 0;
            sink.accept(block.withCount(c));
        }
    }
}
