package org.plmmonitor.monitor.report;

import org.plmmonitor.analysis.report.html.Span;
import org.plmmonitor.monitor.store.ActivitySecond;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The night's stored activity seconds as three disjoint kinds of time for the timeline, judged for
 * the night as a whole (the report's rates are per hour of the union of the legs' analysable time):
 * analysable when any leg's second is (lying and worn), unworn when none is and some sensor is off,
 * no signal when no leg has the second at all. The rest (a leg upright) is out of bed.
 *
 * <p>A stored second is keyed by the floor of its epoch's start in UTC; an epoch is one second on the
 * sensor's own line, which the wall clock may see as slightly longer (a device clock off by 2 % skips
 * one key every 50 s). A hole of at most {@value #MAX_SKIPPED_S} s between stored seconds is such a
 * skip and takes the state before it; longer holes are time without signal.
 *
 * @param analysable analysable stretches, seconds from the night's start
 * @param unworn     unworn stretches
 * @param noSignal   stretches without any leg's signal
 */
record ActivitySpans(List<Span> analysable, List<Span> unworn, List<Span> noSignal) {
    /**
     * What the night as a whole was in one second, in rising precedence: where the legs disagree the later state
     * wins (analysable on any leg; then a sensor off; an upright leg only marks the second as seen). An array of
     * these is 4 bytes a second of night (200 KB for 14 h), held only while a report is made.
     */
    private enum Second {
        NONE, UPRIGHT, UNWORN, ANALYSABLE;

        static Second of(ActivitySecond a) {
            return a.lying() && a.worn() ? ANALYSABLE : !a.worn() ? UNWORN : UPRIGHT;
        }

        Second max(Second other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** Longest run of missing keys (s) taken as a key skipped by a slow epoch, not as a gap. */
    static final int MAX_SKIPPED_S = 2;

    /**
     * @param seconds    every leg's activity seconds of the night
     * @param startUtcMs the night's start, UTC ms
     * @param endUtcMs   its end, UTC ms
     * @return the spans, seconds from the start, clipped to the night
     */
    static ActivitySpans of(List<ActivitySecond> seconds, long startUtcMs, long endUtcMs) {
        long first = Math.floorDiv(startUtcMs, 1000L);
        int n = (int) Math.max(1, Math.floorDiv(endUtcMs - 1, 1000L) - first + 1);
        Second[] state = new Second[n];
        Arrays.fill(state, Second.NONE);
        for (ActivitySecond a : seconds) {
            long i = a.epochS() - first;
            if (i < 0 || i >= n) {
                continue;
            }
            state[(int) i] = state[(int) i].max(Second.of(a));
        }
        fillSkips(state);
        double durS = (endUtcMs - startUtcMs) / 1000.0;
        double base = (first * 1000 - startUtcMs) / 1000.0;
        return new ActivitySpans(runs(state, Second.ANALYSABLE, base, durS), runs(state, Second.UNWORN, base, durS),
                runs(state, Second.NONE, base, durS));
    }

    private static void fillSkips(Second[] state) {
        int i = 0;
        while (i < state.length) {
            if (state[i] != Second.NONE) {
                i++;
                continue;
            }
            int j = i;
            while (j < state.length && state[j] == Second.NONE) {
                j++;
            }
            if (i > 0 && j < state.length && j - i <= MAX_SKIPPED_S) {
                Arrays.fill(state, i, j, state[i - 1]);
            }
            i = j;
        }
    }

    private static List<Span> runs(Second[] state, Second want, double base, double durS) {
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < state.length) {
            if (state[i] != want) {
                i++;
                continue;
            }
            int j = i;
            while (j < state.length && state[j] == want) {
                j++;
            }
            double a = Math.max(0, base + i);
            double b = Math.min(durS, base + j);
            if (b > a) {
                out.add(new Span(a, b));
            }
            i = j;
        }
        return out;
    }
}
