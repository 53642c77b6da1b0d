package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.signal.SampleSource;

import java.util.ArrayList;
import java.util.List;

/** A generated leg's samples held in memory, for tests that look at the signal at given times. */
final class SampleList {
    private SampleList() {
    }

    /** @return every sample {t, x, y, z} the source gives, in order */
    static List<double[]> of(SampleSource src) {
        List<double[]> out = new ArrayList<>();
        double[] b = new double[4];
        while (src.next(b)) {
            out.add(b.clone());
        }
        return out;
    }

    /** @return the first sample at or after {@code t} s; fails the test when there is none */
    static double[] at(List<double[]> samples, double t) {
        for (double[] s : samples) {
            if (s[0] >= t) {
                return s;
            }
        }
        throw new AssertionError("no sample at or after " + t + " s");
    }
}
