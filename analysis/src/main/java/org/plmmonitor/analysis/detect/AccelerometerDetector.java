package org.plmmonitor.analysis.detect;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Streaming leg-movement detector for one ankle accelerometer. Samples in, movements and epochs out,
 * memory bounded by a 64-second window whatever the night's length. The same object serves
 * {@code plm analyze} and the daemon.
 *
 * <p>Stages, per sample: gap check (a step longer than 3.5 periods restarts every filter and drops
 * any open movement: nothing is invented across a gap); a 3-sample median per axis (single-sample
 * spikes); two Butterworth low-passes per axis, the slow orientation (1 Hz: where gravity points) and
 * the fast orientation (4 Hz: what a limb does, without mattress ringing or sensor noise); the
 * vibration envelope (the magnitude of fast less slow, smoothed); the {@link MotionGate} (stepped on
 * every k-th sample only, at about {@link #GATE_RATE_HZ}: all it reads is low-passed), which starts
 * a movement on the envelope or on the slow orientation leaving its rest, and ends it where the limb
 * stops. A closed movement's onset and offset are placed on the raw samples (where the
 * orientation began to leave its rest and where it settled), then it is judged on its lasting turn
 * (posture change), its spectrum from JTransforms over the 0.5-8 Hz band-passed burst (vibration
 * above 3.5 Hz; a rhythm concentrated at one frequency = tremor or gait) and its duration. Every
 * second becomes an {@link Epoch}; wear is judged on 30-s blocks from the spectrum of the raw signal
 * (respiration and pulse micro-motion stand out of the noise when a leg wears the sensor), and
 * upright time from the gravity direction learnt while walking.
 */
public final class AccelerometerDetector implements AccelerationSink {
    private static final double RING_S = 64;
    private static final double BLOCK_S = 30;
    private static final int UNWORN_BLOCKS = 4;
    private static final double WEAR_RATIO = 20;
    /** Wear blocks are averaged down to about this rate, Hz: respiration, pulse and the noise reference all lie below 12 Hz. */
    private static final double WEAR_RATE_HZ = 25;
    private static final double UPRIGHT_DEG = 40;
    private static final double RELEASE_DELAY_S = 75;
    /** Walking shakes the shank by far more than a tremor does, g. */
    private static final double GAIT_MIN_G = 0.1;
    /** Getting up turns the shank from near horizontal toward vertical: at least this, deg. */
    private static final double GOT_UP_DEG = 30;
    /** No leg movement lasts this long; a longer burst is a gross body movement, s. */
    private static final double GROSS_S = 30;
    /** A movement has ended once its envelope stays below this share of its peak (band-pass tails aside). */
    private static final double OFFSET_FRACTION = 0.05;
    /** Deviation from rest that still counts as moving, as a multiple of the offset threshold (raw noise and respiration stay below). */
    private static final double REST_FACTOR = 1.2;
    /** Shortest stretch of signal a burst's spectrum is computed over, s. */
    private static final double MIN_SPECTRUM_S = 2.0;
    /** Mattress and bed-frame resonance above this is never a moving limb, Hz. */
    private static final double VIBRATION_MIN_HZ = 4.5;
    /** Between this and {@link #VIBRATION_MIN_HZ} a peak is ambiguous; flatness decides, Hz. */
    private static final double VIBRATION_EDGE_HZ = 3.4;
    private static final double VIBRATION_EDGE_FLATNESS = 0.05;
    /** Mattress vibration moves the leg's mean orientation by less than this, deg. */
    private static final double VIBRATION_MAX_TILT_DEG = 0.6;
    /**
     * Cut-off of the turn the vibration test reads, Hz: a shank turns out and back at a limb's pace
     * (a 0.5-1-s leg movement is a trajectory below about 1 Hz), while a mattress or bed frame rings at
     * its own resonance, 4-10 Hz; a 2nd-order low-pass here keeps the first and takes the ringing down
     * by (f / 1 Hz)^2, where a half-second mean leaves a ring 2.5 cycles long at an eighth of its size.
     */
    private static final double TURN_HZ = 1.0;
    /** An out-and-back turn ends (by the quiet time after the burst) at most this share of its peak away. */
    private static final double TURN_BACK_SHARE = 0.5;
    /** Where the limb lay before a burst is the raw mean from this long before its onset, s ... */
    private static final double BEFORE_FROM_S = 1.0;
    /** ... to this long before it, s (the placed onset may be a little late). */
    private static final double BEFORE_TO_S = 0.2;
    /**
     * A rhythm is a foot tremor or a gait only below this, Hz: they repeat at 0.3-4 Hz (docs/domain.md). A
     * line above it on a limb that turns is the physiological tremor (4-9 Hz) of a muscle holding the
     * leg during a slow movement, which the 0.5-Hz high-pass leaves as the strongest line once the slow
     * turn is taken out (accel-2.4 rejected such a wandering movement as rhythmic); mattress ringing
     * there is judged as vibration.
     */
    private static final double RHYTHM_MAX_HZ = 4.5;
    /** Cut-off of the fast orientation, Hz: what a limb does, without the mattress's ringing or the sensor's noise. */
    private static final double FAST_HZ = 4;
    /**
     * The gate steps at about this rate, Hz: everything it reads is low-passed at 4 Hz or below (the
     * orientations, the smoothed envelope), so stepping it on every k-th sample loses nothing it could
     * see, and its per-sample work, most of the detector's at 100 Hz, shrinks k-fold. A 25-Hz stream
     * steps it at every sample.
     */
    static final double GATE_RATE_HZ = 25;

    private final Leg leg;
    private final double rateHz;
    private final double period;
    private final DetectorConfig cfg;
    private final DetectionListener listener;
    private final double gapS;
    private final double envDelayS;

    private final Biquad.ThreeAxes grav;
    private final Biquad.ThreeAxes fast;
    /** Group delay of the orientation low-pass at low frequencies, s. */
    private final double gravDelayS;
    /** The median stage's two samples held back (the older one 1, the newer 2), per axis, g. */
    private double m1x;
    private double m1y;
    private double m1z;
    private double m2x;
    private double m2y;
    private double m2z;
    private double t1;
    private int sinceRestart;

    private final MovingAverage envelope;

    private final int cap;
    private final double[] ringT;
    private final float[][] ringRaw = new float[3][];
    /** Scratch for {@link #smoothMean(long, int)}: one vector, so a judged movement allocates nothing. */
    private final double[] smoothMean = new double[3];
    /** The {@link #TURN_HZ} low-pass, settled afresh for each burst the vibration test reads. */
    private final Biquad.ThreeAxes turnLowPass;
    private long written;
    private int ringPos;

    private final MotionGate gate;
    /**
     * The sensor's quantisation step, measured on the ring's samples in the first minutes of a night
     * ({@link #measureStep}): the gate's stillness tests cannot resolve less.
     */
    private final SensorStep sensorStep = new SensorStep();
    /** The next ring index (as {@link #written}) to feed {@link #sensorStep}. */
    private long stepFed;
    /** {@link #sensorStep} is fed one sample in every this many gate steps ({@link #measureStep}). */
    private static final int STEP_FEED_EVERY = 4;
    /** Samples in the raw mean the gate reads while a movement is open ({@link MotionGate#RAW_MEAN_S}, at least 1). */
    private final int rawMeanN;
    /** That mean, g (3 values, rewritten at each gate step while a movement is open). */
    private final double[] rawMean = new double[3];
    /** The gate is stepped on every {@code gateEvery}-th sample after a restart's warm-up (1 to 40). */
    private final int gateEvery;
    /** Samples still to pass before the gate's next step: 0 steps it at the next warm sample. */
    private int untilGate;
    private final PauseJoin join;
    /** A movement has just ended: restart the slow orientation at the fast one. */
    private boolean resettle;
    private final SpectralFeatures.Analyzer analyzer = new SpectralFeatures.Analyzer();
    private final float[][] scratch = new float[3][];

    private double firstT = Double.NaN;
    private double lastT = Double.NaN;
    private double warmUntil = Double.NEGATIVE_INFINITY;
    /** First sample after the last restart (start or gap), s: no filter reaches back past it. */
    private double restartS = Double.NEGATIVE_INFINITY;

    // Epochs (1 s) and wear blocks (30 s).
    private double epochStart = Double.NaN;
    private double epochSumSq;
    private double epochGx;
    private double epochGy;
    private double epochGz;
    private int epochN;
    private final ArrayDeque<PendingEpoch> pending = new ArrayDeque<>();
    private final Block block;
    private int unwornRun;
    private double[] uprightDir;
    private double runStart = Double.NaN;
    private double runEnd;
    /** Placed offset of the last leg movement on this leg, s (one limb makes one movement at a time). */
    private double lastMovementEndS = Double.NEGATIVE_INFINITY;
    /**
     * Where the gate found the limb stopped at the end of the last leg movement of this leg (the start
     * of its still time, on the channels' line), s; -inf before the first.
     */
    private double lastSpanOffsetS = Double.NEGATIVE_INFINITY;
    private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);

    /**
     * @param leg      the leg this sensor is on (LEFT or RIGHT)
     * @param rateHz   nominal sample rate, Hz, 10-1000 (stamps may drift from it by a few percent)
     * @param cfg      detector parameters ({@link DetectorConfig#DEFAULT})
     * @param listener receives movements, epochs, analysable stretches and gaps, on this thread
     */
    public AccelerometerDetector(Leg leg, double rateHz, DetectorConfig cfg, DetectionListener listener) {
        this(leg, rateHz, cfg, listener, gateEvery(rateHz));
    }

    /**
     * @param rateHz sample rate, Hz
     * @return on every how many samples the gate steps so that it runs at about {@link #GATE_RATE_HZ} (1 at 37 Hz and below)
     */
    static int gateEvery(double rateHz) {
        return Math.max(1, (int) Math.round(rateHz / GATE_RATE_HZ));
    }

    /**
     * As the public constructor, with the gate's step chosen (a seam for tests that compare a gate
     * stepped at every sample with the decimated one).
     *
     * @param gateEvery the gate steps on every this many samples, 1 to {@code rateHz / 10}
     */
    AccelerometerDetector(Leg leg, double rateHz, DetectorConfig cfg, DetectionListener listener, int gateEvery) {
        if (leg == Leg.BILATERAL) {
            throw new IllegalArgumentException("a sensor is on one leg: LEFT or RIGHT, not BILATERAL");
        }
        if (!(rateHz >= 10 && rateHz <= 1000)) {
            throw new IllegalArgumentException("sample rate " + rateHz + " Hz is outside [10, 1000]");
        }
        if (gateEvery < 1 || gateEvery > rateHz / 10) {
            throw new IllegalArgumentException("gate step of " + gateEvery + " samples at " + rateHz
                    + " Hz is outside [1, " + (int) (rateHz / 10) + "]: the gate needs at least 10 Hz");
        }
        this.leg = leg;
        this.rateHz = rateHz;
        this.gateEvery = gateEvery;
        this.period = 1 / rateHz;
        this.cfg = cfg;
        this.listener = listener;
        this.gapS = 3.5 * period;
        grav = Biquad.lowPass(Math.min(cfg.gravityHz(), 0.4 * rateHz), rateHz).onThreeAxes();
        fast = Biquad.lowPass(Math.min(FAST_HZ, 0.4 * rateHz), rateHz).onThreeAxes();
        turnLowPass = Biquad.lowPass(Math.min(TURN_HZ, 0.4 * rateHz), rateHz).onThreeAxes();
        gravDelayS = Math.sqrt(2) / (2 * Math.PI * Math.min(cfg.gravityHz(), 0.4 * rateHz));
        int w = Math.max(1, (int) Math.round(cfg.envelopeS() * rateHz));
        envelope = new MovingAverage(w);
        envDelayS = (w - 1) / 2.0 * period;
        cap = (int) Math.ceil(RING_S * rateHz);
        ringT = new double[cap];
        for (int j = 0; j < 3; j++) {
            ringRaw[j] = new float[cap];
            scratch[j] = new float[cap];
        }
        int decimation = Math.max(1, (int) Math.round(rateHz / WEAR_RATE_HZ));
        block = new Block((int) Math.ceil(BLOCK_S * rateHz * 1.1 / decimation) + 8, decimation);
        gate = new MotionGate(cfg, rateHz / gateEvery, this::closeSpan);
        rawMeanN = Math.max(1, (int) Math.round(MotionGate.RAW_MEAN_S * rateHz));
        join = new PauseJoin(new JoinSink(), cfg.tiltOnG());
    }

    /** @return how many bursts received each verdict so far (for diagnostics and tests) */
    public Map<Verdict, Integer> verdictCounts() {
        return Map.copyOf(verdicts);
    }

    @Override
    public void accept(double t, double x, double y, double z) {
        if (!(t > lastT) && !Double.isNaN(lastT)) {
            // Out-of-order or repeated stamp from a live source: drop the sample, never go back in time.
            return;
        }
        if (Double.isNaN(firstT)) {
            firstT = t;
        } else if (t - lastT > gapS) {
            breakSignal(lastT, t);
        }
        lastT = t;
        // The wear test sees raw samples: the median below colours noise (less power at high
        // frequencies), which would make a sensor on a table look like a breathing leg.
        block.add(x, y, z);
        // Median of three per axis, one sample late: a lone spike never reaches the filters.
        if (sinceRestart < 2) {
            shiftMedian(x, y, z);
            double tPrev = t1;
            t1 = t;
            if (++sinceRestart == 2) {
                fast.settle(m1x, m1y, m1z);
                grav.settle(m1x, m1y, m1z);
                restartS = tPrev;
                process(tPrev, m1x, m1y, m1z);
            }
            return;
        }
        double mx = median(m1x, m2x, x);
        double my = median(m1y, m2y, y);
        double mz = median(m1z, m2z, z);
        double tm = t1;
        shiftMedian(x, y, z);
        t1 = t;
        process(tm, mx, my, mz);
    }

    /** Moves the median's two held samples on by one, {@code (x, y, z)} the newest (g). */
    private void shiftMedian(double x, double y, double z) {
        m1x = m2x;
        m1y = m2y;
        m1z = m2z;
        m2x = x;
        m2y = y;
        m2z = z;
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private void process(double t, double x, double y, double z) {
        double fx = fast.x(x);
        double fy = fast.y(y);
        double fz = fast.z(z);
        double gx = grav.x(x);
        double gy = grav.y(y);
        double gz = grav.z(z);
        // The vibration channel is what the orientation channel leaves below 4 Hz (mattress
        // ringing above it is not a limb, and sensor noise is cut).
        double vx = fx - gx;
        double vy = fy - gy;
        double vz = fz - gz;
        double e = Math.sqrt(vx * vx + vy * vy + vz * vz);

        int p = ringPos;
        ringPos = p + 1 == cap ? 0 : p + 1;
        ringT[p] = t;
        ringRaw[0][p] = (float) x;
        ringRaw[1][p] = (float) y;
        ringRaw[2][p] = (float) z;
        written++;

        double env = envelope.add(e);
        if (t >= warmUntil && --untilGate < 0) {
            untilGate = gateEvery - 1;
            if (!Double.isNaN(gate.openOnset())) {
                // only while a movement is open: idle, the gate reads no raw sample and this costs nothing
                meanRawOver(written - Math.min(rawMeanN, written), written, rawMean);
            }
            gate.accept(t, env, fx, fy, fz, gx, gy, gz, rawMean);
            if (resettle) {
                // The limb has stopped: the slow orientation restarts from where it stopped
                // instead of creeping there through its low-pass (which would start a movement).
                resettle = false;
                grav.settle(fx, fy, fz);
            }
            join.expire(earliestOnset(t), Double.isNaN(gate.openOnset()) ? t : Double.NaN);
        }

        // This second's sums, in line: a call here, with closeEpoch's work compiled into it, cost every
        // sample a call and the spilling of every value live across it.
        if (Double.isNaN(epochStart) || t - epochStart >= 1.0) {
            nextEpoch(t);
        }
        epochSumSq += e * e;
        epochGx += x;
        epochGy += y;
        epochGz += z;
        epochN++;
    }

    /** Samples stopped between two times: restart everything that filters, account the gap. */
    private void breakSignal(double fromS, double toS) {
        if (sinceRestart >= 1) {
            // The one sample still held by the median stage is real data: let it through.
            process(t1, m2x, m2y, m2z);
        }
        gate.reset();
        join.flush();
        closeEpoch(fromS + period);
        closeBlock(true);
        flushPending(Double.POSITIVE_INFINITY);
        endRun();
        listener.onGap(leg, new TimeInterval(fromS, toS));
        sinceRestart = 0;
        envelope.reset();
        warmUntil = toS + 1.0;
        untilGate = 0;
    }

    /** The stream has ended: flush the sample held by the median stage, close the last epoch and block. */
    public void finish() {
        if (Double.isNaN(lastT)) {
            return;
        }
        if (sinceRestart >= 1) {
            process(t1, m2x, m2y, m2z);
        }
        join.flush();
        closeEpoch(lastT + period);
        closeBlock(true);
        flushPending(Double.POSITIVE_INFINITY);
        endRun();
        sinceRestart = 0;
    }

    /**
     * The earliest onset a movement not yet reported could have: movements come out in onset order
     * per leg, so everything before this is final for this leg. Lets a merger of two legs release
     * movements to the scorer in global onset order without waiting for the night to end.
     *
     * @return seconds on the source's line; negative infinity before the first sample
     */
    public double watermarkS() {
        if (written == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double next = earliestOnset(ringT[ringPos == 0 ? cap - 1 : ringPos - 1]);
        double held = join.heldOnsetS();
        return Double.isNaN(held) ? next : Math.min(held, next);
    }

    /**
     * @param lastProcessedS time of the last sample the gate saw, s
     * @return the earliest onset a movement the gate has not closed yet could be given, s
     */
    private double earliestOnset(double lastProcessedS) {
        double open = gate.openOnset();
        // refineOnset may move an onset back to 0.4 s (plus half its 0.1 s window) before the envelope's.
        return (Double.isNaN(open) ? lastProcessedS : open) - envDelayS - gravDelayS - period - REFINE_BACK_S;
    }

    /** @return time of the first sample seen, s, or NaN */
    public double firstSampleS() {
        return firstT;
    }

    /** @return time of the last sample seen, s, or NaN */
    public double lastSampleS() {
        return lastT;
    }

    // ------------------------------------------------------------------------------------------
    // Judging a closed burst.

    private void closeSpan(MotionGate.Span span) {
        resettle = true;
        double peak = span.peakG();
        double onset = refineOnset(span.onsetS() - envDelayS, peak, span.offThreshold(), span.restBefore());
        double tiltOnset = tiltOnset(span);
        if (!Double.isNaN(tiltOnset)) {
            onset = Math.min(onset, tiltOnset);
        }
        // Never before the watermark this movement was open under: movements leave in onset order,
        // and a live display waits no longer than that for one (see watermarkS).
        onset = Math.max(onset, span.onsetS() - envDelayS - gravDelayS - period - REFINE_BACK_S);
        // Nor before the last movement of this leg ended, unless the gate itself opened earlier: the
        // walk-backs measure the departure from a mean of the second or so before the gate opened,
        // which for the second movement of a pair (0.5-1.5 s after the first) holds the first's
        // return, so the limb looks "away" all through the rest and the onset lands in the first
        // movement's end. One limb makes one movement at a time: until the first had ended it had
        // not begun the next.
        onset = Math.max(onset, Math.min(lastMovementEndS, span.onsetS() - envDelayS));
        double offset = refineOffset(onset, span.offsetS() - envDelayS, peak, span.offThreshold());
        double tiltOffset = tiltOffset(span);
        if (!Double.isNaN(tiltOffset)) {
            offset = Math.max(offset, tiltOffset);
        }
        // A movement placed shorter than WASM's minimum whose limb was still turning after the gate's
        // stop ends where the limb stopped (see continuedStop). Only where the orientation was seen
        // leaving its rest at this burst's start (tiltOnset placed: a movement that starts here) and
        // the burst does not continue a held piece that stopped away (PauseJoin's pause part-way):
        // the tail of a movement already under way is not a movement of its own, and lengthening it
        // split long movements (tuning families: without the first condition 5 false detections more
        // on KINEMATIC_DENSE and 1 on KINEMATIC_SMALL, without the second 1 more on KINEMATIC_PAIRS,
        // a 4.9-s movement paused 2.4 s). Longer movements keep their offsets: lengthened there too,
        // the limb's drift in a held place (respiration, the next small movement) moved the offsets'
        // p90 from 0.28 to 0.82 s on KINEMATIC_TYPICAL.
        if (offset - onset < cfg.minDurationS() && !Double.isNaN(tiltOnset)
                && !join.continuesHeld(span.onsetS() - envDelayS, Math.max(peak, span.peakTiltG()))) {
            double stop = continuedStop(onset, offset);
            if (!Double.isNaN(stop)) {
                offset = Math.max(offset, stop);
            }
        }
        offset = Math.max(onset, offset);
        double dur = offset - onset;
        Verdict v = judge(onset, offset, dur, peak, span);
        verdicts.merge(v, 1, Integer::sum);
        block.active = true;
        if (v == Verdict.LEG_MOVEMENT) {
            lastMovementEndS = offset;
            // A piece may be continued by the next if it stopped away from its rest (a pause part-way)
            // or, long, passed its rest moving without resting there (a wandering movement).
            // Whether the limb rested between the last piece and this one, on the raw samples (PauseJoin
            // joins the two after a dip when it did not): looked for from half a second before the gate
            // found the last piece's limb still, since the raw samples settle before the 4-Hz
            // orientation does and a rough sensor restarts the gate's still time now and then, so the
            // limb may have lain still there earlier (without it, two true pairs on 3.9-mg sensors,
            // KINEMATIC_SMALL 110003 and KINEMATIC_ROUGH 240003, were joined).
            double stillBefore = longestStillS(lastSpanOffsetS - PauseJoin.MIN_REST_S, span.onsetS());
            lastSpanOffsetS = span.offsetS();
            join.offer(new LegMovement(onset, offset, leg, Math.max(peak, span.peakTiltG()), span.rmsG()),
                    distance(span.restBefore(), span.restAfter()) > cfg.tiltOnG() || span.passedRest(),
                    span.onsetS() - envDelayS, stillBefore, span.restBefore(), span.restAfter());
        } else {
            if (v == Verdict.RHYTHMIC) {
                join.rhythmFollows(onset, offset);
            }
            listener.onRejected(leg, new TimeInterval(onset, Math.max(onset, offset)), v.name());
        }
    }

    /** Longest walk back from the orientation's onset crossing to where it began to leave its rest, s. */
    private static final double TILT_WALK_S = 2.5;
    /** Furthest the onset or offset is extrapolated past the low threshold's crossing, s. */
    private static final double TILT_EXTRAPOLATE_S = 0.5;
    /**
     * Time a smooth stop takes, in units of the remaining departure over its rate where the stop is
     * found (accel-2.3: 3, the limit of a minimum-jerk stop's last instant). Where the walk finds a
     * stop, 0.1-0.3 of the return's duration before its end, the minimum-jerk profile gives 2.4-2.9.
     */
    private static final double STOP_EXTRAPOLATION = 2.5;
    /** Step over which the orientation's rate of departure is taken, s. */
    private static final double SLOPE_S = 0.1;
    /** Half-width of the centred mean that places onsets and offsets on the raw samples, s. */
    private static final double SMOOTH_HALF_S = 0.1;
    /** A departure must stand this many times above the resting wobble next to it to count. */
    private static final double WOBBLE_FACTOR = 1.3;
    /** The least departure that places an onset or offset, g (sensor noise in the centred mean stays below). */
    private static final double PLACE_MIN_G = 0.003;

    /**
     * Where the orientation began to leave the rest the movement left, on the raw samples (a centred
     * 0.2-s mean has none of the low-pass's delay): walking back from the onset crossing, the first
     * sample of the run above the resting wobble; then back by the time a limb starting from rest
     * takes to get there (a smooth start grows as the cube of time, so that time is three times the
     * departure over its rate). NaN when the orientation hardly moved.
     */
    private double tiltOnset(MotionGate.Span span) {
        double[] r = span.restBefore();
        long oldest = Math.max(0, written - cap);
        int h = Math.max(1, (int) Math.round(SMOOTH_HALF_S * rateHz));
        long w1 = Math.max(oldest + h, indexAtOrAfter(span.onsetS() - TILT_WALK_S));
        long w0 = Math.max(oldest + h, indexAtOrAfter(span.onsetS() - TILT_WALK_S - 1.0));
        double wobble = 0;
        for (long k = w0; k < w1; k++) {
            wobble = Math.max(wobble, smoothAcross(k, h, r));
        }
        double low = Math.max(PLACE_MIN_G, WOBBLE_FACTOR * wobble);
        long i = Math.min(written - 1 - h, indexAtOrAfter(span.onsetS()));
        if (i <= w1 || smoothAcross(i, h, r) <= low) {
            return Double.NaN;
        }
        while (i > w1 && smoothAcross(i - 1, h, r) > low) {
            i--;
        }
        double ta = ringT[(int) (i % cap)];
        long j = Math.min(written - 1 - h, indexAtOrAfter(ta + SLOPE_S));
        double d = smoothAcross(i, h, r);
        double rise = (smoothAcross(j, h, r) - d) / Math.max(period, ringT[(int) (j % cap)] - ta);
        double back = rise > 0 ? Math.min(TILT_EXTRAPOLATE_S, 3 * d / rise) : 0;
        // The centred mean starts to rise half its width before the limb does.
        return Math.min(ta, ta - back + h * period);
    }

    /**
     * The offset's counterpart: where the limb stopped is the mean raw orientation over the half
     * second after the gate's offset; walking back from that offset, the last sample away from it by
     * more than the wobble there, then on by the time a smooth stop takes.
     */
    private double tiltOffset(MotionGate.Span span) {
        int h = Math.max(1, (int) Math.round(SMOOTH_HALF_S * rateHz));
        long from = indexAtOrAfter(span.onsetS());
        long e0 = indexAtOrAfter(span.offsetS());
        long e1 = Math.min(written - h, indexAtOrAfter(span.offsetS() + cfg.quietS()));
        if (e1 <= e0 || e0 <= from + h) {
            return Double.NaN;
        }
        double[] r = meanRawOver(e0, e1, new double[3]);
        double low = placeNoise(e0, e1, h, r);
        long i = e0;
        while (i > from + h && smoothDev(i, h, r) <= low) {
            i--;
        }
        if (i <= from + h) {
            return Double.NaN;
        }
        return smoothStop(i, from, h, r);
    }

    /**
     * Longest stretch after a placed offset over which a limb still turning toward where it comes to
     * rest is followed, s: a foot's slow return or settle after a hold takes up to about 2 s, and
     * only a gate that held the limb's place (it closes {@code holdMaxS} later) or a long movement's
     * stop wait leaves that much of the signal in the ring when the movement is judged.
     */
    private static final double CONTINUE_MAX_S = 2.0;

    /**
     * Where a limb that kept turning after the placed offset came to rest, or NaN. The gate ends a
     * movement where the 4-Hz orientation stayed within a few mg of one place, and lets a limb held
     * there drift by up to {@link MotionGate#HELD_G}; a slow small movement (a foot released slowly
     * after a hold, 17-50 mg) turns by only a few mg a second at its end, so the gate's stop is
     * inside it, and a 1-2-s movement is cut to under half a second. A limb at rest does not turn:
     * where the signal after the offset is in the ring, the place it finally lay is the mean raw
     * vector over the last half second of it (at most {@link #CONTINUE_MAX_S} on); walking back from
     * there, the last sample away from that place by more than the wobble there (and 3 mg) is where
     * it stopped, extrapolated by a smooth stop's time as {@link #tiltOffset} does. Only a limb that,
     * from the farthest it was from that place after the offset, came toward it without turning back
     * by more than that wobble (turning one way, not swaying or vibrating about a place) is followed.
     * Reads only samples already in the ring: it delays nothing. NaN where the ring holds no half
     * second beyond the offset (a movement judged as soon as it stopped: the gate closes 0.4 s after
     * its stop unless it held the place) or the limb lay within noise of its final place since the
     * offset.
     */
    private double continuedStop(double onset, double offset) {
        int h = Math.max(1, (int) Math.round(SMOOTH_HALF_S * rateHz));
        long from = Math.max(indexAtOrAfter(onset), Math.max(0, written - cap) + h);
        long i0 = Math.max(from, indexAtOrAfter(offset));
        long look = Math.min(written - 1 - h, indexAtOrAfter(offset + CONTINUE_MAX_S));
        int q = Math.max(1, (int) Math.round(cfg.quietS() * rateHz));
        long e0 = look - q;
        if (e0 <= i0) {
            return Double.NaN;
        }
        double[] r = meanRawOver(e0, look, new double[3]);
        double low = placeNoise(e0, look, h, r);
        long i = e0;
        while (i > i0 && smoothDev(i, h, r) <= low) {
            i--;
        }
        if (i <= i0) {
            return Double.NaN;
        }
        // From where it was farthest from that place on, the limb must have come toward it without
        // turning back by more than the wobble: a limb swaying or wandering about is not stopping.
        double far = 0;
        double least = Double.POSITIVE_INFINITY;
        for (long k = i0; k <= i; k++) {
            double dev = smoothDev(k, h, r);
            if (dev > far) {
                far = dev;
                least = dev;
            } else if (dev > least + low) {
                return Double.NaN;
            }
            least = Math.min(least, dev);
        }
        return smoothStop(i, i0, h, r);
    }

    /**
     * The longest time the limb lay still between two times on the channels' line, as the raw samples
     * tell it: their {@link MotionGate#RAW_MEAN_S} mean within the gate's radius for a still limb
     * ({@link MotionGate#rawStillG}) of where it lay when the stretch began. The raw samples are not lagged by the 4-Hz
     * orientation's settling, by which the gate's still time stands for WASM's half second at rest
     * after only its {@code stillNeedS}: a limb turning slowly through the bottom of a dip is still to
     * the gate for that long, but on the raw samples it moves on before it has lain still for half a
     * second.
     *
     * @param fromS start, s (-inf: nothing before)
     * @param toS   end, s
     * @return the longest still stretch in [fromS, toS), s; at least {@link PauseJoin#MIN_REST_S} once
     *         one is found that long (the scan stops there), and that much when the ring no longer holds
     *         the start (a rest may have been there)
     */
    private double longestStillS(double fromS, double toS) {
        long first = Math.max(0, written - cap) + rawMeanN;
        long from = indexAtOrAfter(fromS);
        if (from < first || toS - fromS > RING_S / 2) {
            return PauseJoin.MIN_REST_S;
        }
        long to = indexAtOrAfter(toS);
        double radius = gate.rawStillG();
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int p = (int) ((from - rawMeanN) % cap);
        for (long k = from - rawMeanN; k < from; k++) {
            sx += ringRaw[0][p];
            sy += ringRaw[1][p];
            sz += ringRaw[2][p];
            p = next(p, cap);
        }
        int q = (int) ((from - rawMeanN) % cap);
        double px = 0;
        double py = 0;
        double pz = 0;
        double since = Double.NaN;
        double longest = 0;
        for (long k = from; k < to; k++) {
            sx += ringRaw[0][p] - ringRaw[0][q];
            sy += ringRaw[1][p] - ringRaw[1][q];
            sz += ringRaw[2][p] - ringRaw[2][q];
            double t = ringT[p];
            p = next(p, cap);
            q = next(q, cap);
            double x = sx / rawMeanN - px;
            double y = sy / rawMeanN - py;
            double z = sz / rawMeanN - pz;
            if (Double.isNaN(since) || x * x + y * y + z * z > radius * radius) {
                px = sx / rawMeanN;
                py = sy / rawMeanN;
                pz = sz / rawMeanN;
                since = t;
            } else {
                longest = Math.max(longest, t - since);
                if (longest >= PauseJoin.MIN_REST_S) {
                    break;
                }
            }
        }
        return longest;
    }

    /**
     * @param from first ring index (written-sample count), inclusive; the ring must still hold it
     * @param to   last ring index, exclusive, above {@code from}
     * @param into receives the mean of the median-filtered raw vector over [from, to), g (3 values)
     * @return {@code into}
     */
    private double[] meanRawOver(long from, long to, double[] into) {
        double[] r = into;
        r[0] = 0;
        r[1] = 0;
        r[2] = 0;
        int p = (int) (from % cap);
        for (long k = from; k < to; k++) {
            r[0] += ringRaw[0][p];
            r[1] += ringRaw[1][p];
            r[2] += ringRaw[2][p];
            p = next(p, cap);
        }
        for (int j = 0; j < 3; j++) {
            r[j] /= (to - from);
        }
        return r;
    }

    /**
     * @return how far from the place {@code r} (g) the limb lying there over ring indices [from, to)
     *         may read and still be there: the larger of {@link #PLACE_MIN_G} and {@link #WOBBLE_FACTOR}
     *         times its largest smoothed deviation there (the sensor's noise and the body's sway), g
     */
    private double placeNoise(long from, long to, int h, double[] r) {
        double wobble = 0;
        for (long k = from; k < to; k++) {
            wobble = Math.max(wobble, smoothDev(k, h, r));
        }
        return Math.max(PLACE_MIN_G, WOBBLE_FACTOR * wobble);
    }

    /**
     * Where a limb last seen away from its place {@code r} at ring index {@code i} stopped: that
     * sample's time, on by the time a smooth stop takes at the rate it was falling over the
     * {@link #SLOPE_S} before (no earlier than ring index {@code from}), s.
     */
    private double smoothStop(long i, long from, int h, double[] r) {
        double tb = ringT[(int) (i % cap)];
        long j = Math.max(from, indexAtOrAfter(tb - SLOPE_S));
        double d = smoothDev(i, h, r);
        double fall = (smoothDev(j, h, r) - d) / Math.max(period, tb - ringT[(int) (j % cap)]);
        double on = fall > 0 ? Math.min(TILT_EXTRAPOLATE_S, STOP_EXTRAPOLATION * d / fall) : 0;
        return Math.max(tb, tb + on - h * period);
    }

    /** Distance from {@code r} of the mean raw vector over ring indices [i - h, i + h], g. */
    private double smoothDev(long i, int h, double[] r) {
        double[] m = smoothMean(i, h);
        double x = m[0] - r[0];
        double y = m[1] - r[1];
        double z = m[2] - r[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Departure across the rest direction {@code r} of the mean raw vector over ring indices [i - h, i + h], g. */
    private double smoothAcross(long i, int h, double[] r) {
        double[] m = smoothMean(i, h);
        return MotionGate.across(m[0], m[1], m[2], r);
    }

    /** The mean raw vector over ring indices [i - h, i + h], g, written into the scratch field of the same name (reused, not kept). */
    private double[] smoothMean(long i, int h) {
        double x = 0;
        double y = 0;
        double z = 0;
        float[] rx = ringRaw[0];
        float[] ry = ringRaw[1];
        float[] rz = ringRaw[2];
        int p = (int) ((i - h) % cap);
        for (int k = -h; k <= h; k++) {
            x += rx[p];
            y += ry[p];
            z += rz[p];
            p = next(p, cap);
        }
        int n = 2 * h + 1;
        smoothMean[0] = x / n;
        smoothMean[1] = y / n;
        smoothMean[2] = z / n;
        return smoothMean;
    }

    /**
     * The band-pass leaves a decaying tail after a large movement (its slow tilt component rings
     * through the high-pass) that keeps the envelope above the offset threshold for up to a second.
     * The limb has stopped when the raw vector has settled at its final resting value: the offset is
     * placed where the deviation from that rest (smoothed over 0.1 s) last stood above a tenth of the
     * peak, or 1.5 times the offset threshold if higher. Never later than the envelope's own offset.
     */
    private double refineOffset(double onset, double envelopeOffset, double peak, double offThreshold) {
        double[] rest = meanRaw(envelopeOffset + envDelayS + 0.05, envelopeOffset + envDelayS + cfg.quietS());
        if (rest == null) {
            return envelopeOffset;
        }
        double threshold = Math.max(REST_FACTOR * offThreshold, OFFSET_FRACTION * peak);
        long from = indexAtOrAfter(onset);
        long to = indexAtOrAfter(envelopeOffset + envDelayS);
        int w = Math.max(1, (int) Math.round(0.1 * rateHz));
        double sum = 0;
        double last = Double.NaN;
        int p = (int) (from % cap);
        int q = p;
        for (long i = from; i < to; i++) {
            sum += deviation(p, rest);
            if (i - from >= w) {
                sum -= deviation(q, rest);
                q = next(q, cap);
            }
            if (sum / Math.min(w, i - from + 1) >= threshold) {
                // The trailing mean lags its window's centre by half a window.
                last = ringT[p] - (w - 1) / 2.0 * period;
            }
            p = next(p, cap);
        }
        return Double.isNaN(last) ? envelopeOffset : Math.max(onset, Math.min(envelopeOffset, last + period));
    }

    /** Furthest an onset is placed before the gate opened, s: bounds how long the watermark waits. */
    static final double REFINE_BACK_S = 1.5;

    /** The onset is searched for on the raw samples from this long before the envelope's onset, s. */
    private static final double REFINE_SEARCH_S = 0.4;
    /** Where the limb lay before it is the raw mean from this long before the envelope's onset, s. */
    private static final double REFINE_REST_FROM_S = 1.2;

    /**
     * The onset's counterpart: where the raw vector first left its resting value before the
     * envelope crossed (searched from 0.4 s before), with the same threshold.
     */
    private double refineOnset(double envelopeOnset, double peak, double offThreshold, double[] gateRest) {
        // Where the limb lay: the raw mean of [-1.2, -0.4] s before the envelope's onset; but when the
        // last movement of this leg ended after that window began (a pair), the mean holds part of
        // that movement's return, and the rest the gate saw the limb leave (where it stopped) is where
        // it lay.
        double[] rest = lastMovementEndS > envelopeOnset - REFINE_REST_FROM_S ? gateRest
                : meanRaw(envelopeOnset - REFINE_REST_FROM_S, envelopeOnset - REFINE_SEARCH_S);
        if (rest == null) {
            return envelopeOnset;
        }
        double threshold = Math.max(REST_FACTOR * offThreshold, OFFSET_FRACTION * peak);
        long from = indexAtOrAfter(envelopeOnset - REFINE_SEARCH_S);
        long to = indexAtOrAfter(envelopeOnset + 0.3);
        int w = Math.max(1, (int) Math.round(0.1 * rateHz));
        double sum = 0;
        int p = (int) (from % cap);
        int q = p;
        for (long i = from; i < to; i++) {
            sum += deviation(p, rest);
            if (i - from >= w) {
                sum -= deviation(q, rest);
                q = next(q, cap);
            }
            if (i - from + 1 >= w && sum / w >= threshold) {
                return Math.min(envelopeOnset, ringT[p] - (w - 1) / 2.0 * period);
            }
            p = next(p, cap);
        }
        return envelopeOnset;
    }

    private double deviation(int p, double[] rest) {
        double x = ringRaw[0][p] - rest[0];
        double y = ringRaw[1][p] - rest[1];
        double z = ringRaw[2][p] - rest[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    private Verdict judge(double onset, double offset, double dur, double peak, MotionGate.Span span) {
        if (dur < cfg.minDurationS()) {
            return Verdict.TOO_SHORT;
        }
        if (Math.max(peak, span.peakTiltG()) < cfg.onThresholdG()) {
            return Verdict.TOO_SMALL;
        }
        // The spectrum is taken over at least 2 s with half a second of context either side, so a
        // short burst is resolved to 0.5 Hz and a ringing mattress shows its tail.
        double from = spectrumFrom(onset, offset);
        SpectralFeatures f = spectrum(onset, offset);
        if (f != null && dur >= 6 && isRhythm(f)) {
            if (dur >= 8 && peak >= GAIT_MIN_G && f.dominantHz() >= 0.6 && f.dominantHz() <= 2.5) {
                learnUpright(onset, offset, from);
            }
            return Verdict.RHYTHMIC;
        }
        if (dur > GROSS_S) {
            return Verdict.GROSS_MOVEMENT;
        }
        if (angleDeg(span.restBefore(), span.restAfter()) >= cfg.postureTiltDeg()) {
            return Verdict.POSTURE_CHANGE;
        }
        if (f != null && isVibrationSpectrum(f) && excursionDeg(onset, offset, span) < VIBRATION_MAX_TILT_DEG) {
            return Verdict.VIBRATION;
        }
        return Verdict.LEG_MOVEMENT;
    }

    /** Start of the stretch the spectrum of [onset, offset] is taken over, s (see {@link #spectrum}). */
    private double spectrumFrom(double onset, double offset) {
        double end = offset + cfg.quietS();
        return Math.max(Math.min(onset - 0.5, end - MIN_SPECTRUM_S), end - (RING_S - 4));
    }

    /**
     * The band-passed spectrum of the raw ring over [onset, offset], with half a second of context
     * either side and at least 2 s in all, or null when fewer than 8 samples are there.
     */
    private SpectralFeatures spectrum(double onset, double offset) {
        long i0 = indexAtOrAfter(spectrumFrom(onset, offset));
        int n = (int) (indexAtOrAfter(offset + cfg.quietS()) - i0);
        if (n < 8) {
            return null;
        }
        bandPass(i0, n);
        return analyzer.analyse(scratch, n, rateHz);
    }

    /** What PauseJoin lets go: movements to the listener; a run's rhythm judged on the ring as one movement's is. */
    private final class JoinSink implements PauseJoin.Sink {
        @Override
        public void movement(LegMovement m) {
            listener.onMovement(m);
        }

        @Override
        public boolean rhythmic(double onsetS, double offsetS) {
            SpectralFeatures f = spectrum(onsetS, offsetS);
            return f != null && isRhythm(f);
        }

        @Override
        public void rejectedAsRhythm(LegMovement piece) {
            verdicts.merge(Verdict.LEG_MOVEMENT, -1, Integer::sum);
            verdicts.merge(Verdict.RHYTHMIC, 1, Integer::sum);
            listener.onRejected(leg, new TimeInterval(piece.onsetS(), piece.offsetS()), Verdict.RHYTHMIC.name());
        }
    }

    /** Warm-up of the band-pass run over a burst before it is judged, s. */
    private static final double BAND_WARMUP_S = 2.0;

    /**
     * Band-passes (0.5-8 Hz, 2nd-order Butterworth high- and low-pass per axis) the raw ring from
     * index i0 for n samples into {@link #scratch}, after a warm-up from no earlier than the last
     * restart. Done only for a burst being judged, so the per-sample path carries no band-pass.
     */
    private void bandPass(long i0, int n) {
        long w = Math.max(Math.max(Math.max(0, written - cap), indexAtOrAfter(restartS)),
                indexAtOrAfter(ringT[(int) (i0 % cap)] - BAND_WARMUP_S));
        w = Math.min(w, i0);
        double high = Math.min(cfg.bandHighHz(), 0.4 * rateHz);
        for (int j = 0; j < 3; j++) {
            Biquad h = Biquad.highPass(cfg.bandLowHz(), rateHz);
            Biquad l = Biquad.lowPass(high, rateHz);
            float[] raw = ringRaw[j];
            int p = (int) (w % cap);
            h.settle(raw[p]);
            l.settle(0);
            for (long i = w; i < i0 + n; i++) {
                double b = l.step(h.step(raw[p]));
                if (i >= i0) {
                    scratch[j][(int) (i - i0)] = (float) b;
                }
                p = next(p, cap);
            }
        }
    }

    /** Most power at one frequency and its harmonics, at a foot tremor's or a gait's rate (below {@link #RHYTHM_MAX_HZ}). */
    private boolean isRhythm(SpectralFeatures f) {
        return f.concentration() >= cfg.rhythmConcentration() && f.dominantHz() < RHYTHM_MAX_HZ;
    }

    /**
     * Mattress ringing: most power above 3.5 Hz, with the peak above any frequency a limb reaches
     * (4.5 Hz); or, with the peak at the band's edge (3.4-4.5 Hz), a broadband ring (spectral
     * flatness >= 0.05, a damped impulse) rather than the few clear lines of a limb moving back and forth.
     */
    private boolean isVibrationSpectrum(SpectralFeatures f) {
        if (f.highFraction() < cfg.vibrationFraction()) {
            return false;
        }
        return f.dominantHz() >= VIBRATION_MIN_HZ
                || f.dominantHz() >= VIBRATION_EDGE_HZ && f.flatness() >= VIBRATION_EDGE_FLATNESS;
    }

    /**
     * A long rhythm at stepping frequency may be walking. It is taken as walking only when the shank
     * points far from where it pointed before (one gets up before walking) or the way earlier walking
     * pointed; then its mean gravity is the shank's upright direction. A rhythmic movement in bed
     * changes nothing.
     */
    private void learnUpright(double onset, double offset, double from) {
        double mid = (from + offset) / 2;
        double[] g = meanRaw(mid - 2, mid + 2);
        if (g == null) {
            return;
        }
        double[] before = meanRaw(onset - BEFORE_FROM_S, onset - BEFORE_TO_S);
        boolean gotUp = before != null && angleDeg(before, g) >= GOT_UP_DEG;
        boolean likeBefore = uprightDir != null && angleDeg(uprightDir, g) < UPRIGHT_DEG;
        if (gotUp || likeBefore) {
            uprightDir = g;
            markUpright(onset, offset);
        }
    }

    /**
     * How far the limb turned during a burst, deg: the largest angle between where it lay before and
     * the half-second means of the raw vector during the burst (0 when the ring no longer holds the
     * time before). Where it lay is the raw mean of [-1, -0.2] s before the onset; but when the last
     * movement of this leg ended after that window began (the second of a pair), the mean holds part
     * of that movement's return and lies part-way out along the limb's own excursion, so the turn is
     * also measured from the rest the gate saw the limb leave (where the first stopped), and the
     * larger counts. A shaking mattress leaves the leg where it lay, so neither reference moves.
     */
    private double excursionDeg(double onset, double offset, MotionGate.Span span) {
        double[] before = meanRaw(onset - BEFORE_FROM_S, onset - BEFORE_TO_S);
        if (before == null) {
            return 0;
        }
        double exc = maxExcursionDeg(before, onset, offset);
        boolean pair = lastMovementEndS > onset - BEFORE_FROM_S;
        if (pair) {
            exc = Math.max(exc, maxExcursionDeg(span.restBefore(), onset, offset));
        }
        if (exc < VIBRATION_MAX_TILT_DEG) {
            exc = Math.max(exc, outAndBackTurnDeg(before, before, onset, offset));
            if (pair) {
                exc = Math.max(exc, outAndBackTurnDeg(before, span.restBefore(), onset, offset));
            }
        }
        return exc;
    }

    /**
     * The limb's own turn out and back, deg: the largest angle between {@code from} and the raw vector
     * low-passed at {@link #TURN_HZ} (settled on {@code settle}, where the limb lay) over the burst and
     * the quiet time after it (the low-pass lags), provided the turn came back to within
     * {@link #TURN_BACK_SHARE} of that peak by then; otherwise 0. A leg movement turns the shank out
     * and back at a limb's pace, which the low-pass keeps whole where a half-second mean steps over its
     * peak; a ringing mattress is taken down by (f / 1 Hz)^2. A one-way drift is not such a turn: it
     * is the end of a slow movement already under way (whose pieces PauseJoin joins), and reading it
     * as a turn made tail pieces of 21-24-s movements into false detections on the tuning families.
     */
    private double outAndBackTurnDeg(double[] settle, double[] from, double onset, double offset) {
        Biquad.ThreeAxes lp = turnLowPass;
        lp.settle(settle[0], settle[1], settle[2]);
        long i = indexAtOrAfter(onset - BEFORE_TO_S);
        long end = indexAtOrAfter(offset + cfg.quietS());
        int p = (int) (i % cap);
        double max = 0;
        double last = 0;
        for (; i < end; i++) {
            smoothMean[0] = lp.x(ringRaw[0][p]);
            smoothMean[1] = lp.y(ringRaw[1][p]);
            smoothMean[2] = lp.z(ringRaw[2][p]);
            last = angleDeg(from, smoothMean);
            max = Math.max(max, last);
            p = next(p, cap);
        }
        return last <= TURN_BACK_SHARE * max ? max : 0;
    }

    /**
     * Largest angle between the pre-event gravity and the half-second mean of the raw vector during
     * the event: a limb that moves tilts the sensor; a shaking mattress averages out to nothing.
     */
    private double maxExcursionDeg(double[] before, double onset, double offset) {
        double max = 0;
        for (double t = onset; t + 0.5 <= offset + 0.25; t += 0.25) {
            double[] m = meanRaw(t, t + 0.5);
            if (m != null) {
                max = Math.max(max, angleDeg(before, m));
            }
        }
        return max;
    }

    /** Mean of the median-filtered raw vector over [from, to), or null if the ring no longer holds it. */
    private double[] meanRaw(double from, double to) {
        long oldest = Math.max(0, written - cap);
        if (written == 0 || ringT[(int) (oldest % cap)] > from) {
            return null;
        }
        long i = indexAtOrAfter(from);
        long j = indexAtOrAfter(to); // the ring's times only grow
        return j <= i ? null : meanRawOver(i, j, new double[3]);
    }

    /**
     * The ring slot after slot {@code p}: a loop over the ring takes one 64-bit remainder for its first
     * sample and steps on by this, instead of a remainder at every sample (judging one movement walks
     * thousands of them: a fifth of the pipeline's time went to those divisions).
     *
     * @param p   a ring slot, 0 to {@code cap - 1}
     * @param cap the ring's length, samples, at least 1
     * @return (p + 1) mod cap: for any index k >= 0, {@code next((int) (k % cap), cap) == (k + 1) % cap}
     */
    static int next(int p, int cap) {
        return p + 1 == cap ? 0 : p + 1;
    }

    /** Absolute index of the first ring sample at or after t (binary search over the ring's times). */
    private long indexAtOrAfter(double t) {
        long lo = Math.max(0, written - cap);
        long hi = written;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (ringT[(int) (mid % cap)] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double distance(double[] a, double[] b) {
        double x = a[0] - b[0];
        double y = a[1] - b[1];
        double z = a[2] - b[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static double angleDeg(double[] a, double[] b) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        double nb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / (na * nb)))));
    }

    // ------------------------------------------------------------------------------------------
    // Epochs, wear and posture.

    /** A sample at t begins a new epoch: the one before it (if any) closes. */
    private void nextEpoch(double t) {
        if (!Double.isNaN(epochStart)) {
            closeEpoch(t);
        }
        epochStart = t;
    }

    /**
     * Feeds the sensor-step estimate the ring's samples written since the last call (at each wear block's
     * close, every 30 s; the ring holds {@link #RING_S}), one in every {@link #STEP_FEED_EVERY} gate steps
     * (about 6 Hz): any two samples of a quantised sensor differ by whole steps, so a sparse feed measures
     * the same step (a still limb's noise and respiration still move it by a step or two between
     * samples fed), and only until the step is kept for good ({@link SensorStep#measuring}: a few
     * minutes into a night). Fed at every gate step all night it cost 10-18 % of PipelineCpuBench,
     * and 4-6 % fed here all night.
     */
    private void measureStep() {
        int stride = STEP_FEED_EVERY * gateEvery;
        stepFed = Math.max(stepFed, written - cap);
        if (stepFed >= written || !sensorStep.measuring()) {
            return;
        }
        boolean measured = false;
        int p = (int) (stepFed % cap);
        for (; stepFed < written; stepFed += stride) {
            measured |= sensorStep.add(ringRaw[0][p], ringRaw[1][p], ringRaw[2][p]);
            p += stride;
            if (p >= cap) {
                p -= cap;
            }
        }
        if (measured) {
            gate.sensorStep(sensorStep.stepG());
        }
    }

    private void closeEpoch(double endS) {
        if (Double.isNaN(epochStart) || epochN == 0) {
            epochStart = Double.NaN;
            return;
        }
        double[] g = {epochGx / epochN, epochGy / epochN, epochGz / epochN};
        PendingEpoch pe = new PendingEpoch(epochStart, endS, Math.sqrt(epochSumSq / epochN), g, block.serial);
        pe.upright = uprightDir != null && angleDeg(g, uprightDir) < UPRIGHT_DEG;
        pending.add(pe);
        epochStart = Double.NaN;
        epochSumSq = 0;
        epochGx = epochGy = epochGz = 0;
        epochN = 0;
        if (block.samples >= BLOCK_S * rateHz) {
            closeBlock(false);
        }
        flushPending(endS - RELEASE_DELAY_S);
    }

    /** Walking was recognised over [fromS, toS]: those seconds were upright, and so are later ones that point the same way. */
    private void markUpright(double fromS, double toS) {
        for (PendingEpoch pe : pending) {
            if (pe.endS > fromS && pe.startS < toS) {
                pe.upright = true;
            } else if (pe.startS >= toS) {
                pe.upright = angleDeg(pe.grav, uprightDir) < UPRIGHT_DEG;
            }
        }
    }

    /** Judges the current 30-s block for wear, then starts a new one. */
    private void closeBlock(boolean cut) {
        measureStep();
        if (block.n == 0) {
            return;
        }
        boolean evidence = block.active || block.tooShort(rateHz) || block.worn(rateHz, analyzer);
        double[] mean = block.mean();
        if (block.previousMean != null && angleDeg(mean, block.previousMean) > 3) {
            evidence = true;
        }
        int serial = block.serial;
        if (evidence) {
            unwornRun = 0;
            for (PendingEpoch pe : pending) {
                if (pe.worn == null) {
                    pe.worn = Boolean.TRUE;
                }
            }
        } else {
            unwornRun++;
            if (unwornRun >= UNWORN_BLOCKS) {
                for (PendingEpoch pe : pending) {
                    if (pe.worn == null && pe.block > serial - unwornRun) {
                        pe.worn = Boolean.FALSE;
                    }
                }
            }
        }
        block.reset(cut ? null : mean);
    }

    /** Releases epochs whose wear is decided and that end before {@code untilS}. */
    private void flushPending(double untilS) {
        boolean all = untilS == Double.POSITIVE_INFINITY;
        while (!pending.isEmpty()) {
            PendingEpoch pe = pending.peekFirst();
            if (!all && (pe.worn == null || pe.endS > untilS)) {
                return;
            }
            pending.pollFirst();
            // At the end of a stream or at a gap, an undecided run shorter than the limit counts as worn.
            boolean worn = pe.worn == null ? unwornRun < UNWORN_BLOCKS : pe.worn;
            Epoch.State st = !worn ? Epoch.State.UNWORN : pe.upright ? Epoch.State.UPRIGHT : Epoch.State.ANALYSABLE;
            listener.onEpoch(leg, new Epoch(pe.startS, pe.endS, pe.activity, st));
            if (st == Epoch.State.ANALYSABLE) {
                if (Double.isNaN(runStart)) {
                    runStart = pe.startS;
                }
                runEnd = pe.endS;
            } else {
                endRun();
            }
        }
        if (all) {
            unwornRun = 0;
        }
    }

    private void endRun() {
        if (!Double.isNaN(runStart)) {
            listener.onAnalysable(leg, new TimeInterval(runStart, runEnd));
            runStart = Double.NaN;
        }
    }

    private static final class PendingEpoch {
        final double startS;
        final double endS;
        final double activity;
        final double[] grav;
        final int block;
        Boolean worn;
        boolean upright;

        PendingEpoch(double startS, double endS, double activity, double[] grav, int block) {
            this.startS = startS;
            this.endS = endS;
            this.activity = activity;
            this.grav = grav;
            this.block = block;
        }
    }

    /**
     * 30 s of raw samples for the wear test: a still leg wearing the sensor shows respiration
     * (0.15-0.6 Hz) and pulse (about 1 Hz) as narrow peaks well above the sensor's white noise; a
     * sensor on the nightstand shows only noise.
     */
    private static final class Block {
        final float[][] raw;
        final int decimation;
        int n;
        int samples;
        int serial;
        boolean active;
        double[] previousMean;
        private double sx;
        private double sy;
        private double sz;
        private int k;

        Block(int capacity, int decimation) {
            raw = new float[][]{new float[capacity], new float[capacity], new float[capacity]};
            this.decimation = decimation;
        }

        /** Sums {@code decimation} samples into one: the wear test needs nothing above 12 Hz. */
        void add(double x, double y, double z) {
            samples++;
            sx += x;
            sy += y;
            sz += z;
            if (++k == decimation) {
                if (n < raw[0].length) {
                    raw[0][n] = (float) (sx / k);
                    raw[1][n] = (float) (sy / k);
                    raw[2][n] = (float) (sz / k);
                    n++;
                }
                sx = sy = sz = 0;
                k = 0;
            }
        }

        boolean tooShort(double rateHz) {
            // A fragment cut short by a gap cannot be judged; it inherits "worn".
            return samples < 10 * rateHz;
        }

        double[] mean() {
            return SpectralFeatures.means(raw, n);
        }

        boolean worn(double rateHz, SpectralFeatures.Analyzer a) {
            return a.peakToNoise(raw, n, rateHz / decimation, 0.15, 2.0, 2.5, 6.0) >= WEAR_RATIO;
        }

        void reset(double[] mean) {
            previousMean = mean;
            n = 0;
            samples = 0;
            sx = sy = sz = 0;
            k = 0;
            active = false;
            serial++;
        }
    }
}
