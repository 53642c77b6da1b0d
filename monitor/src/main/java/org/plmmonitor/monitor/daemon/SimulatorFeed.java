package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleSource;

/** One leg of the seeded simulator, delivered at the pace the daemon asks for. */
final class SimulatorFeed implements SampleFeed {
    private final Leg leg;
    private final String name;
    private final SampleSource src;
    private final AccelerationSink sink;
    private final double[] next = new double[4];
    private boolean hasNext;

    /**
     * @param leg  the leg it stands for
     * @param name how reports name it
     * @param src  the simulated leg's samples
     * @param sink where samples go
     */
    SimulatorFeed(Leg leg, String name, SampleSource src, AccelerationSink sink) {
        this.leg = leg;
        this.name = name;
        this.src = src;
        this.sink = sink;
        this.hasNext = src.next(next);
    }

    @Override
    public Leg leg() {
        return leg;
    }

    @Override
    public String type() {
        return "simulator";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double rateHz() {
        return src.rateHz();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public boolean pump(double untilS) {
        while (hasNext && next[0] <= untilS) {
            sink.accept(next[0], next[1], next[2], next[3]);
            hasNext = src.next(next);
        }
        return hasNext;
    }

    @Override
    public double nextS() {
        return hasNext ? next[0] : Double.NaN;
    }
}
