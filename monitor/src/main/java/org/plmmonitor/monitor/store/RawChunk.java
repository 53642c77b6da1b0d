package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stretch of one sensor's raw signal (typically 10 s), kept for re-analysis and export. Stays in
 * the local store; never forwarded to InfluxDB. Keyed by (night, leg, start ms): writing the same
 * chunk again replaces it.
 *
 * @param nightId      night id ({@link NightIds})
 * @param leg          left or right
 * @param startUtcMs   time of the first sample, UTC epoch ms
 * @param rateHz       sampling rate, Hz, 1-10000
 * @param scaleGPerCount g per count (e.g. 1/4096 for a +-8 g 16-bit sensor), {@code > 0}
 * @param axes         number of axes interleaved in {@code counts}, 1-3
 * @param counts       samples as signed 16-bit counts, axis-interleaved (x0 y0 z0 x1 y1 z1 ...);
 *                     length a non-zero multiple of {@code axes}; copied in and out
 */
public record RawChunk(String nightId, Leg leg, long startUtcMs, double rateHz, double scaleGPerCount,
                       int axes, short[] counts) {
    public RawChunk {
        NightIds.requireValid(nightId);
        Objects.requireNonNull(leg, "raw chunk leg");
        if (leg == Leg.BILATERAL) {
            throw new IllegalArgumentException("raw signal is per sensor: leg must be left or right, not bilateral");
        }
        if (!(rateHz >= 1 && rateHz <= 10_000)) {
            throw new IllegalArgumentException("raw chunk rate " + rateHz + " Hz is outside 1-10000");
        }
        if (!(scaleGPerCount > 0) || Double.isInfinite(scaleGPerCount)) {
            throw new IllegalArgumentException("raw chunk scale " + scaleGPerCount + " g/count must be finite and > 0");
        }
        if (axes < 1 || axes > 3) {
            throw new IllegalArgumentException("raw chunk axes " + axes + " is outside 1-3");
        }
        Objects.requireNonNull(counts, "raw chunk counts");
        if (counts.length == 0 || counts.length % axes != 0) {
            throw new IllegalArgumentException("raw chunk has " + counts.length + " counts: expected a non-zero multiple of " + axes + " axes");
        }
        counts = counts.clone();
    }

    /** @return a copy of the axis-interleaved counts */
    @Override
    public short[] counts() {
        return counts.clone();
    }

    /** @return samples per axis */
    public int samples() {
        return counts.length / axes;
    }

    /** @return time just after the last sample, UTC epoch ms (rounded down) */
    public long endUtcMs() {
        return startUtcMs + (long) Math.floor(samples() * 1000.0 / rateHz);
    }

    /**
     * @param sample 0-based sample index
     * @param axis   0-based axis index
     * @return the acceleration, g
     */
    public double g(int sample, int axis) {
        return counts[sample * axes + axis] * scaleGPerCount;
    }

    // Arrays compare by identity in records: compare contents so equal chunks are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof RawChunk r && nightId.equals(r.nightId) && leg == r.leg && startUtcMs == r.startUtcMs
                && Double.compare(rateHz, r.rateHz) == 0 && Double.compare(scaleGPerCount, r.scaleGPerCount) == 0
                && axes == r.axes && Arrays.equals(counts, r.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nightId, leg, startUtcMs, rateHz, scaleGPerCount, axes, Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "RawChunk[" + nightId + " " + leg.jsonName() + " " + startUtcMs + " ms, " + samples() + " samples x " + axes
                + " axes at " + rateHz + " Hz]";
    }
}
