package org.plmmonitor.monitor.report;

import org.plmmonitor.analysis.report.html.LineClock;

import java.util.Comparator;
import java.util.List;

/**
 * The daemon's own mapping from the sources' time line to UTC, read back from the stored movements
 * (each carries its onset on both). A time maps by the offset of the stored movement nearest to it on
 * the line, so a re-anchored clock (a wall-clock step mid-night) maps each part by its own offset.
 * Without stored movements the mapping falls back to one fixed offset given by the caller.
 */
final class MovementClock implements LineClock {
    private final double[] lineS;
    private final long[] offsetMs;
    private final long fallbackOffsetMs;

    /**
     * @param movements        the stored movements' onsets of one analysis, any order
     * @param fallbackOffsetMs UTC ms minus line ms to use when there is no movement
     */
    MovementClock(List<LineUtc> movements, long fallbackOffsetMs) {
        List<LineUtc> sorted = movements.stream().sorted(Comparator.comparingDouble(LineUtc::lineS)).toList();
        lineS = new double[sorted.size()];
        offsetMs = new long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            lineS[i] = sorted.get(i).lineS();
            offsetMs[i] = sorted.get(i).utcMs() - Math.round(sorted.get(i).lineS() * 1000);
        }
        this.fallbackOffsetMs = fallbackOffsetMs;
    }

    /** @return true when the mapping comes from stored movements, not the fallback */
    boolean measured() {
        return lineS.length > 0;
    }

    @Override
    public long utcMs(double line) {
        long ms = Math.round(line * 1000);
        if (lineS.length == 0) {
            return ms + fallbackOffsetMs;
        }
        int i = java.util.Arrays.binarySearch(lineS, line);
        if (i < 0) {
            int ins = -i - 1;
            if (ins == 0) {
                i = 0;
            } else if (ins == lineS.length) {
                i = lineS.length - 1;
            } else {
                i = line - lineS[ins - 1] <= lineS[ins] - line ? ins - 1 : ins;
            }
        }
        return ms + offsetMs[i];
    }
}
