package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins imported leg movements of the same leg that overlap or are less than 0.5 s apart (offset
 * to next onset, whole milliseconds: 0.499 s joins, 0.500 s does not), before anything else is
 * scored. A PSG scoring often marks one leg on two derivations (e.g. a tibialis channel and a
 * bipolar one), or splits one movement where the EMG dips for a moment; WASM's offset rule (the LM
 * ends at the start of at least 0.5 s of rest) makes each of those one movement, and PLMScoRe and
 * MATPLM join them the same way. The detector already applies that rule, so this step is for
 * imported events only.
 *
 * <p>A joined movement spans the first onset to the latest offset; its peak is the largest member
 * peak and its RMS the duration-weighted RMS (NaN stays NaN). Movements already marked bilateral
 * are kept as they are.
 */
public final class SameLegMerge {
    private SameLegMerge() {
    }

    /**
     * @param movements imported movements, any order, any legs
     * @return the movements with same-leg neighbours joined, sorted by onset (then leg)
     */
    public static List<LegMovement> merge(List<LegMovement> movements) {
        List<LegMovement> out = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            List<LegMovement> one = new ArrayList<>();
            for (LegMovement m : movements) {
                if (m.leg() == leg) {
                    one.add(m);
                }
            }
            if (leg == Leg.BILATERAL) {
                out.addAll(one);
            } else {
                out.addAll(mergeOneLeg(one));
            }
        }
        out.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
        return out;
    }

    private static List<LegMovement> mergeOneLeg(List<LegMovement> in) {
        List<LegMovement> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(LegMovement::onsetS));
        List<LegMovement> out = new ArrayList<>();
        List<LegMovement> group = new ArrayList<>();
        long groupOffMs = Long.MIN_VALUE;
        for (LegMovement m : sorted) {
            if (!group.isEmpty() && PlmScorer.ms(m.onsetS()) - groupOffMs >= PlmScorer.BILATERAL_GAP_MS) {
                out.add(join(group));
                group.clear();
            }
            group.add(m);
            groupOffMs = Math.max(groupOffMs, PlmScorer.ms(m.offsetS()));
        }
        if (!group.isEmpty()) {
            out.add(join(group));
        }
        return out;
    }

    private static LegMovement join(List<LegMovement> group) {
        if (group.size() == 1) {
            return group.get(0);
        }
        double off = Double.NEGATIVE_INFINITY;
        double peak = Double.NEGATIVE_INFINITY;
        double sq = 0;
        double dur = 0;
        for (LegMovement m : group) {
            off = Math.max(off, m.offsetS());
            peak = Math.max(peak, m.peak()); // NaN propagates: unknown stays unknown
            sq += m.rms() * m.rms() * m.durationS();
            dur += m.durationS();
        }
        double rms = dur > 0 ? Math.sqrt(sq / dur) : Double.NaN;
        LegMovement first = group.get(0);
        return new LegMovement(first.onsetS(), off, first.leg(), peak, rms, first.source());
    }
}
