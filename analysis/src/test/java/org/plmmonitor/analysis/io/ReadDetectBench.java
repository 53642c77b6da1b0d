package org.plmmonitor.analysis.io;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.analysis.detect.*;

import java.nio.file.Path;
import java.util.Map;

@Tag("bench")
class ReadDetectBench {
    @Test
    void run() throws Exception {
        Path f = Path.of(System.getProperty("file", "/tmp/night7/left.csv"));
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            long[] n = {0};
            AccelCsvReader.read(f, "f", (t, x, y, z) -> n[0]++);
            long t1 = System.nanoTime();
            NightDetection nd = new NightDetection(Map.of(Leg.LEFT, 100.0), DetectorConfig.DEFAULT, null);
            AccelCsvReader.read(f, "f", nd.detector(Leg.LEFT));
            nd.finish();
            long t2 = System.nanoTime();
            System.out.printf("parse only %.0f ms (%d rows); parse+detect %.0f ms; %d movements%n", (t1 - t0) / 1e6, n[0], (t2 - t1) / 1e6, nd.movements().size());
        }
    }
}
