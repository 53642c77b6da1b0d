package org.plmmonitor.bridge.serial;

import org.plmmonitor.analysis.signal.AccelerationSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a source pushed; thread-safe for one writer and a polling reader. */
public final class RecordingSink implements AccelerationSink {
    public final List<double[]> samples = new ArrayList<>();
    public final List<double[]> gaps = new ArrayList<>();

    @Override
    public synchronized void accept(double tS, double xG, double yG, double zG) {
        samples.add(new double[]{tS, xG, yG, zG});
    }

    @Override
    public synchronized void gap(double fromS, double toS) {
        gaps.add(new double[]{fromS, toS});
    }

    public synchronized int count() {
        return samples.size();
    }

    public synchronized List<double[]> samplesCopy() {
        return new ArrayList<>(samples);
    }

    public synchronized List<double[]> gapsCopy() {
        return new ArrayList<>(gaps);
    }
}
