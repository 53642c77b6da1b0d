package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.AccelerationSink;

/**
 * One leg's entry point: counts what its source delivers and passes the samples to the {@link ClockGate},
 * its gaps to the open night. Not thread-safe: the daemon's processing thread only.
 */
final class Route implements AccelerationSink {
    /** Where a leg's reported gaps go. */
    @FunctionalInterface
    interface Gaps {
        /** @param leg the leg @param fromS line time the gap starts, s @param toS line time it ends, s */
        void gap(Leg leg, double fromS, double toS);
    }

    private final Leg leg;
    private final ClockGate gate;
    private final Gaps gaps;
    private SampleFeed feed;
    private boolean ended;
    private boolean pastEnd;
    private long samples;
    private long gapCount;
    private double lastS = Double.NaN;

    /**
     * @param leg  the leg
     * @param gate where its samples go
     * @param gaps where its gaps go
     */
    Route(Leg leg, ClockGate gate, Gaps gaps) {
        this.leg = leg;
        this.gate = gate;
        this.gaps = gaps;
    }

    @Override
    public void accept(double t, double x, double y, double z) {
        samples++;
        lastS = t;
        gate.accept(leg, t, x, y, z);
    }

    @Override
    public void gap(double fromS, double toS) {
        gapCount++;
        gaps.gap(leg, fromS, toS);
    }

    /** @param f the leg's source, once opened with this as its sink */
    void feed(SampleFeed f) {
        this.feed = f;
    }

    /** @return the leg's source, or null when it could not be opened */
    SampleFeed feed() {
        return feed;
    }

    /** @return the leg */
    Leg leg() {
        return leg;
    }

    /**
     * Asks the source for its samples, unless it has ended.
     *
     * @param untilS see {@link SampleFeed#pump}
     * @return true while the source has not ended
     * @throws org.plmmonitor.analysis.io.InputException when a recording is malformed
     */
    boolean pump(double untilS) throws org.plmmonitor.analysis.io.InputException {
        if (!ended) {
            ended = !feed.pump(untilS);
        }
        return !ended;
    }

    /** @return true once a virtual source delivered its last sample */
    boolean ended() {
        return ended;
    }

    /** @return true when the source passed the open night's end (or ended): the night may close for it */
    boolean doneWithNight() {
        return ended || pastEnd;
    }

    /** The source's latest sample lies past the open night's end. */
    void pastEnd() {
        pastEnd = true;
    }

    /** A night closed: the next night's end is still ahead. */
    void nightClosed() {
        pastEnd = false;
    }

    /** @return samples received since start */
    long samples() {
        return samples;
    }

    /** @return gaps the source reported since start */
    long gaps() {
        return gapCount;
    }

    /** @return the latest sample's line time, s, or NaN before the first */
    double lastS() {
        return lastS;
    }

    /** @return the line time just after the latest sample (its end), s, or NaN before the first */
    double lastEndS() {
        return Double.isNaN(lastS) ? Double.NaN : lastS + 1.0 / feed.rateHz();
    }
}
