package org.plmmonitor.bridge.sim;

import org.plmmonitor.analysis.signal.SampleSource;

/** A deterministic test signal: sample i has t = i / rate and values that encode i, for exact checks. */
final class PatternSource implements SampleSource {
    private final double rateHz;
    private final long count;
    private final int leg;
    private long i;

    PatternSource(double rateHz, double durationS, int leg) {
        this.rateHz = rateHz;
        this.count = Math.round(durationS * rateHz);
        this.leg = leg;
    }

    static double x(long i, int leg) {
        return ((i % 2000) - 1000) / 1000.0;           // -1..1 g in 1 mg steps
    }

    static double y(long i, int leg) {
        return leg * 0.5 + ((i / 2000) % 100) / 1000.0;
    }

    static double z(long i, int leg) {
        return 1.0;
    }

    @Override
    public double rateHz() {
        return rateHz;
    }

    @Override
    public boolean next(double[] txyz) {
        if (i >= count) {
            return false;
        }
        txyz[0] = i / rateHz;
        txyz[1] = x(i, leg);
        txyz[2] = y(i, leg);
        txyz[3] = z(i, leg);
        i++;
        return true;
    }
}
