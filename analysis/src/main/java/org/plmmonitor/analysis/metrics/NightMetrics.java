package org.plmmonitor.analysis.metrics;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a night report states, computed once from a closed night's scoring.
 *
 * <p>Counting conventions: a movement belongs to a stretch of time when its onset lies inside it
 * (start included, end excluded). "LM" counts movements of at least 0.5 s that were not merged into a
 * bilateral movement (the bilateral movement counts once); CLM and PLM follow the scorer's flags.
 *
 * <p><b>Periodicity index</b> (Ferri et al., Sleep 2006;29:759-769): the number of inter-movement
 * intervals of 10-90 s (bounds included, whole ms) that belong to a run of at least three consecutive
 * such intervals, divided by the number of all intervals. Intervals are those between consecutive
 * candidates ({@code imi_s}), over the whole recording; under WASM 2016 an interval spanning a
 * non-candidate LM (which breaks series) cannot belong to a run but still counts in the denominator.
 * It is 0-1, and null when there is no interval. It is not the PLM/CLM ratio some tools print under
 * a similar name.
 *
 * @param standard         rules the scoring used
 * @param recorded         every movement, over the recorded duration (duration null when unknown)
 * @param analysable       movements with onsets in analysable time (in bed, worn, no gaps); when no
 *                         analysable time was given, every movement with a null duration
 * @param sleep            movements with onsets in sleep (and analysable time); null when no sleep given
 * @param wake             movements in analysable time outside sleep; null when no sleep given
 * @param periodicityIndex Ferri 2006 periodicity index, 0-1; null when there is no interval
 * @param lmDuration       duration statistics of the counted LMs
 * @param imi              interval counts and histograms
 * @param plmPerHour       PLMs per hour since {@code hourOriginS}: element i counts onsets in
 *                         [origin + i h, origin + (i+1) h)
 * @param hourOriginS      the start the hours are counted from: first analysable start, else 0
 * @param legs             counts for left, right and bilateral, in that order
 * @param respiratorySupplied true when respiratory events were supplied (plmnr present)
 * @param arousalsSupplied    true when arousals were supplied (plmArousal present)
 */
