package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.analysis.sim.*;

import java.util.Map;

@Tag("bench")
class DetectOnlyBench {
    @Test
    void run() {
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(7).rateHz(100).build());
        int n = 2_880_000;
        double[] t = new double[n], x = new double[n], y = new double[n], z = new double[n];
        SampleSource src = night.source(Leg.LEFT);
        double[] b = new double[4];
        int m = 0;
        while (m < n && src.next(b)) { t[m] = b[0]; x[m] = b[1]; y[m] = b[2]; z[m] = b[3]; m++; }
        for (int it = 0; it < 8; it++) {
            NightDetection nd = new NightDetection(Map.of(Leg.LEFT, 100.0), DetectorConfig.DEFAULT, null);
            AccelerometerDetector d = nd.detector(Leg.LEFT);
            long t0 = System.nanoTime();
            for (int i = 0; i < m; i++) d.accept(t[i], x[i], y[i], z[i]);
            nd.finish();
            long t1 = System.nanoTime();
            System.out.printf("detect %.0f ms = %.1f M samples/s, %d movements%n", (t1 - t0) / 1e6, m / ((t1 - t0) / 1e3), nd.movements().size());
        }
    }
}
