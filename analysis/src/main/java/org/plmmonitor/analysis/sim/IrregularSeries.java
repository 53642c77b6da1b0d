package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * When the leg movements of a dense, irregular RLS night happen ({@link SeriesTiming#IRREGULAR_DENSE};
 * the sources of each draw are in {@link Family#KINEMATIC_DENSE}'s Javadoc). A cluster of movements in
 * the wake before sleep, then series after series to the end of the night: each beat a log-normal
 * interval after the one before, now and then a beat missed (the interval doubles) or followed by a
 * short-interval movement; a break of more than 90 s between series, long enough that the night's rate
 * comes near the one asked for; now and then an awakening with its own cluster inside a break.
 * Movements that would fall on a planned posture change, time out of bed or a gap are left out, as a
 * real series is interrupted by them.
 */
final class IrregularSeries {
    /** One movement slot: onset in s on the night's line, length in s, truth kind. */
    record Slot(double onsetS, double durationS, Kind kind) {
    }

    /** First sleep onset, s after the start of the recording: 5 to 20 minutes of wake in bed first. */
    private static final double SLEEP_ONSET_MIN_S = 300;
    private static final double SLEEP_ONSET_SPAN_S = 900;
    /** Median interval of a series, s (log-normal about it; Ferri 2006's periodic IMI peak). */
    private static final double MEDIAN_IMI_MIN_S = 20;
    private static final double MEDIAN_IMI_SPAN_S = 20;
    /**
     * The median interval is at most this share of 3600 / rate: a night of 120/h cannot be made of
     * series at 40 s, and denser nights have the shorter intervals.
     */
    private static final double MEDIAN_IMI_RATE_SHARE = 0.7;
    /** Log-normal spread of the intervals: with sigma 0.4, 90 % of intervals within 0.52-1.9 x the median. */
    private static final double IMI_SIGMA = 0.4;
    private static final double IMI_MIN_S = 5;
    private static final double IMI_MAX_S = 120;
    /** Share of beats followed 1-8 s after their end by a short-interval movement (IMI under 10 s). */
    private static final double SHORT_INTERVAL_SHARE = 0.06;
    /** Share of beats after which the next one is missed (the interval is two intervals). */
    private static final double MISSED_BEAT_SHARE = 0.06;
    /** Mean beats beyond the WASM minimum of four in a series (exponential, at most 150 in all). */
    private static final double MEAN_EXTRA_BEATS = 30;
    /** Chance that a break between series holds an awakening with a cluster of movements in wake. */
    private static final double AWAKENING_SHARE = 0.25;
    /** Movements in a wake cluster: 5 to 20. */
    private static final int CLUSTER_MIN = 5;
    private static final int CLUSTER_SPAN = 16;
    /** A break between series is over 90 s, so it always ends a series. */
    private static final double BREAK_MIN_S = 91;
    /** A periodic movement's length, s: median 1.6 s, as the regular planner draws it (0.6-9 s). */
    private static final LogNormal PERIODIC_DURATION_S = new LogNormal(1.6, 0.5, 0.6, 9);
    /** A short wake movement's length, s: longer than a periodic one, median 2.5 s (0.6-9 s). */
    private static final LogNormal WAKE_DURATION_S = new LogNormal(2.5, 0.6, 0.6, 9);
    /** The rest before the next movement of a wake cluster, s: a few seconds, median 4 s (0.6-20 s). */
    private static final LogNormal WAKE_GAP_S = new LogNormal(4, 0.6, 0.6, 20);
    /** A long wake movement's length, s: uniform over 10.5-25 s, over WASM's 10 s limit. */
    private static final double LONG_MIN_S = 10.5;
    private static final double LONG_SPAN_S = 14.5;
    /** A short-interval movement starts up to this long after the beat's end, s (an IMI under 10 s). */
    private static final double SHORT_INTERVAL_SPAN_S = 7;

    private IrregularSeries() {
    }

    /**
     * @param r          the night plan's random stream
     * @param durationS  the night's length, s, at least 60
     * @param plmPerHour the rate asked for (EMG view), 0 to 120 per hour
     * @param isLong     whether a wake movement is a long (over 10 s) one; drawn once per wake movement
     * @param busy       what is already planned; every slot's span is added to it
     * @return the movement slots in onset order
     */
    static List<Slot> plan(SplittableRandom r, double durationS, double plmPerHour, BooleanSupplier isLong,
                           SyntheticNight.Occupancy busy) {
        List<Slot> out = new ArrayList<>();
        if (plmPerHour <= 0) {
            return out;
        }
        double t = wakeCluster(r, SLEEP_ONSET_MIN_S * r.nextDouble(), durationS, isLong, busy, out);
        t = Math.max(t, SLEEP_ONSET_MIN_S + SLEEP_ONSET_SPAN_S * r.nextDouble());
        while (t < durationS - 120) {
            double median = Math.min(MEDIAN_IMI_MIN_S + MEDIAN_IMI_SPAN_S * r.nextDouble(),
                    MEDIAN_IMI_RATE_SHARE * 3600 / plmPerHour);
            int n = 4 + (int) Math.min(146, -Math.log(1 - r.nextDouble()) * MEAN_EXTRA_BEATS);
            double start = t;
            double at = t;
            double freeFrom = t;
            int placed = 0;
            for (int i = 0; i < n && at < durationS - 15; i++) {
                at = Math.max(at, freeFrom);
                double dur = PERIODIC_DURATION_S.draw(r);
                freeFrom = place(at, dur, Kind.PERIODIC_LM, busy, out, freeFrom);
                placed++;
                double u = r.nextDouble();
                double imi = lognormal(r, median, IMI_SIGMA, IMI_MIN_S, IMI_MAX_S);
                if (u < SHORT_INTERVAL_SHARE) {
                    double extra = PERIODIC_DURATION_S.draw(r);
                    freeFrom = place(freeFrom + SHORT_INTERVAL_SPAN_S * r.nextDouble(), extra, Kind.ISOLATED_LM, busy, out, freeFrom);
                } else if (u < SHORT_INTERVAL_SHARE + MISSED_BEAT_SHARE) {
                    imi += lognormal(r, median, IMI_SIGMA, IMI_MIN_S, IMI_MAX_S);
                }
                at += imi;
            }
            // Distractors and isolated movements keep out of a series, as they do with regular ones.
            busy.add(null, start - 5, freeFrom + 5);
            double seriesS = freeFrom - start;
            double pause = Math.max(BREAK_MIN_S + 60 * r.nextDouble(),
                    (placed * 3600 / plmPerHour - seriesS) * (0.5 + r.nextDouble()));
            t = freeFrom + pause;
            if (r.nextDouble() < AWAKENING_SHARE && pause > 3 * BREAK_MIN_S) {
                double end = wakeCluster(r, freeFrom + BREAK_MIN_S + (pause - 3 * BREAK_MIN_S) * r.nextDouble(),
                        durationS, isLong, busy, out);
                t = Math.max(t, end + BREAK_MIN_S);
            }
        }
        return out;
    }

    /**
     * A cluster of longer movements a few seconds apart (wake), from {@code start}.
     *
     * @return the time from which the leg is free again, s
     */
    private static double wakeCluster(SplittableRandom r, double start, double durationS, BooleanSupplier isLong,
                                      SyntheticNight.Occupancy busy, List<Slot> out) {
        int n = CLUSTER_MIN + r.nextInt(CLUSTER_SPAN);
        double free = start;
        for (int i = 0; i < n; i++) {
            double dur = isLong.getAsBoolean() ? LONG_MIN_S + LONG_SPAN_S * r.nextDouble() : WAKE_DURATION_S.draw(r);
            double at = free + WAKE_GAP_S.draw(r);
            if (at + dur >= durationS - 5) {
                break;
            }
            free = place(at, dur, Kind.ISOLATED_LM, busy, out, free);
        }
        busy.add(null, start - 5, free + 5);
        return free;
    }

    /**
     * Adds one slot unless something planned is in its way.
     *
     * @return the time from which the leg is free again: after the slot, or {@code freeFrom} if left out
     */
    private static double place(double at, double dur, Kind kind, SyntheticNight.Occupancy busy, List<Slot> out,
                                double freeFrom) {
        // A bilateral rendering may start 0.3 s later and last 1.2 times as long on one leg.
        double end = at + 0.3 + Math.max(0.6, 1.2 * dur);
        if (!busy.free(null, at - 3, end + 3)) {
            return freeFrom;
        }
        busy.add(null, at - 1, end + 1);
        out.add(new Slot(at, dur, kind));
        return end + 1;
    }

    private static double lognormal(SplittableRandom r, double median, double sigma, double lo, double hi) {
        return new LogNormal(median, sigma, lo, hi).draw(r);
    }

    /**
     * A log-normal draw clipped to a range.
     *
     * @param median the median, in the quantity's unit (s here)
     * @param sigma  the spread of its logarithm (0.4-0.6 here)
     * @param lo     the least value returned
     * @param hi     the greatest value returned
     */
    private record LogNormal(double median, double sigma, double lo, double hi) {
        double draw(SplittableRandom r) {
            return Math.max(lo, Math.min(hi, median * Math.exp(sigma * r.nextGaussian())));
        }
    }
}
