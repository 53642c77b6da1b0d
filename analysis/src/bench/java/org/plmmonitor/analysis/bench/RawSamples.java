package org.plmmonitor.analysis.bench;

import org.plmmonitor.analysis.signal.SampleSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A leg's raw samples held whole for a diagnostic bench to look back into, each {t s, x g, y g, z g} in
 * time order, and the means the diagnostics take over them. Benches only: a night of 100 Hz is 2.9 M
 * arrays, which the product never holds.
 */
public final class RawSamples {
    private RawSamples() {
    }

    /**
     * @param s a source read to its end
     * @return its samples, each {t, x, y, z} (s, g)
     */
    public static List<double[]> of(SampleSource s) {
        List<double[]> out = new ArrayList<>();
        double[] v = new double[4];
        while (s.next(v)) {
            out.add(v.clone());
        }
        return out;
    }

    /**
     * @param s    samples in time order, as {@link #of}
     * @param from a time, s
     * @return the index of the first sample at or after {@code from} ({@code s.size()} if none)
     */
    public static int index(List<double[]> s, double from) {
        int lo = 0;
        int hi = s.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.get(mid)[0] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param s    samples in time order, as {@link #of}
     * @param from start, s (included)
     * @param to   end, s (excluded)
     * @return the mean {x, y, z} over [from, to), g; null when no sample lies there
     */
    public static double[] mean(List<double[]> s, double from, double to) {
        double[] m = new double[3];
        int n = 0;
        for (int i = index(s, from); i < s.size() && s.get(i)[0] < to; i++, n++) {
            for (int j = 0; j < 3; j++) {
                m[j] += s.get(i)[j + 1];
            }
        }
        if (n == 0) {
            return null;
        }
        for (int j = 0; j < 3; j++) {
            m[j] /= n;
        }
        return m;
    }
}
