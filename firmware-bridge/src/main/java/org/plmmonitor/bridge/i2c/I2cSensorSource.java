package org.plmmonitor.bridge.i2c;

import org.plmmonitor.analysis.signal.SampleBlock;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.plmmonitor.bridge.time.SampleClock;

/**
 * Reads one accelerometer's FIFO and hands its samples, in g and stamped on the monotonic line, to a
 * {@link SampleSink}, one {@link SampleBlock} per poll that delivered any (the block's arrays are this
 * source's and are refilled at the next poll); detects the faults real buses produce and recovers from them.
 *
 * <p>Drive it by calling {@link #poll()} at a fixed period from one thread (the one thread may poll both
 * ankles' sources in turn). A poll costs one status read while the FIFO is below the watermark; at or
 * above it the FIFO is drained. Poll at least twice per watermark period (e.g. every 50 ms): the FIFO then
 * absorbs a pause of the poller of up to 32 sample periods minus the watermark without loss.
 *
 * <p>Faults and what follows each:
 * <ul>
 *   <li>a bus transfer fails ({@link FaultKind#IO_ERROR}), the identity register changes
 *   ({@link FaultKind#WRONG_ID}), samples are bit-identical ({@link FaultKind#FROZEN_DATA}) or all zero
 *   ({@link FaultKind#ZERO_DATA}) for {@link I2cSensorConfig#frozenSamples()} samples, or none arrive for
 *   the stall timeout ({@link FaultKind#STALLED}): the stream stops, the part is re-identified and
 *   re-configured on the next poll, then with a backoff that doubles while attempts fail;</li>
 *   <li>the FIFO was found full: in stream mode samples were (or were about to be) overwritten, and no
 *   register says how many; this is an overflow: the batch is re-anchored to the host clock, the host
 *   measures the gap, and no re-initialisation is needed.</li>
 * </ul>
 * Each interruption is counted ({@link SensorHealth#gaps()}) and told to the gap listeners as exactly one
 * interval from the last delivered sample to the first sample after it, however many faults and attempts
 * it took; its length is the host clock's. The sink is not told: the stamps already show the interruption
 * (the detector finds gaps from them), and every sample before it has been handed over when the listeners
 * hear of it. Repeats of a sample are held back until a different sample proves the sensor alive (then they
 * are delivered; after a fault or overflow they fall inside the gap), so frozen data never reaches the
 * sink beyond the run's first sample, and all-zero data not at all.
 *
 * <p>Bus faults never escape {@link #poll()}; exceptions thrown by the sink do.
 */
public final class I2cSensorSource {
    private final I2cSensorConfig config;
    private final AccelerometerChip chip;
    private final SampleSink sink;
    private final List<Consumer<TimeInterval>> gapListeners = new CopyOnWriteArrayList<>();
    /** Samples emitted during the present poll, handed over at its end (or before a gap is told). */
    private SampleBlock out = SampleBlock.withCapacity(64);
    private int outCount;
    private final LongSupplier nanos;
    private final SampleClock clock;
    private final long stallNanos;
    private final long idCheckNanos;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;

    private SourceState state = SourceState.STARTING;
    private long nextAttemptNanos;
    private long backoffNanos;
    private boolean deliveredSinceInit;
    private long lastDataNanos;
    private long lastIdCheckNanos;
    private boolean clockContinuous;
    private boolean gapPending;
    private double lastEmittedS = Double.NaN;

    private boolean haveRun;
    private int runX;
    private int runY;
    private int runZ;
    private int runLength;
    private boolean runSuspect;
    /** The value a sensor last froze at: if it comes back after re-initialisation it is held, not delivered. */
    private boolean haveSuspect;
    private int suspectX;
    private int suspectY;
    private int suspectZ;
    private final double[] heldT;
    private int held;

    private long samples;
    private long gaps;
    private long overflows;
    private long faults;
    private long initialisations;
    private long failedInits;
    private FaultKind lastFault;
    private String lastError = "";
    private volatile SensorHealth health;

    /**
     * @param config the sensor's validated settings
     * @param bus    the bus it is wired to; the source opens its address but does not own the bus
     * @param sink   receives samples in g, a block per poll, on the polling thread
     * @param nanos  monotonic host clock in ns ({@code System::nanoTime}); share one among all sensors
     * @throws I2cException when the bus cannot open the address
     */
    public I2cSensorSource(I2cSensorConfig config, I2cBus bus, SampleSink sink, LongSupplier nanos)
            throws I2cException {
        this(config, config.part().driver(bus.device(config.address())), sink, nanos);
    }

