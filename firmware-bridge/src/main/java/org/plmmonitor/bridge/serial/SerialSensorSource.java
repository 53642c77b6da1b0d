package org.plmmonitor.bridge.serial;

import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.Message.SampleBatch;
import org.plmmonitor.bridge.protocol.Message.SensorInfo;
import org.plmmonitor.bridge.protocol.Message.SensorLeg;
import org.plmmonitor.bridge.protocol.Protocol;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns SAMPLE_BATCH messages into samples for each leg's {@link SampleSink}s, one {@link SampleBlock}
 * per batch (its arrays are this source's and are refilled by the next batch). Time is the device's:
 * sample counter / rate, so that samples keep their exact spacing whatever the link's latency
 * (Bluetooth delivers in bursts), and a loss shows in the stamps as a longer step. A counter that skips
 * ahead is also a {@link SampleGap} for the gap listeners (told after the samples before it reached the
 * sinks); repeated or older samples are dropped; a counter that falls far back means the device
 * restarted, and its new samples are placed after the old ones by the host's monotonic clock, on one
 * time base for all the board's sensors (a leg whose first frames after the restart were lost still lines
 * up with the other by counter). The rate of
 * each leg is the board's own ({@link #rateHz(Leg)}: from IDENTIFY, or from the batches, which carry it
 * too). Register it on a {@link DeviceSession}; all calls come on the session's reader thread.
 */
public final class SerialSensorSource implements SessionListener {
    private final Map<Leg, List<SampleSink>> sinks = new EnumMap<>(Leg.class);
    /** Each leg's rate as the board last announced it (IDENTIFY or SAMPLE_BATCH), Hz. */
    private final Map<Leg, Double> rates = new java.util.concurrent.ConcurrentHashMap<>();
    private final SampleBlock block = SampleBlock.withCapacity(Protocol.MAX_SAMPLES_PER_BATCH);
    private int pending;
    private final List<Consumer<SampleGap>> gapListeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, Leg> legBySensor = new HashMap<>();
    private final Map<Integer, Leg> configuredLegs = new HashMap<>();
    private final Map<Integer, Track> tracks = new HashMap<>();
    /**
     * Line time of counter 0 of the device's present run, s: 0 until it restarts. One for the whole board,
     * because one board restarts all its sensors at once, and each sensor's counter counts from that
     * moment: so a leg whose first frames after the restart were lost still lands beside the other leg.
     */
    private double epochT;
    /** Sensors that have not delivered since another sensor of the board showed the restart. */
    private final Set<Integer> awaitingRestart = new HashSet<>();
    private final LongSupplier nanoClock;
    private volatile long samples;
    private volatile long duplicates;

    /** Uses {@link System#nanoTime()} for placing samples after a device restart. */
    public SerialSensorSource() {
        this(System::nanoTime);
    }

    /** @param nanoClock monotonic ns, consulted only when the device restarts */
    public SerialSensorSource(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        for (Leg leg : Leg.values()) {
            sinks.put(leg, new CopyOnWriteArrayList<>());
        }
    }

    /**
     * Overrides where a sensor is worn (otherwise IDENTIFY says, else sensor 0 is left, others right).
     *
     * @param sensorId device sensor id, 0..255
     * @param leg      {@link Leg#LEFT} or {@link Leg#RIGHT}
     * @return this
     */
    public synchronized SerialSensorSource mapSensor(int sensorId, Leg leg) {
        configuredLegs.put(sensorId, leg);
        return this;
    }

    /**
     * @param leg  which leg's samples
     * @param sink receives them; add before the session starts
     * @return this
     */
    public SerialSensorSource addSink(Leg leg, SampleSink sink) {
        sinks.get(leg).add(sink);
        return this;
    }

    /**
     * @param listener told of every gap (after the sinks' {@code gap} call)
     * @return this
     */
    public SerialSensorSource addGapListener(Consumer<SampleGap> listener) {
        gapListeners.add(listener);
        return this;
    }

    /**
     * The rate the board announced for the sensor on a leg, from its IDENTIFY (the handshake) or, before
     * that, its sample batches; safe to call from any thread.
     *
     * @param leg {@link Leg#LEFT} or {@link Leg#RIGHT}
     * @return the rate in Hz (0.01 Hz resolution), empty until the board has said it
     */
    public OptionalDouble rateHz(Leg leg) {
        Double r = rates.get(leg);
        return r == null ? OptionalDouble.empty() : OptionalDouble.of(r);
    }

    /** @return samples delivered to sinks so far (all legs) */
    public long samplesDelivered() {
        return samples;
    }

    /** @return samples dropped as repeats of ones already delivered */
    public long duplicatesDropped() {
        return duplicates;
    }

    @Override
    public synchronized void onMessage(Message message) {
        if (message instanceof Identify id) {
            for (SensorInfo s : id.sensors()) {
                if (s.leg() != SensorLeg.UNKNOWN) {
                    legBySensor.put(s.sensorId(), s.leg() == SensorLeg.LEFT ? Leg.LEFT : Leg.RIGHT);
                }
            }
            for (SensorInfo s : id.sensors()) {
                rates.put(legOf(s.sensorId()), s.rateHz());
            }
        } else if (message instanceof SampleBatch b) {
            accept(b);
        }
    }

