package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Compares detected movements with a synthetic night's truth. */
public final class Evaluation {
    /** How far apart a detection and a truth movement may be and still match, s. */
    public static final double TOLERANCE_S = 0.5;

    private Evaluation() {
    }

    /**
     * Event-level agreement for one leg.
     *
     * @param tp truth movements matched by a detection
     * @param fp detections matching no truth movement
     * @param fn truth movements no detection matched
     */
    public record Agreement(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }

        public double f1() {
            return tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);
        }

        public Agreement plus(Agreement o) {
            return new Agreement(tp + o.tp, fp + o.fp, fn + o.fn);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "tp=%d fp=%d fn=%d precision=%.3f recall=%.3f F1=%.3f",
                    tp, fp, fn, precision(), recall(), f1());
        }
    }

    /**
     * One-to-one matching in time order: a detection matches the first unmatched truth movement it
     * overlaps (within {@link #TOLERANCE_S}).
     *
     * @param detected detections, any legs (only {@code leg}'s are used)
     * @param truth    truth movements, any legs (only {@code leg}'s are used)
     * @param leg      the leg to compare
     */
    public static Agreement compare(List<LegMovement> detected, List<TruthEvent> truth, Leg leg) {
        List<LegMovement> d = new ArrayList<>();
        for (LegMovement m : detected) {
            if (m.leg() == leg) {
                d.add(m);
            }
        }
        List<TruthEvent> t = new ArrayList<>();
        for (TruthEvent e : truth) {
            if (e.leg() == leg) {
                t.add(e);
            }
        }
        d.sort(Comparator.comparingDouble(LegMovement::onsetS));
        t.sort(Comparator.comparingDouble(TruthEvent::onsetS));
        boolean[] used = new boolean[t.size()];
        int tp = 0;
        int start = 0;
        for (LegMovement m : d) {
            while (start < t.size() && t.get(start).offsetS() + TOLERANCE_S < m.onsetS()) {
                start++;
            }
            for (int i = start; i < t.size() && t.get(i).onsetS() - TOLERANCE_S < m.offsetS(); i++) {
                if (!used[i]) {
                    used[i] = true;
                    tp++;
                    break;
                }
            }
        }
        return new Agreement(tp, d.size() - tp, t.size() - tp);
    }
}
