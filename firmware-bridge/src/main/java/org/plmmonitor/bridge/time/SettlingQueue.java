package org.plmmonitor.bridge.time;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a device sent, waiting for its {@link DeviceClock}: nothing is released until the clock's line has started
 * ({@link DeviceClock#settled()}, about {@value DeviceClock#SETTLE_S} s of device time after the first sample),
 * then everything in arrival order. Before then {@link DeviceClock#map} is undefined, and stamping a backlog read
 * in one burst at its arrival would put the night ahead of the wall clock; every consumer of a device clock
 * (a serial board's legs, a cuff controller's pressure) holds its samples here, so that rule lives in one place.
 *
 * <p>The queue also hands items from a reader thread to a consumer on another thread. It is bounded: beyond
 * {@code capacity} the oldest items go first and are counted ({@link #dropped()}), so a consumer that stalls
 * costs the oldest data, never the memory. Thread-safe: {@link #drainTo} runs the consumer under the queue's
 * lock, so the consumer must not add to the same queue.
 *
 * @param <T> what is held: a sample block, a telemetry frame; it must not change after it is added
 */
public final class SettlingQueue<T> {
    private final DeviceClock clock;
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private long dropped;

    /**
     * @param clock    the device's clock, observed by the caller for every sample before its item is added
     * @param capacity items kept at most, 1 or more ({@link Integer#MAX_VALUE} where the consumer drains on the
     *                 adding thread and only the clock's settling bounds what waits)
     */
    public SettlingQueue(DeviceClock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is under 1");
        }
        this.capacity = capacity;
    }

    /** @param item an item whose samples the clock has observed; the oldest is dropped when the queue is full */
    public synchronized void add(T item) {
        if (items.size() >= capacity) {
            items.poll();
            dropped++;
        }
        items.add(Objects.requireNonNull(item, "item"));
    }

    /**
     * Hands every waiting item, oldest first, to {@code to}, once the clock has settled.
     *
     * @param to receives each item; {@link DeviceClock#map} is defined while it runs
     * @return how many were handed over (0 while the clock has not settled: they wait)
     */
    public synchronized int drainTo(Consumer<? super T> to) {
        if (!clock.settled()) {
            return 0;
        }
        int n = 0;
        for (T item; (item = items.poll()) != null; n++) {
            to.accept(item);
        }
        return n;
    }

    /** @return items waiting */
    public synchronized int size() {
        return items.size();
    }

    /** @return items dropped, oldest first, because the queue was full */
    public synchronized long dropped() {
        return dropped;
    }
}
