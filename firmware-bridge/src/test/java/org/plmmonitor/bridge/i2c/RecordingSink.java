package org.plmmonitor.bridge.i2c;

import java.util.ArrayList;
import java.util.List;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.time.TimeInterval;

/**
 * Keeps what a source delivered (samples through the sink, interruptions through the gap listener), and
 * checks on the fly that time only moves forward and that a gap starts at the last sample handed over.
 */
final class RecordingSink implements AccelerationSink {
    record Sample(double tS, double x, double y, double z) {
    }

    record Gap(double fromS, double toS, int beforeSample) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<Gap> gaps = new ArrayList<>();

    @Override
    public void accept(double tS, double xG, double yG, double zG) {
        if (!samples.isEmpty() && !(tS > samples.get(samples.size() - 1).tS())) {
            throw new AssertionError("time went from " + samples.get(samples.size() - 1).tS() + " to " + tS);
        }
        samples.add(new Sample(tS, xG, yG, zG));
    }

    /** The source's gap listener: an interruption from the last sample to the next one. */
    void gap(TimeInterval g) {
        double fromS = g.startS();
        double toS = g.endS();
        if (!(toS > fromS)) {
            throw new AssertionError("empty or reversed gap " + fromS + ".." + toS);
        }
        if (samples.isEmpty() || samples.get(samples.size() - 1).tS() != fromS) {
            throw new AssertionError("gap does not start at the last sample: " + fromS);
        }
        gaps.add(new Gap(fromS, toS, samples.size()));
    }
}
