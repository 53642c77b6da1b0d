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
    private final Map<Leg, Group> open = new EnumMap<>(Leg.class);

    /**
     * An open group: the movement so far, and the seconds of members that measured its amplitude (its
     * RMS is weighted by those, not by the joined span).
     */
    private record Group(LegMovement movement, double amplitudeS) {
        static Group of(LegMovement m) {
            return new Group(m, m.durationS());
        }
    }

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
        Group group = open.get(m.leg());
        LegMovement g = group == null ? null : group.movement();
        boolean near = g != null && ms(m.onsetS()) - ms(g.offsetS()) < GAP_MS;
        // A group of one modality takes a movement of the other; a group of both takes either.
        if (near && (g.source() != m.source() || g.source() == MovementSource.ACCELEROMETER_AND_CUFF)) {
            open.put(m.leg(), join(group, m));
            return;
        }
        if (g != null) {
            out.accept(g);
        }
        open.put(m.leg(), Group.of(m));
    }

    /** @param watermarkS no movement with an onset before this will come: groups that nothing can join any more are given out */
    void closeBefore(double watermarkS) {
        for (Leg leg : legs) {
            Group g = open.get(leg);
            if (g != null && (ms(watermarkS) - ms(g.movement().offsetS()) >= GAP_MS || watermarkS == Double.POSITIVE_INFINITY)) {
                open.remove(leg);
                out.accept(g.movement());
            }
        }
    }

    /** @return the earliest onset of a group still open, s; positive infinity when none is */
    double openOnsetS() {
        double min = Double.POSITIVE_INFINITY;
        for (Group g : open.values()) {
            min = Math.min(min, g.movement().onsetS());
        }
        return min;
    }

    /**
     * The amplitude is the accelerometer's where it saw the movement (g and mmHg do not mix): the largest
     * peak and the RMS weighted by the duration of the members that measured it.
     */
    private static Group join(Group group, LegMovement b) {
        LegMovement a = group.movement();
        double on = Math.min(a.onsetS(), b.onsetS());
        double off = Math.max(a.offsetS(), b.offsetS());
        boolean ga = a.source().amplitudeInG();
        boolean gb = b.source().amplitudeInG();
        double peak = a.peak();
        double rms = a.rms();
        double amplitudeS = group.amplitudeS();
        if (ga == gb) {
            double da = group.amplitudeS();
            double db = b.durationS();
            peak = Math.max(a.peak(), b.peak());
            rms = da + db > 0 ? Math.sqrt((a.rms() * a.rms() * da + b.rms() * b.rms() * db) / (da + db)) : a.rms();
            amplitudeS = da + db;
        } else if (gb) {
            peak = b.peak();
            rms = b.rms();
            amplitudeS = b.durationS();
        }
        return new Group(new LegMovement(on, off, a.leg(), peak, rms, a.source().join(b.source())), amplitudeS);
    }

    private static long ms(double s) {
        return Math.round(s * 1000);
    }
}
