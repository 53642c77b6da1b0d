package org.plmmonitor.analysis.detect;

import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.TruthEvent;

import java.util.Locale;

/**
 * What the detector-package diagnostics share: a leg fed to the detector as {@code NightPipeline}
 * feeds it (on the store's grid: on a 3.9-mg sensor the gate runs differently off it, and a trace
 * must show the run that was scored), and one truth event printed the same way in each.
 */
final class DiagFeed {
    private DiagFeed() {
    }

    /** Feeds one sample {t, x, y, z} (s, g) on the store's grid. */
    static void accept(AccelerometerDetector d, double[] s) {
        d.accept(s[0], AccelerationGrid.onGrid(s[1]), AccelerationGrid.onGrid(s[2]), AccelerationGrid.onGrid(s[3]));
    }

    /** Feeds every sample of {@code src} on the store's grid, then finishes the detector. */
    static void all(SampleSource src, AccelerometerDetector d) {
        double[] s = new double[4];
        while (src.next(s)) {
            accept(d, s);
        }
        d.finish();
    }

    /** Prints a truth event on its own indented line: leg, kind, span, length, peak and visibility. */
    static void print(TruthEvent e) {
        System.out.printf(Locale.ROOT, "      %s %s %.2f-%.2f (%.2f s) %.0f mg vis %b%n", e.leg(), e.kind(), e.onsetS(),
                e.offsetS(), e.offsetS() - e.onsetS(), e.peakG() * 1000, e.visible());
    }
}