    /**
     * @param config the sensor's validated settings
     * @param chip   the driver, matching {@code config.part()}
     * @param sink   receives samples in g, a block per poll, on the polling thread
     * @param nanos  monotonic host clock in ns ({@code System::nanoTime}); share one among all sensors
     */
    public I2cSensorSource(I2cSensorConfig config, AccelerometerChip chip, SampleSink sink, LongSupplier nanos) {
        if (chip.part() != config.part()) {
            throw new IllegalArgumentException(config.name() + ": driver for " + chip.part()
                    + " does not match configured part " + config.part());
        }
        this.config = config;
        this.chip = chip;
        this.sink = sink;
        this.nanos = nanos;
        this.clock = SampleClock.builder(config.rateHz(), nanos).maxSlewPpm(config.maxSlewPpm()).build();
        this.stallNanos = (long) (config.stallTimeoutS() * 1e9);
        this.idCheckNanos = (long) (config.idCheckPeriodS() * 1e9);
        this.initialBackoffNanos = (long) (config.initialBackoffS() * 1e9);
        this.maxBackoffNanos = (long) (config.maxBackoffS() * 1e9);
        this.backoffNanos = initialBackoffNanos;
        this.heldT = new double[config.frozenSamples()];
        this.nextAttemptNanos = nanos.getAsLong();
        publish();
    }

    /**
     * @param listener told of each interruption (from the last sample before it to the first after it, s),
     *                 on the polling thread, after the samples before it reached the sink
     * @return this
     */
    public I2cSensorSource addGapListener(Consumer<TimeInterval> listener) {
        gapListeners.add(listener);
        return this;
    }

    /** @return the settings this source was built with */
    public I2cSensorConfig config() {
        return config;
    }

    /** @return the latest health snapshot; safe to call from any thread */
    public SensorHealth health() {
        return health;
    }

    /**
     * One step: (re-)initialise if due, otherwise check identity if due, read the FIFO level and drain the
     * FIFO when at or above the watermark. Never blocks beyond the bus transfers; never throws for bus faults.
     */
    public void poll() {
        try {
            step();
        } finally {
            handOver();
        }
    }

    private void step() {
        long now = nanos.getAsLong();
        if (state != SourceState.RUNNING) {
            if (now - nextAttemptNanos >= 0) {
                initialise(now);
            }
            publish();
            return;
        }
        try {
            if (now - lastIdCheckNanos >= idCheckNanos) {
                lastIdCheckNanos = now;
                int id = chip.readId();
                if (id != config.part().expectedId()) {
                    fault(FaultKind.WRONG_ID, idMessage(id), now);
                    publish();
                    return;
                }
            }
            FifoLevel level = chip.readFifoLevel();
            if (level.samples() < config.watermark() && !level.full()) {
                if (now - lastDataNanos > stallNanos) {
                    fault(FaultKind.STALLED, String.format("%s: no new sample for %.1f s (FIFO holds %d)",
                            config.name(), (now - lastDataNanos) / 1e9, level.samples()), now);
                }
            } else if (level.samples() > 0) {
                deliver(chip.readFifo(level.samples()), level.full(), now);
            }
        } catch (I2cException e) {
            fault(FaultKind.IO_ERROR, config.name() + ": " + e.getMessage(), now);
        }
        publish();
    }

    private void initialise(long now) {
        try {
            int id = chip.readId();
            if (id != config.part().expectedId()) {
                throw new I2cException(idMessage(id));
            }
            chip.configure(config.rateHz(), config.rangeG(), config.watermark());
        } catch (I2cException e) {
            failedInits++;
            lastError = config.name() + ": initialisation failed: " + e.getMessage();
            nextAttemptNanos = now + backoffNanos;
            backoffNanos = Math.min(maxBackoffNanos, 2 * backoffNanos);
            return;
        }
        initialisations++;
        state = SourceState.RUNNING;
        deliveredSinceInit = false;
        lastDataNanos = now;
        lastIdCheckNanos = now;
        clockContinuous = false;
        haveRun = false;
        runSuspect = false;
    }

