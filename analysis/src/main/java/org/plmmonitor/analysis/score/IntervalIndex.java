package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.time.TimeInterval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Windows around context events, in whole milliseconds, answering "does [on, off] touch any window"
 * in O(log n + hits). Windows are sorted by start; a running maximum of ends lets the backward scan
 * stop early even when windows nest.
 */
final class IntervalIndex {
    private final long[] lo;
    private final long[] hi;
    private final long[] maxHiUpTo;

    /**
     * @param events     the events, seconds
     * @param fromStart  true: window edges are measured from each event's start and end; false: both
     *                   from its end (the WASM respiratory window)
     * @param beforeMs   window start = (start or end) - beforeMs
     * @param afterMs    window end = end + afterMs
     */
    IntervalIndex(List<TimeInterval> events, boolean fromStart, long beforeMs, long afterMs) {
        long[][] w = new long[events.size()][];
        for (int i = 0; i < w.length; i++) {
            TimeInterval e = events.get(i);
            long s = PlmScorer.ms(e.startS());
            long end = PlmScorer.ms(e.endS());
            w[i] = new long[]{(fromStart ? s : end) - beforeMs, end + afterMs};
        }
        Arrays.sort(w, Comparator.comparingLong(a -> a[0]));
        lo = new long[w.length];
        hi = new long[w.length];
        maxHiUpTo = new long[w.length];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < w.length; i++) {
            lo[i] = w[i][0];
            hi[i] = w[i][1];
            max = Math.max(max, hi[i]);
            maxHiUpTo[i] = max;
        }
    }

    /**
     * @param onMs   movement onset, ms
     * @param offMs  movement offset, ms
     * @param strict true: touching edges do not count (open windows); false: closed windows
     * @return true when the movement shares time with a window
     */
    boolean hits(long onMs, long offMs, boolean strict) {
        // last window whose start is at or before the movement's offset
        int a = 0;
        int b = lo.length - 1;
        int last = -1;
        while (a <= b) {
            int mid = (a + b) >>> 1;
            if (strict ? lo[mid] < offMs : lo[mid] <= offMs) {
                last = mid;
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        for (int i = last; i >= 0; i--) {
            if (strict ? maxHiUpTo[i] <= onMs : maxHiUpTo[i] < onMs) {
                return false;
            }
            if (strict ? hi[i] > onMs : hi[i] >= onMs) {
                return true;
            }
        }
        return false;
    }
}
