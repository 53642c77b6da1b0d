package org.plmmonitor.analysis.detect;

import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges the movements of one leg that follow each other closely, as a run. A leg restless in wake
 * moves for tens of seconds, stopping part-way for a moment now and then; each stop can end a
 * movement at the gate, which would cut one long (non-candidate) movement into candidate-length
 * pieces. A slow foot tremor (0.5-1 Hz) stops at every turn and is cut into one-second pieces, none
 * long enough for the rhythm test. Every accepted movement is therefore held in case it begins a run:
 * movements less than {@link #JOIN_S} apart (offset to next onset) form one, and a piece that may be
 * continued is joined by the next one whose gate opened within {@link #CONTINUE_S} of its offset
 * ({@link #SMALL_CONTINUE_S} for a piece of a small movement). A movement that came back
 * to its rest is held at most {@link #JOIN_S} after its offset while no other is under way (so most
 * movements are stored within about 3 s, contracts.md); one that stopped away from its rest is held
 * until nothing can join it. When nothing more can join the run:
 * <ul>
 *   <li>a run of two or more spanning {@link #RHYTHM_MIN_S} or more whose signal is one steady rhythm
 *       is rejected, piece by piece (tremor, as a single movement of that length would be); so is a
 *       run that a movement judged rhythmic on its own follows within {@link #JOIN_S}, when the
 *       signal over both is one rhythm ({@link #rhythmFollows});</li>
 *   <li>otherwise, pieces that stopped away from the rest they left (a pause part-way, not a return)
 *       or from the rest their chain's first piece left,
 *       or that passed it moving after a long wander without resting there, and the piece after each
 *       form a chain; a chain of two or more that spans more than
 *       {@link #LONG_S} (WASM's longest leg movement) leaves as one movement from its first onset to
 *       its last offset;</li>
 *   <li>in a shorter chain, a piece that stopped in a dip (further from its rest than
 *       {@link MotionGate#BACK_FRACTION} of its peak) and the next, whose gate opened less than
 *       {@link #MIN_REST_S} after it or whose limb the raw samples never found still for
 *       {@link #STILL_REST_S} since it stopped there, leave as one movement (WASM: a movement ends only
 *       at half a second at rest);</li>
 *   <li>everything else leaves unchanged: a movement that came back to its rest ends its chain (unless
 *       it stopped in a dip, outside {@link MotionGate#BACK_FRACTION} of its peak though within the tilt
 *       onset threshold, and the limb turned out of it without lying still for {@link #STILL_REST_S}), so
 *       two movements with a real rest between them (a pair 0.5-1.5 s apart, as WASM's offset rule
 *       makes them) stay two.</li>
 * </ul>
 * Memory: one run, at most {@link #MAX_SPAN_S} long. Mutable; one per detector.
 */
final class PauseJoin {
    /** Movements closer than this (offset to next onset) form a run, s. */
    static final double JOIN_S = 2.5;
    /** A chain longer than this is one long movement, s (WASM: a leg movement lasts at most 10 s). */
    static final double LONG_S = 10;
    /**
     * A piece that may be continued (it stopped away, or passed its rest moving) is continued by the
     * next piece whose gate opened, on the limb's line before the onset refinement walks back, less
     * than this after its offset, s: {@link #JOIN_S} plus the refinement's longest walk-back
     * ({@link AccelerometerDetector#REFINE_BACK_S}). Such a piece is held until no movement can have an
     * onset within {@link #JOIN_S} of its offset, which is not before the gate has gone this long past
     * it without opening; so every piece that began at the gate while it was held is known before it
     * is let go, and the hold is no longer than before. A wandering leg's next piece is often a slow
     * departure from where it paused, whose onset the refinement places 2.5-4 s after the pause
     * (accel-2.6, docs/detector.md), though the gate was already waiting for it.
     */
    static final double CONTINUE_S = JOIN_S + AccelerometerDetector.REFINE_BACK_S;
    /**
     * {@link #CONTINUE_S} for a piece of a small movement (largest departure under the tilt onset
     * threshold over {@link MotionGate#BACK_FRACTION}: 60 mg, about 3.5 degrees, at the default 9 mg,
     * where the gate's band of "back" is the onset threshold itself), s. A small wander moves on from
     * a pause by a few mg a second, so the gate, which needs a 9-mg departure from a rest that follows
     * the leg, opens on its next piece 5-8 s after the pause (`KINEMATIC_SMALL`, `KINEMATIC_PAIRS`),
     * while a large one's next piece crosses 9 mg within the usual 4 s. Such a piece is held as long
     * (about 8.5 s after its offset; docs/contracts.md, "Streaming"). Applied to every piece, it joined
     * a large movement to the next of its PLM series (tuning families: merged 14 -> 15); applied when
     * only the first piece was small, it joined small movements to the next of a dense series
     * (`KINEMATIC_DENSE` merged 74 -> 80), so the piece that continues must be small too; docs/detector.md.
     */
    static final double SMALL_CONTINUE_S = 8;
    /**
     * A piece that stopped more than this share of its largest departure (its peak, g) from the rest
     * its chain's first piece left (where the leg lay) paused part-way, and may be continued, though
     * that is within the tilt onset threshold of the rest. Only
     * a movement under twice the threshold (18 mg at 9 mg) stops so: for it, "within 9 mg of its rest"
     * does not say it went back (`KINEMATIC_SMALL` seed 110002: a 12.5-mg piece stopped 8.2 mg away,
     * and the leg wandered on into an 11-s movement; docs/detector.md).
     */
    static final double PAUSED_FRACTION = 0.5;
    /** Shortest run whose rhythm is judged, s (as for one movement: a spectrum resolved to 1/6 Hz). */
    static final double RHYTHM_MIN_S = 6;
    /**
     * The shortest rest that ends a movement, s (WASM 2016: a leg movement ends at the start of at least
     * 0.5 s at rest).
     */
    static final double MIN_REST_S = 0.5;
    /**
     * A limb whose raw samples' short mean ({@link MotionGate#RAW_MEAN_S}) lay still for less than this
     * between two pieces never rested, s: WASM's half second at rest less the mean's own window, for
     * which a mean straddles the rest's ends.
     */
    static final double STILL_REST_S = MIN_REST_S - MotionGate.RAW_MEAN_S;
    /** A run is let go once it spans this long, s: bounds how long a movement is held. */
    static final double MAX_SPAN_S = 25;

    /** Where a run's movements go, and the rhythm test over a stretch of the signal. */
    interface Sink {
        /** @param m a movement that leaves, in onset order */
        void movement(LegMovement m);

        /**
         * @param onsetS  start of the stretch, s
         * @param offsetS end of the stretch, s
         * @return whether the signal there is one steady rhythm (tremor, gait)
         */
        boolean rhythmic(double onsetS, double offsetS);

        /** @param piece a piece of a rhythmic run: not a leg movement */
        void rejectedAsRhythm(LegMovement piece);
    }

    private final Sink sink;
    private final double awayG;
    /** A piece whose largest departure is under this is small ({@link #SMALL_CONTINUE_S}), g. */
    private final double smallG;
    private final List<LegMovement> run = new ArrayList<>();
    private final List<Boolean> away = new ArrayList<>();
    /** Per piece: its gate opened less than {@link #MIN_REST_S} after the piece before it ended. */
    private final List<Boolean> soon = new ArrayList<>();
    /**
     * Per piece: the one before it stopped in a dip and the limb never lay still for
     * {@link #STILL_REST_S} before this one began: it turned out of the dip, so the two are one chain
     * even where the dip came within the tilt onset threshold of the rest (a small movement's).
     */
    private final List<Boolean> turnedOut = new ArrayList<>();
    /**
     * The piece offered last stopped further from the rest it left than {@link MotionGate#BACK_FRACTION}
     * of its peak: a dip (a dip turns back at 0.3-0.6 of the tilt), not a return whose end a large fast
     * movement's ringing blurs.
     */
    private boolean lastDipped;
    /**
     * The rest the first piece of the chain being built left (g, 3 values): a piece that comes back to
     * where the piece before it paused but not to this rest has not come back (accel-2.6).
     */
    private double[] chainRest;

    /**
     * @param sink  receives what leaves
     * @param awayG how far from the chain's rest a piece must stop to have stopped away, g (the tilt
     *              onset threshold, 0.005-0.05)
     */
    PauseJoin(Sink sink, double awayG) {
        this.sink = sink;
        this.awayG = awayG;
        this.smallG = awayG / MotionGate.BACK_FRACTION;
    }

    /**
     * @return how long after {@code piece}'s offset the gate may open on a piece that continues it, s:
     *         the longest a small piece may wait ({@link #expire} holds it that long)
     */
    private double continueS(LegMovement piece) {
        return piece.peak() < smallG ? SMALL_CONTINUE_S : CONTINUE_S;
    }

    /**
     * @param last      the piece held last
     * @param nextPeakG the next piece's largest departure or envelope, g
     * @return how long after {@code last}'s offset the gate may have opened on the next piece for
     *         it to continue {@code last}, s: {@link #SMALL_CONTINUE_S} only when both are small. A
     *         small wander moves on in small pieces; a large piece that comes 4-8 s after a small one
     *         that settled away is the next movement (on dense nights, the next of a series or a
     *         short-interval movement: `KINEMATIC_DENSE`, merged 74 -> 80 when it was joined)
     */
    private double continueS(LegMovement last, double nextPeakG) {
        return nextPeakG < smallG ? continueS(last) : CONTINUE_S;
    }

    /**
     * @param m          an accepted movement of this leg, later in onset than every one offered before
     * @param endedAway  whether it stopped away from the rest it left (not back within the tilt onset
     *                   threshold), or passed that rest moving without resting there (a long wandering
     *                   movement, {@link MotionGate.Span#passedRest()}): only then (or when it stopped
     *                   more than {@link #PAUSED_FRACTION} of its peak, or more than {@code awayG},
     *                   from its chain's rest) may the next piece continue it as one movement
     * @param gateOnsetS where the gate opened on it, on the limb's line (the channel's time less the
     *                   envelope's delay), s; not before {@code m.onsetS()}, which the refinement may
     *                   have moved back by up to {@link AccelerometerDetector#REFINE_BACK_S} and the
     *                   filters' delays
     * @param stillBeforeS the longest time the limb lay still on the raw samples between where the
     *                   gate found the piece offered before it stopped (from half a second earlier) and
     *                   where it opened on this one, s (capped at {@link #MIN_REST_S}): under
     *                   {@link #STILL_REST_S} after a dip, the limb turned out of the dip without
     *                   resting there, and this piece continues that one however late the gate, which
     *                   measures its 9-mg departure from the dip's bottom, opened on it
     * @param restBefore the rest it left (g, 3 values)
     * @param restAfter  where it stopped (g, 3 values): a piece that continues a chain and stops more
     *                   than {@code awayG} from the rest the chain's first piece left may be continued
     *                   too, though it came back to where the piece before it paused (a wandering leg
     *                   that has not returned to where it lay before it began)
     */
    void offer(LegMovement m, boolean endedAway, double gateOnsetS, double stillBeforeS, double[] restBefore,
               double[] restAfter) {
        if (!run.isEmpty()) {
            LegMovement last = run.get(run.size() - 1);
            boolean continues = away.get(away.size() - 1) && gateOnsetS - last.offsetS() < continueS(last, m.peak());
            if (!continues && m.onsetS() - last.offsetS() >= JOIN_S || m.offsetS() - run.get(0).onsetS() > MAX_SPAN_S) {
                flush();
            }
        }
        if (run.isEmpty() || !away.get(away.size() - 1)) {
            chainRest = restBefore.clone();
        }
        double x = restAfter[0] - chainRest[0];
        double y = restAfter[1] - chainRest[1];
        double z = restAfter[2] - chainRest[2];
        boolean unrested = !run.isEmpty() && lastDipped && stillBeforeS < STILL_REST_S;
        soon.add(unrested || !run.isEmpty() && lastDipped && gateOnsetS - run.get(run.size() - 1).offsetS() < MIN_REST_S);
        turnedOut.add(unrested);
        lastDipped = distance(restBefore, restAfter) > MotionGate.BACK_FRACTION * m.peak();
        run.add(m);
        double fromChainRest = Math.sqrt(x * x + y * y + z * z);
        away.add(endedAway || fromChainRest > awayG || fromChainRest > PAUSED_FRACTION * m.peak());
    }

    /**
     * Lets the run go when nothing can join it any more, or when its last movement came back to its
     * rest, nothing is under way and {@link #JOIN_S} have passed since that movement's offset (a
     * movement that began later might still be placed a little earlier by the onset refinement; it is
     * not waited for, which bounds the hold).
     *
     * @param earliestOnsetS the earliest onset a movement not yet offered could have, s
     * @param idleAtS        time of the last sample when no movement is under way at the gate, s; NaN
     *                       while one is
     */
    void expire(double earliestOnsetS, double idleAtS) {
        if (run.isEmpty()) {
            return;
        }
        LegMovement last = run.get(run.size() - 1);
        double lastOffset = last.offsetS();
        boolean cameBack = !away.get(away.size() - 1);
        // One that may be continued waits until the gate can no longer open on a piece that continues
        // it: JOIN_S for the usual CONTINUE_S, longer for a small one's.
        double holdS = cameBack ? JOIN_S : continueS(last) - AccelerometerDetector.REFINE_BACK_S;
        if (earliestOnsetS - lastOffset >= holdS || cameBack && idleAtS - lastOffset >= JOIN_S) {
            flush();
        }
    }

    /**
     * A movement judged rhythmic on its own (tremor, gait) has closed. A tremor's first turn is often
     * cut off by the gate and accepted as a movement; if the run held is within {@link #JOIN_S} of it
     * and the signal from the run's first onset to its offset is one steady rhythm, the run's pieces
     * are that tremor's start and are rejected with it.
     *
     * @param onsetS  onset of the rhythmic movement, s
     * @param offsetS its offset, s
     */
    void rhythmFollows(double onsetS, double offsetS) {
        if (run.isEmpty() || onsetS - run.get(run.size() - 1).offsetS() >= JOIN_S) {
            return;
        }
        if (sink.rhythmic(run.get(0).onsetS(), offsetS)) {
            run.forEach(sink::rejectedAsRhythm);
            run.clear();
            away.clear();
            soon.clear();
            turnedOut.clear();
        }
    }

    /**
     * @param gateOnsetS where the gate opened on a piece now closing, on the limb's line, s
     * @param peakG      that piece's largest departure or envelope, g
     * @return whether that piece would continue the movement held last (it stopped away from its rest,
     *         or passed it moving, and the gate opened on this piece within the time a piece that
     *         continues it may take): the limb is then part-way through one movement, not starting one
     */
    boolean continuesHeld(double gateOnsetS, double peakG) {
        if (run.isEmpty() || !away.get(away.size() - 1)) {
            return false;
        }
        LegMovement last = run.get(run.size() - 1);
        return gateOnsetS - last.offsetS() < continueS(last, peakG);
    }

    /** @return onset of the first movement held, s, or NaN when none is */
    double heldOnsetS() {
        return run.isEmpty() ? Double.NaN : run.get(0).onsetS();
    }

    /** Lets the held run go (nothing can join it, or the signal ended or broke off). */
    void flush() {
        if (run.isEmpty()) {
            return;
        }
        double on = run.get(0).onsetS();
        double off = run.get(run.size() - 1).offsetS();
        if (run.size() >= 2 && off - on >= RHYTHM_MIN_S && sink.rhythmic(on, off)) {
            run.forEach(sink::rejectedAsRhythm);
        } else {
            int from = 0;
            for (int i = 0; i < run.size(); i++) {
                if (i == run.size() - 1 || !away.get(i) && !turnedOut.get(i + 1)) {
                    chain(from, i);
                    from = i + 1;
                }
            }
        }
        run.clear();
        away.clear();
        soon.clear();
        turnedOut.clear();
    }

    /**
     * Lets run[from..to] go: as one movement if it is a chain of two or more over LONG_S; otherwise
     * piece by piece, except that a piece whose gate opened less than {@link #MIN_REST_S} after the
     * one before it stopped in a dip ({@link #lastDipped}) leaves with it as one.
     */
    private void chain(int from, int to) {
        LegMovement first = run.get(from);
        double offset = run.get(to).offsetS();
        if (to > from && offset - first.onsetS() > LONG_S) {
            one(from, to);
            return;
        }
        // Every piece of a chain but its last stopped away from its rest (or passed it moving). WASM
        // ends a movement only at the start of at least half a second at rest: a limb that stopped
        // away and moved on sooner than that never came to rest, so the two pieces are one movement
        // (a turn part-way that the gate took for a stop). Measured to where the gate opened on the
        // next piece, not to its placed onset: the walk-back can place that onset up to
        // REFINE_BACK_S earlier, and true rests of 0.5 s were placed under 0.2 s. Only after a dip
        // (the piece stopped outside the band of BACK_FRACTION of its peak around its rest): the
        // return of a large fast movement rings and its offset is placed late, so the 0.5-0.7-s rest
        // of a large pair left the gate under half a second (KINEMATIC_PAIRS 120003: 3 pairs merged).
        // Equally when the raw samples never lay still for STILL_REST_S from the dip to the next opening:
        // in a slow dip the gate settles at the bottom and, measuring from there, opens on the push out
        // only after 9 mg, 0.5-1 s later, while the limb turned straight back out (KINEMATIC_SMALL).
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || !soon.get(i + 1)) {
                one(start, i);
                start = i + 1;
            }
        }
    }

    private static double distance(double[] a, double[] b) {
        double x = a[0] - b[0];
        double y = a[1] - b[1];
        double z = a[2] - b[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Lets run[from..to] go as one movement (first onset to last offset, the largest peak and RMS). */
    private void one(int from, int to) {
        if (from == to) {
            sink.movement(run.get(from));
            return;
        }
        LegMovement first = run.get(from);
        double peak = 0;
        double rms = 0;
        for (int i = from; i <= to; i++) {
            peak = Math.max(peak, run.get(i).peak());
            rms = Math.max(rms, run.get(i).rms());
        }
        sink.movement(new LegMovement(first.onsetS(), run.get(to).offsetS(), first.leg(), peak, rms, first.source()));
    }
}