public record NightMetrics(ScoringStandard standard, Scope recorded, Scope analysable, Scope sleep, Scope wake,
                           Double periodicityIndex, DurationStats lmDuration, ImiStats imi,
                           List<Integer> plmPerHour, double hourOriginS, List<LegCounts> legs,
                           boolean respiratorySupplied, boolean arousalsSupplied) {

    public NightMetrics {
        plmPerHour = List.copyOf(plmPerHour);
        legs = List.copyOf(legs);
    }

    /**
     * @param r          the scored night
     * @param recordedS  recorded duration in s (last minus first sample time); NaN or &lt;= 0 when unknown
     * @param analysable analysable stretches (seconds, same time line); null when unknown
     * @param sleep      sleep stretches from elsewhere (user-entered, hypnogram); null when none
     * @return the metrics
     */
    public static NightMetrics compute(ScoringResult r, double recordedS, List<TimeInterval> analysable,
                                       List<TimeInterval> sleep) {
        boolean resp = r.context().hasRespiratory();
        boolean aro = r.context().hasArousals();
        List<ScoredMovement> lms = new ArrayList<>();
        for (ScoredMovement m : r.movements()) {
            if (!m.merged() && durMs(m) >= 500) {
                lms.add(m);
            }
        }
        Double recDur = recordedS > 0 ? recordedS : null;
        List<TimeInterval> an = analysable == null ? null : Intervals.union(analysable);
        Scope recorded = scope(lms, recDur, t -> true, resp, aro);
        Scope analysableScope = an == null
                ? scope(lms, null, t -> true, resp, aro)
                : scope(lms, Intervals.totalS(an), t -> Intervals.contains(an, t), resp, aro);
        Scope sleepScope = null;
        Scope wakeScope = null;
        if (sleep != null) {
            List<TimeInterval> sl = an == null ? Intervals.union(sleep) : Intervals.intersect(Intervals.union(sleep), an);
            double sleepS = Intervals.totalS(sl);
            sleepScope = scope(lms, sleepS, t -> Intervals.contains(sl, t), resp, aro);
            Double baseS = an != null ? Double.valueOf(Intervals.totalS(an)) : recDur;
            Double wakeS = baseS == null ? null : Math.max(0, baseS - sleepS);
            wakeScope = scope(lms, wakeS, t -> (an == null || Intervals.contains(an, t)) && !Intervals.contains(sl, t),
                    resp, aro);
        }
        double origin = an == null || an.isEmpty() ? 0 : an.get(0).startS();
        return new NightMetrics(r.standard(), recorded, analysableScope, sleepScope, wakeScope,
                periodicityIndex(r), durations(lms), imi(r), hourly(lms, origin, recDur), origin, legs(lms),
                resp, aro);
    }

    private interface TimeTest {
        boolean inside(double t);
    }

    private static long durMs(ScoredMovement m) {
        return Math.round(m.movement().offsetS() * 1000) - Math.round(m.movement().onsetS() * 1000);
    }

    private static Scope scope(List<ScoredMovement> lms, Double durationS, TimeTest in, boolean resp, boolean aro) {
        int lm = 0;
        int clm = 0;
        int plm = 0;
        int nr = 0;
        int ar = 0;
        for (ScoredMovement m : lms) {
            if (!in.inside(m.onsetS())) {
                continue;
            }
            lm++;
            if (m.candidate()) {
                clm++;
            }
            if (m.periodic()) {
                plm++;
                if (!m.respiratory()) {
                    nr++;
                }
                if (m.arousal()) {
                    ar++;
                }
            }
        }
        return new Scope(durationS, lm, clm, plm, resp ? nr : null, aro ? ar : null);
    }

    /** Ferri 2006; see the class comment for the exact reading. */
    static Double periodicityIndex(ScoringResult r) {
        int total = 0;
        int inRuns = 0;
        int run = 0;
        boolean brokenSinceLast = false;
        for (ScoredMovement m : r.movements()) {
            if (m.merged()) {
                continue;
            }
            if (!m.candidate()) {
                if (r.standard() == ScoringStandard.WASM2016 && durMs(m) >= 500) {
                    brokenSinceLast = true;
                }
                continue;
            }
            if (m.imiS() != null) {
                total++;
                long imiMs = Math.round(m.imiS() * 1000);
                boolean eligible = !brokenSinceLast && imiMs >= 10_000 && imiMs <= 90_000;
                if (eligible) {
                    run++;
                } else {
                    inRuns += run >= 3 ? run : 0;
                    run = 0;
                }
            }
            brokenSinceLast = false;
        }
        inRuns += run >= 3 ? run : 0;
        return total == 0 ? null : (double) inRuns / total;
    }

    private static DurationStats durations(List<ScoredMovement> lms) {
        int n = lms.size();
        if (n == 0) {
            return new DurationStats(0, null, null, null, null);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ScoredMovement m : lms) {
            double d = m.movement().durationS();
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double mean = sum / n;
        Double sd = null;
        if (n > 1) {
            double ss = 0;
            for (ScoredMovement m : lms) {
                double e = m.movement().durationS() - mean;
                ss += e * e;
            }
            sd = Math.sqrt(ss / (n - 1));
        }
        return new DurationStats(n, mean, sd, min, max);
    }

    private static ImiStats imi(ScoringResult r) {
        int[] lin = new int[45];
        int[] log = new int[45];
        int linAbove = 0;
        int logBelow = 0;
        int logAbove = 0;
        int total = 0;
        int below = 0;
        int mid = 0;
        int above = 0;
        for (ScoredMovement m : r.movements()) {
            if (!m.candidate() || m.imiS() == null) {
                continue;
            }
            total++;
            long ms = Math.round(m.imiS() * 1000);
            if (ms < 10_000) {
                below++;
            } else if (ms <= 90_000) {
                mid++;
            } else {
                above++;
            }
            if (ms <= 90_000) {
                lin[(int) Math.min(44, ms / 2000)]++;
            } else {
                linAbove++;
            }
            double l = Math.log(ms / 1000.0);
            if (ms < 1000) {
                logBelow++;
            } else if (l > 4.5) {
                logAbove++;
            } else {
                log[(int) Math.min(44, Math.floor(l * 10 + 1e-9))]++;
            }
        }
        return new ImiStats(total, below, mid, above,
                new Histogram(0, 2, box(lin), 0, linAbove),
                new Histogram(0, 0.1, box(log), logBelow, logAbove));
    }

    private static List<Integer> box(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private static List<Integer> hourly(List<ScoredMovement> lms, double origin, Double recDur) {
        List<Integer> h = new ArrayList<>();
        int hours = recDur == null ? 0 : (int) Math.ceil(recDur / 3600.0 - 1e-9);
        for (int i = 0; i < hours; i++) {
            h.add(0);
        }
        for (ScoredMovement m : lms) {
            if (!m.periodic()) {
                continue;
            }
            int i = (int) Math.max(0, Math.floor((m.onsetS() - origin) / 3600.0));
            while (h.size() <= i) {
                h.add(0);
            }
            h.set(i, h.get(i) + 1);
        }
        return h;
    }

    private static List<LegCounts> legs(List<ScoredMovement> lms) {
        List<LegCounts> out = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            int lm = 0;
            int clm = 0;
            int plm = 0;
            for (ScoredMovement m : lms) {
                if (m.movement().leg() == leg) {
                    lm++;
                    clm += m.candidate() ? 1 : 0;
                    plm += m.periodic() ? 1 : 0;
                }
            }
            out.add(new LegCounts(leg, lm, clm, plm));
        }
        return out;
    }
}
