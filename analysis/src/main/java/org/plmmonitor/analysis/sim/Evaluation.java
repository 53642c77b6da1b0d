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

    /** A detection and the truth movement it matched. */
    public record Match(LegMovement detected, TruthEvent truth) {
        /** @return detected onset minus true onset, s */
        public double onsetErrorS() {
            return detected.onsetS() - truth.onsetS();
        }

        /** @return detected offset minus true offset, s */
        public double offsetErrorS() {
            return detected.offsetS() - truth.offsetS();
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
        int d = onLeg(detected, leg).size();
        int t = 0;
        for (TruthEvent e : truth) {
            t += e.leg() == leg ? 1 : 0;
        }
        int tp = matches(detected, truth, leg).size();
        return new Agreement(tp, d - tp, t - tp);
    }

    /**
     * The pairs {@link #compare} counts as true positives, in detection order.
     *
     * @param detected detections, any legs (only {@code leg}'s are used)
     * @param truth    truth movements, any legs (only {@code leg}'s are used)
     * @param leg      the leg to compare
     */
    public static List<Match> matches(List<LegMovement> detected, List<TruthEvent> truth, Leg leg) {
        List<LegMovement> d = onLeg(detected, leg);
        List<TruthEvent> t = new ArrayList<>();
        for (TruthEvent e : truth) {
            if (e.leg() == leg) {
                t.add(e);
            }
        }
        t.sort(Comparator.comparingDouble(TruthEvent::onsetS));
        boolean[] used = new boolean[t.size()];
        List<Match> out = new ArrayList<>();
        int start = 0;
        for (LegMovement m : d) {
            while (start < t.size() && t.get(start).offsetS() + TOLERANCE_S < m.onsetS()) {
                start++;
            }
            for (int i = start; i < t.size() && t.get(i).onsetS() - TOLERANCE_S < m.offsetS(); i++) {
                if (!used[i]) {
                    used[i] = true;
                    out.add(new Match(m, t.get(i)));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * How detections carve the truth up, beyond one-to-one counts.
     *
     * @param merged         detections that overlap two or more truth movements
     * @param split          truth movements of at most {@link #CANDIDATE_MAX_S} overlapped by two or more detections
     * @param longMovements  truth movements longer than {@link #CANDIDATE_MAX_S}
     * @param longSplit      of those, how many overlap a detection short enough to be a candidate
     * @param longFragments  candidate-length detections overlapping a long truth movement
     */
    public record Structure(int merged, int split, int longMovements, int longSplit, int longFragments) {
        public Structure plus(Structure o) {
            return new Structure(merged + o.merged, split + o.split, longMovements + o.longMovements,
                    longSplit + o.longSplit, longFragments + o.longFragments);
        }
    }

    /** The longest movement that is a candidate leg movement (WASM), s. */
    public static final double CANDIDATE_MAX_S = 10;

    /**
     * Merged and split movements and long movements cut into candidates, for one leg (strict time
     * overlap, no tolerance: a detection that only comes near a movement neither merges nor splits it).
     *
     * @param detected detections, any legs (only {@code leg}'s are used)
     * @param truth    truth movements, any legs (only {@code leg}'s are used)
     * @param leg      the leg to compare
     */
    public static Structure structure(List<LegMovement> detected, List<TruthEvent> truth, Leg leg) {
        List<LegMovement> d = onLeg(detected, leg);
        int merged = 0;
        for (LegMovement m : d) {
            int n = 0;
            for (TruthEvent e : truth) {
                n += e.leg() == leg && overlaps(m, e) ? 1 : 0;
            }
            merged += n >= 2 ? 1 : 0;
        }
        int split = 0;
        int longs = 0;
        int longSplit = 0;
        int fragments = 0;
        for (TruthEvent e : truth) {
            if (e.leg() != leg) {
                continue;
            }
            boolean isLong = e.offsetS() - e.onsetS() > CANDIDATE_MAX_S;
            int n = 0;
            int candidates = 0;
            for (LegMovement m : d) {
                if (overlaps(m, e)) {
                    n++;
                    candidates += m.durationS() <= CANDIDATE_MAX_S ? 1 : 0;
                }
            }
            if (isLong) {
                longs++;
                longSplit += candidates > 0 ? 1 : 0;
                fragments += candidates;
            } else {
                split += n >= 2 ? 1 : 0;
            }
        }
        return new Structure(merged, split, longs, longSplit, fragments);
    }

    private static boolean overlaps(LegMovement m, TruthEvent e) {
        return m.onsetS() < e.offsetS() && m.offsetS() > e.onsetS();
    }

    private static List<LegMovement> onLeg(List<LegMovement> detected, Leg leg) {
        List<LegMovement> d = new ArrayList<>();
        for (LegMovement m : detected) {
            if (m.leg() == leg) {
                d.add(m);
            }
        }
        d.sort(Comparator.comparingDouble(LegMovement::onsetS));
        return d;
    }
}
