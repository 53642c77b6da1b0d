package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.FamilyScore;
import org.plmmonitor.analysis.sim.NightScore;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The current detector on every {@link Family}, tuning and held-out families reported apart: LM F1,
 * precision and recall against what the sensor can see (per leg, and on movements with both legs
 * merged by the bilateral rule), PLM/h error, onset and offset error, merged and split movements,
 * long movements cut into candidates ({@link FamilyScore#line}).
 *
 * <pre>mvn -B -o -Pbench -pl analysis test -Dtest=KinematicFamiliesBench -Dnights=6 -Dhours=4</pre>
 * Options: {@code -Dnights=N} per family (6), {@code -Dhours=H} per night (4),
 * {@code -Dfamilies=A,B} (all), {@code -Dcfg=tiltOnG=0.1,holdMaxS=2} (detector parameters by their
 * builder names, to measure what a stage does: the ablation table of docs/detector.md).
 */
@Tag("bench")
class KinematicFamiliesBench {
    static final DetectorConfig CONFIG = config(System.getProperty("cfg", ""));

    /** The default configuration with {@code name=value} pairs applied through the builder's methods. */
    static DetectorConfig config(String spec) {
        DetectorConfig.Builder b = DetectorConfig.builder();
        for (String kv : spec.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.split("=");
            try {
                DetectorConfig.Builder.class.getMethod(p[0].trim(), double.class).invoke(b, Double.parseDouble(p[1].trim()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("-Dcfg: cannot set " + kv + " (expected builder name=number)", e);
            }
        }
        return b.build();
    }

    @Test
    void run() {
        int nights = Integer.getInteger("nights", 6);
        double hours = Double.parseDouble(System.getProperty("hours", "4"));
        List<Family> families = System.getProperty("families") == null ? List.of(Family.values())
                : Arrays.stream(System.getProperty("families").split(",")).map(Family::valueOf).toList();
        Map<Family, FamilyScore> byFamily = new EnumMap<>(Family.class);
        long t0 = System.nanoTime();
        for (Family f : families) {
            List<NightScore> scores = new ArrayList<>();
            for (int i = 0; i < nights; i++) {
                NightSpec spec = f.night(i, hours * 3600);
                NightScore s = NightScore.run(SyntheticNight.generate(spec), CONFIG);
                scores.add(s);
                System.out.printf(Locale.ROOT, "  %s seed %d %3.0f Hz %s lsb %.4f: %s; merged legs F1 %.3f  PLM/h truth %.1f measured %.1f (error %s)%n",
                        f, spec.seed(), spec.rateHz(), spec.bilateral() ? "2 legs" : "1 leg ", spec.lsbG(), s.agreement(),
                        s.merged().f1(), s.truthPlmPerH(), s.measuredPlmPerH(), s.plmErrorPct() != null
                                ? String.format(Locale.ROOT, "%+.2f %%", s.plmErrorPct())
                                : String.format(Locale.ROOT, "%+.2f/h", s.plmErrorPerH()));
            }
            FamilyScore score = new FamilyScore(scores);
            byFamily.put(f, score);
            System.out.println(score.line(f.name()));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, DetectorConfig.VERSION + " (" + System.getProperty("cfg", "defaults") + "), %d nights of %.1f h per family, %.0f s wall%n",
                nights, hours, (System.nanoTime() - t0) / 1e9);
        List<NightScore> all = new ArrayList<>();
        for (Family.Split split : Family.Split.values()) {
            List<NightScore> pool = new ArrayList<>();
            for (Family f : Family.of(split)) {
                if (byFamily.containsKey(f)) {
                    System.out.println(byFamily.get(f).line(f.name()));
                    pool.addAll(byFamily.get(f).nights());
                }
            }
            System.out.println(new FamilyScore(pool).line("POOLED " + split));
            all.addAll(pool);
        }
        System.out.println(new FamilyScore(all).line("POOLED ALL"));
    }
}
