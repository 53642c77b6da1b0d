package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.movement.MovementSource;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * On a leg that carries both an ankle accelerometer and the cuff, one leg movement is usually seen by
 * both: this joins a movement of one modality with one of the other that overlaps it or lies less than
 * 0.5 s away (whole milliseconds, WASM 2016's same-leg rule) into one movement, from the first onset to
 * the last offset, so it is scored once (docs/contracts.md). Two movements of the same single modality
 * are never joined here: each detector already applies the offset rule to its own signal.
 *
 * <p>Takes movements in onset order; a group is given out once no movement that could still join it
 * can arrive ({@link #closeBefore}), so {@link #openOnsetS()} bounds what the scorer may be given.
 */
final class ModalityJoin {
    private static final long GAP_MS = 500;
    private final Set<Leg> legs;
    private final Consumer<LegMovement> out;
    private final Map<Leg, LegMovement> open = new EnumMap<>(Leg.class);

    /**
     * @param legs the legs with both modalities
     * @param out  receives each joined (or lone) movement once it is complete
     */
    ModalityJoin(Set<Leg> legs, Consumer<LegMovement> out) {
        this.legs = Set.copyOf(legs);
        this.out = out;
    }

    /** @return true when movements of this leg go through the join */
    boolean handles(Leg leg) {
        return legs.contains(leg);
    }

    /** @param m the next movement of a handled leg, in onset order */
    void add(LegMovement m) {
        LegMovement g = open.get(m.leg());
        boolean near = g != null && ms(m.onsetS()) - ms(g.offsetS()) < GAP_MS;
        // A group of one modality takes a movement of the other; a group of both takes either.
        if (near && (g.source() != m.source() || g.source() == MovementSource.ACCELEROMETER_AND_CUFF)) {
            open.put(m.leg(), join(g, m));
            return;
        }
        if (g != null) {
            out.accept(g);
        }
        open.put(m.leg(), m);
    }

    /** @param watermarkS no movement with an onset before this will come: groups that nothing can join any more are given out */
    void closeBefore(double watermarkS) {
        for (Leg leg : legs) {
            LegMovement g = open.get(leg);
            if (g != null && (ms(watermarkS) - ms(g.offsetS()) >= GAP_MS || watermarkS == Double.POSITIVE_INFINITY)) {
                open.remove(leg);
                out.accept(g);
            }
        }
    }

    /** @return the earliest onset of a group still open, s; positive infinity when none is */
    double openOnsetS() {
        double min = Double.POSITIVE_INFINITY;
        for (LegMovement g : open.values()) {
            min = Math.min(min, g.onsetS());
        }
        return min;
    }

    /** The amplitude is the accelerometer's where it saw the movement (g and mmHg do not mix). */
    private static LegMovement join(LegMovement a, LegMovement b) {
        double on = Math.min(a.onsetS(), b.onsetS());
        double off = Math.max(a.offsetS(), b.offsetS());
        boolean ga = a.source().amplitudeInG();
        boolean gb = b.source().amplitudeInG();
        double peak;
        double rms;
        if (ga == gb) {
            peak = Math.max(a.peak(), b.peak());
            double da = a.durationS();
            double db = b.durationS();
            rms = da + db > 0 ? Math.sqrt((a.rms() * a.rms() * da + b.rms() * b.rms() * db) / (da + db)) : a.rms();
        } else {
            LegMovement g = ga ? a : b;
            peak = g.peak();
            rms = g.rms();
        }
        return new LegMovement(on, off, a.leg(), peak, rms, a.source().join(b.source()));
    }

    private static long ms(double s) {
        return Math.round(s * 1000);
    }
}