    private Leg legOf(int sensorId) {
        Leg l = configuredLegs.get(sensorId);
        if (l == null) {
            l = legBySensor.get(sensorId);
        }
        return l != null ? l : sensorId == 0 ? Leg.LEFT : Leg.RIGHT;
    }

    private void accept(SampleBatch b) {
        Leg leg = legOf(b.sensorId());
        Track t = tracks.computeIfAbsent(b.sensorId(), k -> new Track());
        double rate = b.rateCentiHz() / 100.0;
        rates.put(leg, rate);
        List<SampleSink> out = sinks.get(leg);
        for (int i = 0; i < b.count(); i++) {
            long raw = (b.firstCounter() + i) & 0xFFFF_FFFFL;
            if (!t.started) {
                t.start(raw, epochT + raw / rate, rate);
            } else {
                long c = t.unwrap(raw);
                boolean restarted = awaitingRestart.remove(b.sensorId());
                if (!restarted && c <= t.last && t.last - c > RESTART_BACK) {
                    // The device restarted: its counters began again, for every sensor of the board.
                    restarted = true;
                    newEpoch(b.sensorId(), raw, rate);
                }
                if (restarted) {
                    double from = t.lastT;
                    long lastC = t.lastRaw;
                    t.start(raw, epochT + raw / rate, rate);
                    reportGap(out, new SampleGap(leg, b.sensorId(), lastC, raw, -1, from, t.lastT));
                    deliver(out, t, b, i);
                    continue;
                }
                if (c <= t.last) {
                    duplicates++;
                    continue;
                }
                if (rate != t.rate) {
                    t.rebase(rate);
                }
                double tS = t.time(c);
                if (c > t.last + 1) {
                    reportGap(out, new SampleGap(leg, b.sensorId(), t.lastRaw, raw, c - t.last - 1, t.lastT, tS));
                }
                t.advance(c, raw, tS);
            }
            deliver(out, t, b, i);
        }
        handOver(out);
        t.lastNanos = nanoClock.getAsLong();
    }

    /**
     * Places the restarted device's counter 0 after every sample of the old run: where the host's clock
     * says the device restarted (now less the counter's seconds), but never before the last old sample (a
     * device running faster than real time, a simulator, counts more seconds than passed). Every other
     * sensor of the board continues on this epoch with its next sample, whatever its counter.
     *
     * @param sensorId the sensor that showed the restart
     * @param raw      its first counter after the restart
     * @param rate     its rate, Hz
     */
    private void newEpoch(int sensorId, long raw, double rate) {
        double from = Double.NEGATIVE_INFINITY;
        long lastNanos = Long.MIN_VALUE;
        for (Track o : tracks.values()) {
            from = Math.max(from, o.lastT);
            lastNanos = Math.max(lastNanos, o.lastNanos);
        }
        double elapsed = (nanoClock.getAsLong() - lastNanos) / 1e9;
        epochT = from + Math.max(1 / rate, elapsed - raw / rate);
        awaitingRestart.addAll(tracks.keySet());
        awaitingRestart.remove(sensorId);
    }

    private void deliver(List<SampleSink> out, Track t, SampleBatch b, int i) {
        block.tS()[pending] = t.lastT;
        block.xG()[pending] = b.g(i, 0);
        block.yG()[pending] = b.g(i, 1);
        block.zG()[pending] = b.g(i, 2);
        pending++;
        samples++;
    }

    /** Hands the samples of the batch so far to the leg's sinks. */
    private void handOver(List<SampleSink> out) {
        if (pending > 0) {
            SampleBlock b = block.withCount(pending);
            pending = 0;
            for (SampleSink s : out) {
                s.accept(b);
            }
        }
    }

    private void reportGap(List<SampleSink> out, SampleGap gap) {
        handOver(out);
        for (Consumer<SampleGap> l : new ArrayList<>(gapListeners)) {
            l.accept(gap);
        }
    }

    /** Counter jumps back further than this (in samples) are restarts, not reordering. */
    private static final long RESTART_BACK = 1000;

    /** Per-sensor time base: t(c) = baseT + (c - baseCounter) / rate, c the unwrapped counter. */
    private static final class Track {
        boolean started;
        long baseCounter;
        double baseT;
        double rate;
        long last;
        long lastRaw;
        double lastT;
        long lastNanos;

        void start(long raw, double t0, double r) {
            started = true;
            baseCounter = raw;
            baseT = t0;
            rate = r;
            last = raw;
            lastRaw = raw;
            lastT = t0;
        }

        long unwrap(long raw) {
            // Choose the 64-bit counter nearest to the last one: the 32-bit counter wraps.
            long hi = last & ~0xFFFF_FFFFL;
            long c = hi | raw;
            if (c - last > 0x8000_0000L) {
                c -= 0x1_0000_0000L;
            } else if (last - c > 0x8000_0000L) {
                c += 0x1_0000_0000L;
            }
            return c;
        }

        void rebase(double newRate) {
            baseCounter = last;
            baseT = lastT;
            rate = newRate;
        }

        double time(long c) {
            return baseT + (c - baseCounter) / rate;
        }

        void advance(long c, long raw, double t) {
            last = c;
            lastRaw = raw;
            lastT = t;
        }
    }
}
