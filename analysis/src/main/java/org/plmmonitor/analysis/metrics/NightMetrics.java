package org.plmmonitor.analysis.metrics;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * @param wake             movements with onsets in wake (and analysable time): time staged wake when
 *                         a hypnogram gave it, else analysable time outside sleep; null when no sleep given
 * @param periodicityIndex Ferri 2006 periodicity index, 0-1; null when there is no interval
 * @param periodicityIndexSleep the same index over the intervals whose two candidates both have
 *                         onsets in sleep (an interval leaving or entering sleep is left out and
 *                         breaks the run), 0-1; null when no sleep was given or there is no such interval
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
                           Double periodicityIndex, Double periodicityIndexSleep, DurationStats lmDuration, ImiStats imi,
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
        return compute(r, recordedS, analysable, sleep, null);
    }

    /**
     * As {@link #compute(ScoringResult, double, List, List)}, with the time staged wake given apart.
     * A hypnogram has epochs that are neither sleep nor wake (unscored, "Sleep stage ?", movement
     * time) and stretches it does not cover: those count in neither the PLMS nor the PLMW
     * denominator, as in PSG reports.
     *
     * @param r          the scored night
     * @param recordedS  recorded duration in s; NaN or &lt;= 0 when unknown
     * @param analysable analysable stretches (seconds, same time line); null when unknown
     * @param sleep      sleep stretches; null when none
     * @param wake       wake stretches (seconds); null to take wake as analysable (else recorded) time
     *                   outside sleep. Ignored when {@code sleep} is null
     * @return the metrics
     */
    public static NightMetrics compute(ScoringResult r, double recordedS, List<TimeInterval> analysable,
                                       List<TimeInterval> sleep, List<TimeInterval> wake) {
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
        Set<String> nr = resp ? nonRespiratoryPeriodic(r) : Set.of();
        Scope recorded = scope(lms, recDur, t -> true, resp, aro, nr);
        Scope analysableScope = an == null
                ? scope(lms, null, t -> true, resp, aro, nr)
                : scope(lms, Intervals.totalS(an), t -> Intervals.contains(an, t), resp, aro, nr);
        Scope sleepScope = null;
        Scope wakeScope = null;
        Double piSleep = null;
        if (sleep != null) {
            List<TimeInterval> sl = an == null ? Intervals.union(sleep) : Intervals.intersect(Intervals.union(sleep), an);
            double sleepS = Intervals.totalS(sl);
            sleepScope = scope(lms, sleepS, t -> Intervals.contains(sl, t), resp, aro, nr);
            piSleep = periodicityIndex(r, t -> Intervals.contains(sl, t));
            if (wake == null) {
                Double baseS = an != null ? Double.valueOf(Intervals.totalS(an)) : recDur;
                Double wakeS = baseS == null ? null : Math.max(0, baseS - sleepS);
                wakeScope = scope(lms, wakeS, t -> (an == null || Intervals.contains(an, t)) && !Intervals.contains(sl, t),
                        resp, aro, nr);
            } else {
                List<TimeInterval> wk = staged(wake, an, sl);
                wakeScope = scope(lms, Intervals.totalS(wk), t -> Intervals.contains(wk, t), resp, aro, nr);
            }
        }
        double origin = an == null || an.isEmpty() ? 0 : an.get(0).startS();
        return new NightMetrics(r.standard(), recorded, analysableScope, sleepScope, wakeScope,
                periodicityIndex(r, t -> true), piSleep, durations(lms), imi(r), hourly(lms, origin, recDur), origin,
                legs(lms), resp, aro);
    }

    /** Wake as staged, inside analysable time (when known) and outside sleep (should stages overlap). */
    private static List<TimeInterval> staged(List<TimeInterval> wake, List<TimeInterval> an, List<TimeInterval> sl) {
        List<TimeInterval> wk = Intervals.union(wake);
        if (an != null) {
            wk = Intervals.intersect(wk, an);
        }
        if (wk.isEmpty() || sl.isEmpty()) {
            return wk;
        }
        double from = Math.min(wk.get(0).startS(), sl.get(0).startS());
        double to = Math.max(wk.get(wk.size() - 1).endS(), sl.get(sl.size() - 1).endS());
        return Intervals.intersect(wk, Intervals.complement(sl, from, to));
    }

    /** PLMnr members, keyed by leg and onset: periodic once the respiration-related CLMs are taken out. */
    private static Set<String> nonRespiratoryPeriodic(ScoringResult r) {
        Set<String> keys = new HashSet<>();
        for (ScoredMovement m : PlmScorer.withoutRespiratory(r)) {
            if (m.periodic()) {
                keys.add(key(m));
            }
        }
        return keys;
    }

    private static String key(ScoredMovement m) {
        return m.movement().leg() + "@" + Math.round(m.onsetS() * 1000);
    }

    private interface TimeTest {
        boolean inside(double t);
    }

    private static long durMs(ScoredMovement m) {
        return Math.round(m.movement().offsetS() * 1000) - Math.round(m.movement().onsetS() * 1000);
    }

    private static Scope scope(List<ScoredMovement> lms, Double durationS, TimeTest in, boolean resp, boolean aro,
                               Set<String> nonRespiratoryPeriodic) {
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
                if (m.arousal()) {
                    ar++;
                }
            }
            if (nonRespiratoryPeriodic.contains(key(m))) {
                nr++;
            }
        }
        return new Scope(durationS, lm, clm, plm, resp ? nr : null, aro ? ar : null);
    }

    /** Ferri 2006 over the whole recording; see the class comment for the exact reading. */
    static Double periodicityIndex(ScoringResult r) {
        return periodicityIndex(r, t -> true);
    }

    /**
     * Ferri 2006; see the class comment for the exact reading. An interval counts when both its
     * candidates' onsets pass {@code in}; one that does not is left out of the denominator and ends
     * the run (so over the whole night, with {@code in} always true, every interval counts).
     */
    static Double periodicityIndex(ScoringResult r, TimeTest in) {
        int total = 0;
        int inRuns = 0;
        int run = 0;
        boolean brokenSinceLast = false;
        double previousOnsetS = Double.NaN;
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
            boolean counted = m.imiS() != null && !Double.isNaN(previousOnsetS)
                    && in.inside(previousOnsetS) && in.inside(m.onsetS());
            if (m.imiS() != null && !counted) {
                inRuns += run >= 3 ? run : 0;
                run = 0;
            } else if (m.imiS() != null) {
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
            previousOnsetS = m.onsetS();
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
