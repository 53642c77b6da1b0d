package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Where the sources' monotonic line meets UTC. Nothing passes it without a UTC time: samples, and the cuff's
 * events, wait here (bounded; the oldest go) until the line is anchored, and are then released in order.
 *
 * <p>Live runs (a sensor on a device, or a cuff alone): the line is the injected monotonic clock, anchored by
 * a {@link WallClockMapper} only once the injected predicate trusts the wall clock (a Raspberry Pi boots with
 * a stale date); {@link #observe} compares the two at every step and follows jumps. Virtual runs (simulator,
 * replay): the line is the recording's own, anchored with its first sample at the start of the night it
 * replays ({@link #virtualFrom}); a cuff, which runs in real time beside it, takes the wall clock's time.
 *
 * <p>Samples also wait until every source has said its rate ({@code described}): a serial board says it in
 * its handshake, and no night may start with a rate guessed meanwhile. While any sample is held, later ones
 * queue behind it, so every leg's samples leave in the order they came.
 *
 * <p>Not thread-safe: the daemon's processing thread only.
 */
final class ClockGate {
    private static final System.Logger LOG = System.getLogger(ClockGate.class.getName());
    /** Cuff events kept while the wall clock is not yet trusted (live runs); older ones are dropped. */
    static final int MAX_HELD_CUFF_ITEMS = 1000;

    /** Where anchored samples go. */
    @FunctionalInterface
    interface Out {
        /**
         * @param leg the sample's leg
         * @param t   its line time, s (the gate's mapping gives it a UTC time)
         * @param x   acceleration, g
         * @param y   acceleration, g
         * @param z   acceleration, g
         */
        void deliver(Leg leg, double t, double x, double y, double z);
    }

    /**
     * A sample held back until the line has UTC.
     *
     * @param leg its leg
     * @param t   line time, s
     * @param x   acceleration, g
     * @param y   acceleration, g
     * @param z   acceleration, g
     */
    record HeldSample(Leg leg, double t, double x, double y, double z) {
    }

    /**
     * A cuff event released with its time.
     *
     * @param utcMs when it happened, UTC epoch ms
     * @param item  the event (or stop VENT)
     */
    record StampedCuffItem(long utcMs, CuffMonitor.Item item) {
    }

    private final WallClockMapper mapper = new WallClockMapper();
    private final Clock wall;
    private final Predicate<Instant> trusted;
    private final int maxHeld;
    private final Out out;
    private final BooleanSupplier described;
    private final ArrayDeque<HeldSample> held = new ArrayDeque<>();
    private final ArrayDeque<CuffMonitor.Item> heldCuff = new ArrayDeque<>();
    private long dropped;
    /** The UTC time of a virtual line's first sample; null on a live run. */
    private Instant virtualStart;

    /**
     * @param wall           the wall clock, possibly wrong until {@code trusted} says otherwise
     * @param trusted        whether a wall-clock reading may be believed
     * @param maxHeldSamples samples held at most before the oldest go (1 or more)
     * @param out            where samples go once they have a UTC time
     */
    ClockGate(Clock wall, Predicate<Instant> trusted, int maxHeldSamples, Out out) {
        this(wall, trusted, maxHeldSamples, out, () -> true);
    }

    /**
     * @param wall           the wall clock, possibly wrong until {@code trusted} says otherwise
     * @param trusted        whether a wall-clock reading may be believed
     * @param maxHeldSamples samples held at most before the oldest go (1 or more)
     * @param out            where samples go once they have a UTC time
     * @param described      true once every source has said its rate: samples wait until then too
     */
    ClockGate(Clock wall, Predicate<Instant> trusted, int maxHeldSamples, Out out, BooleanSupplier described) {
        if (maxHeldSamples < 1) {
            throw new IllegalArgumentException("max held samples " + maxHeldSamples + " is below 1");
        }
        this.wall = Objects.requireNonNull(wall, "wall");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.maxHeld = maxHeldSamples;
        this.out = Objects.requireNonNull(out, "out");
        this.described = Objects.requireNonNull(described, "described");
    }

    /** @param start the UTC time of the virtual line's first sample: the run is virtual (simulator, replay) */
    void virtualFrom(Instant start) {
        this.virtualStart = Objects.requireNonNull(start, "start");
    }

    /** @return true on a virtual run */
    boolean virtual() {
        return virtualStart != null;
    }

    /**
     * A sample from a source: passed on when the line has UTC, every source has said its rate and nothing is
     * held before it; else held (a virtual line anchors at its first sample).
     */
    void accept(Leg leg, double t, double x, double y, double z) {
        if (virtualStart != null && !mapper.anchored()) {
            mapper.observe(t, virtualStart, true);
        }
        if (!held.isEmpty() || !mapper.anchored() || !described.getAsBoolean()) {
            if (held.size() >= maxHeld) {
                held.poll();
                dropped++;
            }
            held.add(new HeldSample(leg, t, x, y, z));
            return;
        }
        out.deliver(leg, t, x, y, z);
    }

    /**
     * Live runs: compares the wall clock with the line now; on the first trusted reading releases the held
     * samples, in order.
     *
     * @param lineS the monotonic line now, s
     * @return what changed ({@link WallClockMapper.Change#JUMPED}: by {@link #lastShiftS()})
     */
    WallClockMapper.Change observe(double lineS) {
        Instant w = wall.instant();
        WallClockMapper.Change c = mapper.observe(lineS, w, trusted.test(w));
        if (c == WallClockMapper.Change.SYNCED) {
            LOG.log(System.Logger.Level.INFO, "wall clock synced at " + w + "; " + held.size() + " samples held");
            release();
        }
        return c;
    }

    /** Releases the held samples, in order, once the line has UTC and every source has said its rate. */
    void release() {
        if (held.isEmpty() || !mapper.anchored() || !described.getAsBoolean()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "releasing " + held.size() + " held samples");
        while (!held.isEmpty()) {
            HeldSample h = held.poll();
            out.deliver(h.leg(), h.t(), h.x(), h.y(), h.z());
        }
    }

    /** @return true when samples pass straight through: the line has UTC and nothing is held */
    boolean passing() {
        return mapper.anchored() && held.isEmpty();
    }

    /** @return true once the line has UTC */
    boolean anchored() {
        return mapper.anchored();
    }

    /** @return the line-to-UTC mapping, for what stamps the night's records */
    WallClockMapper mapper() {
        return mapper;
    }

    /** @param lineS a line time, s @return its UTC time, epoch ms (only once {@link #anchored()}) */
    long toUtcMs(double lineS) {
        return mapper.toUtcMs(lineS);
    }

    /** @return the last jump's size, s */
    double lastShiftS() {
        return mapper.lastShiftS();
    }

    /** @return wall-clock jumps followed since start */
    int reanchors() {
        return mapper.reanchors();
    }

    /** @return samples held now */
    int heldSamples() {
        return held.size();
    }

    /** @return held samples dropped because the hold was full */
    long droppedSamples() {
        return dropped;
    }

    /** Holds cuff events until {@link #releaseCuff()} can give them a time (the oldest go past the bound). */
    void holdCuff(List<? extends CuffMonitor.Item> items) {
        for (CuffMonitor.Item i : items) {
            if (heldCuff.size() >= MAX_HELD_CUFF_ITEMS) {
                heldCuff.poll();
            }
            heldCuff.add(i);
        }
    }

    /**
     * @return the held cuff events that now have a UTC time, oldest first: on a virtual run their wall time
     *         (the cuff runs in real time beside a recording's line), on a live run the line's mapping of
     *         their monotonic stamp (as the samples'); none while a live line has no UTC
     */
    List<StampedCuffItem> releaseCuff() {
        List<StampedCuffItem> out = new ArrayList<>();
        if (virtualStart == null && !mapper.anchored()) {
            return out;
        }
        while (!heldCuff.isEmpty()) {
            CuffMonitor.Item i = heldCuff.poll();
            out.add(new StampedCuffItem(virtualStart != null ? i.wall().toEpochMilli() : mapper.toUtcMs(i.nanos() / 1e9), i));
        }
        return out;
    }

    /** @return the cuff events still held, which are dropped now (the run ends with no trusted clock) */
    int dropHeldCuff() {
        int n = heldCuff.size();
        heldCuff.clear();
        return n;
    }
}
