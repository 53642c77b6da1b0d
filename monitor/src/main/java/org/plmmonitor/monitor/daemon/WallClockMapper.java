package org.plmmonitor.monitor.daemon;

import java.time.Instant;

/**
 * Maps the sources' monotonic time line (seconds) to UTC. The mapping is an anchor, wall minus line,
 * taken only from a wall clock that is trusted (synced by NTP, or later than the build). Until the
 * first trusted observation there is no mapping at all, so nothing can be written at a stale boot date.
 * When a trusted wall clock disagrees with the anchor by more than the tolerance (NTP stepped it, or
 * someone set it), the anchor moves; small differences (slewing, observation jitter) are ignored so
 * that times do not wobble.
 *
 * <p>Not thread-safe: used by the processing thread only.
 */
public final class WallClockMapper {
    /** Default tolerance before a disagreement counts as a jump, s. */
    public static final double DEFAULT_JUMP_S = 2.0;

    /** What an observation changed. */
    public enum Change {
        /** Nothing: no mapping yet and the wall clock is not trusted, or the anchor still holds. */
        NONE,
        /** The first trusted observation: the mapping now exists. */
        SYNCED,
        /** The trusted wall clock jumped: the anchor moved. */
        JUMPED
    }

    private final double jumpS;
    private boolean anchored;
    /** Wall epoch ms minus line ms, as a double to keep sub-millisecond line times. */
    private double anchorMs;
    private int reanchors;
    private double lastShiftS;

    /** A mapper with the default jump tolerance ({@value #DEFAULT_JUMP_S} s). */
    public WallClockMapper() {
        this(DEFAULT_JUMP_S);
    }

    /** @param jumpS disagreement between wall clock and anchor that counts as a jump, s, 0.01-3600 */
    public WallClockMapper(double jumpS) {
        if (!(jumpS >= 0.01 && jumpS <= 3600)) {
            throw new IllegalArgumentException("clock jump tolerance " + jumpS + " s is outside 0.01-3600 s");
        }
        this.jumpS = jumpS;
    }

    /**
     * Compares the wall clock with the line at one moment.
     *
     * @param lineS   the monotonic line now, s
     * @param wall    the wall clock now
     * @param trusted true when the wall clock is known to be right (synced)
     * @return what changed
     */
    public Change observe(double lineS, Instant wall, boolean trusted) {
        if (!trusted) {
            return Change.NONE;
        }
        double candidate = wall.toEpochMilli() + (wall.getNano() % 1_000_000) / 1e6 - lineS * 1000.0;
        if (!anchored) {
            anchored = true;
            anchorMs = candidate;
            return Change.SYNCED;
        }
        double shiftS = (candidate - anchorMs) / 1000.0;
        if (Math.abs(shiftS) > jumpS) {
            anchorMs = candidate;
            reanchors++;
            lastShiftS = shiftS;
            return Change.JUMPED;
        }
        return Change.NONE;
    }

    /** @return true once a trusted wall clock has been seen */
    public boolean anchored() {
        return anchored;
    }

    /**
     * @param lineS a time on the monotonic line, s
     * @return UTC epoch milliseconds (rounded down)
     * @throws IllegalStateException before the first trusted observation: no date is known yet
     */
    public long toUtcMs(double lineS) {
        if (!anchored) {
            throw new IllegalStateException("no trusted wall clock yet: line time " + lineS + " s has no date");
        }
        return (long) Math.floor(anchorMs + lineS * 1000.0);
    }

    /** @return the same as {@link #toUtcMs} as an instant */
    public Instant toInstant(double lineS) {
        return Instant.ofEpochMilli(toUtcMs(lineS));
    }

    /** @return how many times the anchor moved after the first sync */
    public int reanchors() {
        return reanchors;
    }

    /** @return the last jump's size, s (positive: the wall clock moved forward), 0 if none */
    public double lastShiftS() {
        return lastShiftS;
    }
}
