package org.plmmonitor.analysis.bench;

import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The families a diagnostic bench may read while tuning: named by {@code -Dfamilies}, tuning ones only.
 * Every diagnostic bench takes its families here, those in the detector's package too, so that the
 * rule that keeps held-out families out of tuning is written once.
 */
public final class TuningFamilies {
    private TuningFamilies() {
    }

    /**
     * @param fallback the family read when {@code -Dfamilies} is not given
     * @return the families named by {@code -Dfamilies} (comma-separated), or {@code fallback}
     * @throws IllegalArgumentException for a held-out family: no loop that tunes may read one (docs/detector.md)
     */
    public static List<Family> fromProperty(Family fallback) {
        List<Family> families = Arrays.stream(System.getProperty("families", fallback.name()).split(","))
                .map(Family::valueOf).toList();
        for (Family f : families) {
            if (f.split() != Family.Split.TUNING) {
                throw new IllegalArgumentException(f + " is held out: never read it while tuning (docs/detector.md)");
            }
        }
        return families;
    }

    /**
     * @param f a family from {@link #fromProperty}
     * @return its nights {@code -Dfirst} (0) up to {@code -Dnights} (6, exclusive), {@code -Dhours} (8) each
     */
    public static List<NightSpec> nights(Family f) {
        int nights = Integer.getInteger("nights", 6);
        double hours = Double.parseDouble(System.getProperty("hours", "8"));
        List<NightSpec> specs = new ArrayList<>();
        for (int i = Integer.getInteger("first", 0); i < nights; i++) {
            specs.add(f.night(i, hours * 3600));
        }
        return specs;
    }
}
