package org.plmmonitor.bridge.serial;

import org.plmmonitor.analysis.signal.AccelerationSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a source pushed; thread-safe for one writer and a polling reader. */
public final class RecordingSink implements AccelerationSink {
    public final List<double[]> samples = new ArrayList<>();

    @Override
    public synchronized void accept(double tS, double xG, double yG, double zG) {
        samples.add(new double[]{tS, xG, yG, zG});
    }


    public synchronized int count() {
        return samples.size();
    }

    public synchronized List<double[]> samplesCopy() {
        return new ArrayList<>(samples);
    }

    /**
     * Where the stamps show samples missing: sources stamp by sample counter, so a loss is a longer step.
     *
     * @param maxStepS the longest step that is not a gap, s
     * @return {from, to} of each longer step, s, in order
     */
    public synchronized List<double[]> stepsLongerThan(double maxStepS) {
        List<double[]> out = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i)[0] - samples.get(i - 1)[0] > maxStepS) {
                out.add(new double[]{samples.get(i - 1)[0], samples.get(i)[0]});
            }
        }
        return out;
    }
}
