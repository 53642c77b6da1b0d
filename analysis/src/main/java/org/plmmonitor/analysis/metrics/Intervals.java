package org.plmmonitor.analysis.metrics;

import org.plmmonitor.analysis.core.TimeInterval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sets of time as sorted, disjoint, closed-open intervals. */
final class Intervals {
    private Intervals() {
    }

    /** @return the union of the intervals, sorted and disjoint (touching intervals joined) */
    static List<TimeInterval> union(List<TimeInterval> in) {
        List<TimeInterval> s = new ArrayList<>(in);
        s.sort(Comparator.comparingDouble(TimeInterval::startS));
        List<TimeInterval> out = new ArrayList<>();
        for (TimeInterval t : s) {
            int last = out.size() - 1;
            if (last >= 0 && t.startS() <= out.get(last).endS()) {
                TimeInterval prev = out.get(last);
                out.set(last, new TimeInterval(prev.startS(), Math.max(prev.endS(), t.endS())));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** @return the intersection of two unions (both sorted and disjoint) */
    static List<TimeInterval> intersect(List<TimeInterval> x, List<TimeInterval> y) {
        List<TimeInterval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            double a = Math.max(x.get(i).startS(), y.get(j).startS());
            double b = Math.min(x.get(i).endS(), y.get(j).endS());
            if (a < b) {
                out.add(new TimeInterval(a, b));
            }
            if (x.get(i).endS() < y.get(j).endS()) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** @return total length in seconds of a sorted disjoint set */
    static double measure(List<TimeInterval> u) {
        double s = 0;
        for (TimeInterval t : u) {
            s += t.durationS();
        }
        return s;
    }

    /** @return true when {@code t} lies in one of the sorted disjoint intervals (start included, end excluded) */
    static boolean contains(List<TimeInterval> u, double t) {
        int a = 0;
        int b = u.size() - 1;
        while (a <= b) {
            int mid = (a + b) >>> 1;
            TimeInterval iv = u.get(mid);
            if (t < iv.startS()) {
                b = mid - 1;
            } else if (t >= iv.endS()) {
                a = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
