package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.AccelerationSink;

/**
 * One leg's entry point, the sink its feed hands blocks to: counts what its source delivers and passes the
 * samples to the {@link ClockGate}. Its rate is the one its source's descriptor says, never guessed. Not
 * thread-safe: the daemon's processing thread only.
 */
final class Route implements AccelerationSink {
    private final Leg leg;
    private final ClockGate gate;
    private SampleFeed feed;
    private boolean ended;
    private boolean pastEnd;
    private long samples;
    private double lastS = Double.NaN;

    /**
     * @param leg  the leg
     * @param gate where its samples go
     */
    Route(Leg leg, ClockGate gate) {
        this.leg = leg;
        this.gate = gate;
    }

    @Override
    public void accept(double t, double x, double y, double z) {
        samples++;
        lastS = t;
        gate.accept(leg, t, x, y, z);
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

    /** @return true once the leg's source has said what it is, its rate included */
    boolean described() {
        return feed != null && feed.descriptor().isPresent();
    }

    /**
     * @return the rate the leg's source said it has, Hz
     * @throws IllegalStateException before it has said it (no sample of the leg reaches a night before)
     */
    double rateHz() {
        return feed.descriptor().orElseThrow(() -> new IllegalStateException(
                "the " + leg.jsonName() + " source has not said its rate yet")).rateHz();
    }

    /** @return the latest sample's line time, s, or NaN before the first */
    double lastS() {
        return lastS;
    }

    /** @return the line time just after the latest sample (its end), s, or NaN before the first */
    double lastEndS() {
        return Double.isNaN(lastS) ? Double.NaN : lastS + 1.0 / rateHz();
    }
}
