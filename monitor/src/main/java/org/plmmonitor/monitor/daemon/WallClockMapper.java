package org.plmmonitor.monitor.daemon;

import java.time.Instant;

/**
 * Maps the sources' monotonic time line (seconds) to UTC. The mapping is an anchor, wall minus line,
 * taken only from a wall clock that is trusted (synced by NTP, or later than the build). Until the
 * first trusted observation there is no mapping at all, so nothing can be written at a stale boot date.
 * When a trusted wall clock disagrees with the anchor by more than the tolerance (NTP stepped it, or
 * someone set it), a new anchor applies from that line time on; small differences (slewing, observation
 * jitter) are ignored so that times do not wobble. Times before a jump keep the anchor they had, so a
 * time's UTC depends only on its line time, not on when it is converted: a movement or an activity
 * second reported late (the detector works minutes behind) gets the same UTC as if reported at once.
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
    /** Most jumps remembered; older segments merge into the first (a clock jumping this often is broken). */
    private static final int MAX_SEGMENTS = 64;

    private boolean anchored;
    /** Wall epoch ms minus line ms, as a double to keep sub-millisecond line times: the latest anchor. */
    private double anchorMs;
    /** Each anchor as {line time it applies from (s), anchor (ms)}, in line order; the first applies from the start. */
    private final java.util.ArrayList<double[]> segments = new java.util.ArrayList<>();
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
            segments.add(new double[] {Double.NEGATIVE_INFINITY, candidate});
            return Change.SYNCED;
        }
        double shiftS = (candidate - anchorMs) / 1000.0;
        if (Math.abs(shiftS) > jumpS) {
            anchorMs = candidate;
            if (segments.size() == MAX_SEGMENTS) {
                segments.remove(1);
            }
            segments.add(new double[] {lineS, candidate});
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
        double a = segments.get(0)[1];
        for (int i = segments.size() - 1; i > 0; i--) {
            if (lineS >= segments.get(i)[0]) {
                a = segments.get(i)[1];
                break;
            }
        }
        return (long) Math.floor(a + lineS * 1000.0);
    }

    /**
     * The inverse of {@link #toUtcMs}: a UTC time on the line, by the anchor of the part of the line it falls in
     * (after a re-anchoring, the later part's).
     *
     * @param utcMs UTC epoch ms
     * @return its time on the monotonic line, s (below the first sample's for a time before it)
     * @throws IllegalStateException before the first trusted observation
     */
    public double toLineS(long utcMs) {
        if (!anchored) {
            throw new IllegalStateException("no trusted wall clock yet: UTC " + utcMs + " ms has no line time");
        }
        for (int i = segments.size() - 1; i > 0; i--) {
            double line = (utcMs - segments.get(i)[1]) / 1000.0;
            if (line >= segments.get(i)[0]) {
                return line;
            }
        }
        return (utcMs - segments.get(0)[1]) / 1000.0;
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