    private void deliver(RawSamples raw, boolean fifoFull, long observedNanos) {
        int n = raw.size();
        if (fifoFull) {
            // A full FIFO overwrites its oldest sample at the next tick, and no register counts how many
            // went: an exactly full FIFO without loss lasts one sample period, so full is taken as loss.
            // The host clock then measures the gap (a host-side estimate of the count missed single
            // samples when the sensor clock ran fast).
            overflows++;
            dropHeld(); // repeats from before the loss stay unproven: the gap covers them
            clockContinuous = false;
            if (!Double.isNaN(lastEmittedS)) {
                gapPending = true;
            }
        }
        lastDataNanos = observedNanos;
        double[] t = clockContinuous ? clock.stamp(n, observedNanos) : clock.stampAfterGap(n, observedNanos);
        clockContinuous = true;
        double g = chip.gPerCount();
        for (int i = 0; i < n; i++) {
            int x = raw.x(i);
            int y = raw.y(i);
            int z = raw.z(i);
            if (haveRun && x == runX && y == runY && z == runZ) {
                runLength++;
                if (runLength >= config.frozenSamples()) {
                    boolean zero = x == 0 && y == 0 && z == 0;
                    haveSuspect = true;
                    suspectX = x;
                    suspectY = y;
                    suspectZ = z;
                    fault(zero ? FaultKind.ZERO_DATA : FaultKind.FROZEN_DATA,
                            String.format("%s: %d consecutive samples identical (%d, %d, %d counts)",
                                    config.name(), runLength, x, y, z), observedNanos);
                    return;
                }
                heldT[held++] = t[i];
            } else {
                endRun();
                boolean suspect = (x == 0 && y == 0 && z == 0) // impossible under gravity
                        || (haveSuspect && x == suspectX && y == suspectY && z == suspectZ); // froze before
                if (suspect) {
                    heldT[held++] = t[i]; // wait to see whether the value persists
                } else {
                    emit(t[i], x * g, y * g, z * g);
                }
                haveRun = true;
                runSuspect = suspect;
                runX = x;
                runY = y;
                runZ = z;
                runLength = 1;
            }
        }
    }

    /**
     * Ends the current run of identical samples: delivers what it held, unless it is all zeros or the
     * value the sensor froze at before, repeated (the tail of a freeze).
     */
    private void endRun() {
        if (runSuspect && (runLength > 1 || (runX == 0 && runY == 0 && runZ == 0))) {
            dropHeld();
        } else {
            flushHeld();
        }
        haveRun = false;
        runSuspect = false;
    }

    private void flushHeld() {
        double g = chip.gPerCount();
        for (int i = 0; i < held; i++) {
            emit(heldT[i], runX * g, runY * g, runZ * g);
        }
        held = 0;
    }

    private void dropHeld() {
        if (held > 0) {
            held = 0;
            if (!Double.isNaN(lastEmittedS)) {
                gapPending = true;
            }
        }
    }

    private void emit(double tS, double xG, double yG, double zG) {
        if (gapPending) {
            // Reported with the first sample that follows it, so its end is a real sample's time.
            gaps++;
            gapPending = false;
            handOver();
            TimeInterval gap = new TimeInterval(lastEmittedS, tS);
            for (Consumer<TimeInterval> l : gapListeners) {
                l.accept(gap);
            }
        }
        if (outCount == out.capacity()) {
            SampleBlock bigger = SampleBlock.withCapacity(2 * outCount);
            System.arraycopy(out.tS(), 0, bigger.tS(), 0, outCount);
            System.arraycopy(out.xG(), 0, bigger.xG(), 0, outCount);
            System.arraycopy(out.yG(), 0, bigger.yG(), 0, outCount);
            System.arraycopy(out.zG(), 0, bigger.zG(), 0, outCount);
            out = bigger;
        }
        out.tS()[outCount] = tS;
        out.xG()[outCount] = xG;
        out.yG()[outCount] = yG;
        out.zG()[outCount] = zG;
        outCount++;
        lastEmittedS = tS;
        samples++;
        deliveredSinceInit = true;
        backoffNanos = initialBackoffNanos;
    }

    /** Hands the samples emitted so far to the sink. */
    private void handOver() {
        if (outCount > 0) {
            int n = outCount;
            outCount = 0;
            sink.accept(out.withCount(n));
        }
    }

    private void fault(FaultKind kind, String message, long now) {
        // Held repeats are delivered only once a different sample proves the sensor alive; a fault
        // means that proof never came, so the gap covers them.
        held = 0;
        haveRun = false;
        runSuspect = false;
        faults++;
        lastFault = kind;
        lastError = message;
        if (!Double.isNaN(lastEmittedS)) {
            gapPending = true;
        }
        state = SourceState.RECOVERING;
        if (deliveredSinceInit) {
            nextAttemptNanos = now; // a sensor that worked gets an immediate second chance
        } else {
            nextAttemptNanos = now + backoffNanos;
            backoffNanos = Math.min(maxBackoffNanos, 2 * backoffNanos);
        }
    }

    private String idMessage(int id) {
        return String.format("%s: identity register 0x%02X of %s at 0x%02X reads 0x%02X, expected 0x%02X",
                config.name(), config.part().idRegister(), config.part(), config.address(), id,
                config.part().expectedId());
    }

    private void publish() {
        health = new SensorHealth(config.name(), config.part(), config.address(), state, samples, gaps, overflows,
                faults, Math.max(0, initialisations - 1), failedInits, lastFault, lastError, lastEmittedS,
                clock.rateError(), clock.offsetS());
    }
}
