package org.plmmonitor.analysis.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Set operations on lists of {@link TimeInterval}. */
public final class Intervals {
    private Intervals() {
    }

    /** @return the union, merged and sorted by start */
    public static List<TimeInterval> union(List<TimeInterval> in) {
        List<TimeInterval> s = new ArrayList<>(in);
        s.sort(Comparator.comparingDouble(TimeInterval::startS));
        List<TimeInterval> out = new ArrayList<>();
        for (TimeInterval i : s) {
            if (!out.isEmpty() && i.startS() <= out.get(out.size() - 1).endS()) {
                TimeInterval last = out.remove(out.size() - 1);
                out.add(new TimeInterval(last.startS(), Math.max(last.endS(), i.endS())));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** @return the intersection of two sorted, disjoint lists */
    public static List<TimeInterval> intersect(List<TimeInterval> x, List<TimeInterval> y) {
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

    /** @return total length of the union, s */
    public static double totalS(List<TimeInterval> in) {
        double s = 0;
        for (TimeInterval i : union(in)) {
            s += i.durationS();
        }
        return s;
    }

    /** @return true when t lies in one of the (sorted, disjoint) intervals, start inclusive, end exclusive */
    public static boolean contains(List<TimeInterval> sorted, double t) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            TimeInterval i = sorted.get(mid);
            if (t < i.startS()) {
                hi = mid - 1;
            } else if (t >= i.endS()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** @return the complement of the (sorted, disjoint) intervals within [fromS, toS] */
    public static List<TimeInterval> complement(List<TimeInterval> sorted, double fromS, double toS) {
        List<TimeInterval> out = new ArrayList<>();
        double cur = fromS;
        for (TimeInterval i : sorted) {
            if (i.startS() > cur) {
                out.add(new TimeInterval(cur, Math.min(i.startS(), toS)));
            }
            cur = Math.max(cur, i.endS());
            if (cur >= toS) {
                break;
            }
        }
        if (cur < toS) {
            out.add(new TimeInterval(cur, toS));
        }
        return out;
    }
}
