package org.plmmonitor.analysis.detect;

import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps a leg that wanders and pauses one long movement. A leg restless in wake moves for tens of
 * seconds, stopping part-way for a moment now and then; each stop can end a movement at the gate,
 * which would cut one long (non-candidate) movement into candidate-length pieces. Accepted movements
 * of one leg are therefore held until the next is known: a piece that stopped away from the rest it
 * left (a pause part-way, not a return) and the next piece less than {@link #JOIN_S} after it form a
 * run, and a run of two or more that spans more than {@link #LONG_S} (WASM's longest leg movement)
 * leaves as one movement from its first onset to its last offset. Shorter runs leave piece by piece,
 * unchanged; and a movement that came back to its rest ends its run, so two movements with a real
 * rest between them (a pair 0.5-1.5 s apart, as WASM's offset rule makes them) stay two. Memory: one run, at most {@link #MAX_SPAN_S} long. Mutable; one per
 * detector.
 */
final class PauseJoin {
    /** Pieces closer than this (offset to next onset) may be one movement, s. */
    static final double JOIN_S = 2.5;
    /** A run longer than this is one long movement, s (WASM: a leg movement lasts at most 10 s). */
    static final double LONG_S = 10;
    /** A run is let go once it spans this long, s: bounds how long a movement is held. */
    static final double MAX_SPAN_S = 25;

    private final Consumer<LegMovement> out;
    private final List<LegMovement> run = new ArrayList<>();
    private boolean lastAway;

    /** @param out receives each movement as it leaves, in onset order */
    PauseJoin(Consumer<LegMovement> out) {
        this.out = out;
    }

    /**
     * @param m         an accepted movement of this leg, later in onset than every one offered before
     * @param endedAway whether it stopped away from the rest it left (not back within the tilt onset
     *                  threshold): only then may the next piece continue it
     */
    void offer(LegMovement m, boolean endedAway) {
        if (!run.isEmpty()) {
            LegMovement last = run.get(run.size() - 1);
            if (!lastAway || m.onsetS() - last.offsetS() >= JOIN_S || m.offsetS() - run.get(0).onsetS() > MAX_SPAN_S) {
                flush();
            }
        }
        run.add(m);
        lastAway = endedAway;
        if (!endedAway) {
            expire(Double.POSITIVE_INFINITY);
        }
    }

    /**
     * No movement can start before this any more: a run that nothing can join leaves.
     *
     * @param earliestOnsetS the earliest onset a movement not yet offered could have, s
     */
    void expire(double earliestOnsetS) {
        if (!run.isEmpty() && (!lastAway || earliestOnsetS - run.get(run.size() - 1).offsetS() >= JOIN_S)) {
            flush();
        }
    }

    /** @return onset of the first movement held, s, or NaN when none is */
    double heldOnsetS() {
        return run.isEmpty() ? Double.NaN : run.get(0).onsetS();
    }

    /** Lets the held run go (the signal ended or broke off). */
    void flush() {
        if (run.isEmpty()) {
            return;
        }
        LegMovement first = run.get(0);
        double offset = run.get(run.size() - 1).offsetS();
        if (run.size() >= 2 && offset - first.onsetS() > LONG_S) {
            double peak = 0;
            double rms = 0;
            for (LegMovement m : run) {
                peak = Math.max(peak, m.peak());
                rms = Math.max(rms, m.rms());
            }
            out.accept(new LegMovement(first.onsetS(), offset, first.leg(), peak, rms, first.source()));
        } else {
            run.forEach(out);
        }
        run.clear();
    }
}
