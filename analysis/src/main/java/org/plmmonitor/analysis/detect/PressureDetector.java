package org.plmmonitor.analysis.detect;

import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.signal.PressureSink;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming leg-movement detector for the second modality: a compression cuff around the calf, where
 * a contracting muscle shows as a brief pressure transient. It sees movements only while the cuff
 * <em>holds</em>: a deflated cuff does not touch the calf, and an inflating or venting one swamps any
 * transient. A hold begins once the pressure has stayed at or above {@link #HOLD_MIN_MMHG} for
 * {@link #SETTLE_S} and moved less than {@link #SETTLE_STEP_MMHG} over the last second (the pump has
 * stopped); the filters are then settled on the held pressure and detection starts {@link #WARM_S}
 * later. The hold ends with the first sample below {@link #HOLD_MIN_MMHG} (a vent) or a gap; an open
 * burst is dropped there (the vent's own fall). Each hold, from its warm start to its end, is
 * analysable time ({@link DetectionListener#onAnalysable}), and only bursts inside it are judged.
 *
 * <p>Inside a hold the same {@link EnvelopeGate} hysteresis as the accelerometer's runs on the
 * band-passed (0.3-5 Hz) pressure's magnitude: respiration sits mostly below the band, leaks and
 * temperature drift far below it, and the gate's noise floor (4 x the 25th percentile of one-second
 * means) rises above the pulse ripple. A calf that contracts for seconds raises the pressure for as
 * long, and the band-pass sees its two edges as two bursts: a burst after which the pressure stays
 * shifted is held back, and if a later burst (within {@link #MAX_PLATEAU_S}) brings the pressure back
 * to where it was before the first, the two and the plateau between are one movement. A shift that
 * does not come back (the controller topping up a leak, a leak opening) is not a movement
 * ({@code BASELINE_SHIFT}): a limb that moved and relaxed returns the cuff to its baseline.
 */
public final class PressureDetector implements PressureSink {
    /** Version of the pressure detection algorithm. */
    public static final String VERSION = "cuff-1.1";
    /** Below this the cuff is taken to be deflated (not holding), mmHg. */
    public static final double HOLD_MIN_MMHG = 5;
    /** How long the pressure must stay at or above {@link #HOLD_MIN_MMHG} before a hold begins, s. */
    public static final double SETTLE_S = 2;
    /** Largest change over the last second at which the pressure counts as held (pump stopped), mmHg. */
    public static final double SETTLE_STEP_MMHG = 1;
    /** From a hold's start to the first sample judged (the filters' warm-up), s. */
    public static final double WARM_S = 1;
    private static final double ON_MMHG = 0.25;
    private static final double OFF_MMHG = 0.12;
    private static final double BAND_LOW_HZ = 0.3;
    private static final double BAND_HIGH_HZ = 5;
    private static final double BASELINE_SHIFT_MMHG = 0.8;
    private static final double RING_S = 40;
    /** Share of a movement's largest excursion below which the pressure counts as returned. */
    private static final double RETURNED_FRACTION = 0.25;
    /**
     * Longest a raised (or lowered) pressure may last and still be one movement's plateau, s. While a
     * plateau waits, the detector's watermark stays at its onset: this bound keeps that lag (with the edge
     * and the 0.5 s quiet) well under the 30 s after which a live night pipeline stops waiting for a
     * source (NightPipeline.LIVE_MAX_LAG_S), so a movement is never reported after the scorer passed it.
     */
    public static final double MAX_PLATEAU_S = 20;

    private final Leg leg;
    private final double period;
    private final double gapS;
    private final double minDurationS;
    private final DetectionListener listener;
    private final Biquad hp;
    private final Biquad lp;
    private final EnvelopeGate gate;
    private final MovingAverage envelope;
    private final double envDelayS;
    private final double[] ringT;
    private final float[] ringP;
    private final int cap;
    private long written;
    private int ringPos;
    private double firstT = Double.NaN;
    private double lastT = Double.NaN;
    private double p1;
    private double p2;
    private double t1;
    private int sinceRestart;
    /** Since when the (median-filtered) pressure has been at or above the hold minimum; NaN: below. */
    private double aboveSince = Double.NaN;
    /** Start of the present hold's analysable time, NaN when not holding. */
    private double holdFrom = Double.NaN;
    private double lastProcessedT = Double.NaN;
    /** A burst that left the pressure shifted, waiting for the burst that brings it back; null when none. */
    private Edge pending;

    /** A closed burst that left the pressure shifted from {@code beforeMmHg}. */
    private record Edge(double onsetS, double offsetS, double beforeMmHg, double peak, double rms) {
    }

    /**
     * @param leg          the leg wearing the cuff, LEFT or RIGHT
     * @param rateHz       telemetry rate, Hz, 5-200
     * @param minDurationS shortest leg movement, s (WASM 2016: 0.5)
     * @param listener     receives movements (source {@link MovementSource#CUFF_PRESSURE}), holds as
     *                     analysable stretches, gaps and rejections
     */
    public PressureDetector(Leg leg, double rateHz, double minDurationS, DetectionListener listener) {
        if (!(rateHz >= 5 && rateHz <= 200)) {
            throw new IllegalArgumentException("cuff telemetry rate " + rateHz + " Hz is outside [5, 200]");
        }
        this.leg = leg;
        this.period = 1 / rateHz;
        this.gapS = 3.5 * period;
        this.minDurationS = minDurationS;
        this.listener = listener;
        hp = Biquad.highPass(BAND_LOW_HZ, rateHz);
        lp = Biquad.lowPass(Math.min(BAND_HIGH_HZ, 0.4 * rateHz), rateHz);
        int w = Math.max(1, (int) Math.round(0.25 * rateHz));
        envelope = new MovingAverage(w);
        envDelayS = (w - 1) / 2.0 * period;
        cap = (int) Math.ceil(RING_S * rateHz);
        ringT = new double[cap];
        ringP = new float[cap];
        gate = new EnvelopeGate(ON_MMHG, OFF_MMHG, 4, 2, 0.5, this::closeSpan);
    }

    /** @return the detector's settings by name, each prefixed {@code cuff_} (for the report's provenance) */
    public static Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cuff_on_threshold_mmhg", Double.toString(ON_MMHG));
        m.put("cuff_off_threshold_mmhg", Double.toString(OFF_MMHG));
        m.put("cuff_band_low_hz", Double.toString(BAND_LOW_HZ));
        m.put("cuff_band_high_hz", Double.toString(BAND_HIGH_HZ));
        m.put("cuff_hold_min_mmhg", Double.toString(HOLD_MIN_MMHG));
        m.put("cuff_settle_s", Double.toString(SETTLE_S));
        m.put("cuff_baseline_shift_mmhg", Double.toString(BASELINE_SHIFT_MMHG));
        return m;
    }

    /**
     * @param tS   time on the source's monotonic line, s, strictly increasing (others are ignored)
     * @param mmHg cuff pressure, mmHg
     */
    @Override
    public void accept(double tS, double mmHg) {
        if (!Double.isNaN(lastT) && !(tS > lastT)) {
            return;
        }
        if (Double.isNaN(firstT)) {
            firstT = tS;
        }
        if (!Double.isNaN(lastT) && tS - lastT > gapS) {
            endHold(lastT);
            aboveSince = Double.NaN;
            listener.onGap(leg, new TimeInterval(lastT, tS));
            sinceRestart = 0;
        }
        lastT = tS;
        if (sinceRestart < 2) {
            p1 = p2;
            p2 = mmHg;
            double tPrev = t1;
            t1 = tS;
            if (++sinceRestart == 2) {
                process(tPrev, p1);
            }
            return;
        }
        double m = Math.max(Math.min(p1, p2), Math.min(Math.max(p1, p2), mmHg));
        double tm = t1;
        p1 = p2;
        p2 = mmHg;
        t1 = tS;
        process(tm, m);
    }

    /** The stream has ended: the last hold's time is reported, an open burst is dropped. */
    public void finish() {
        if (sinceRestart >= 1) {
            process(t1, p2);
        }
        sinceRestart = 0;
        if (!Double.isNaN(lastProcessedT)) {
            endHold(lastProcessedT);
        }
    }

    /**
     * @return no movement with an onset before this will be reported any more, s (negative infinity
     *         before the first sample)
     */
    public double watermarkS() {
        if (Double.isNaN(lastProcessedT)) {
            return Double.NEGATIVE_INFINITY;
        }
        double open = gate.openOnset();
        double w = (Double.isNaN(open) || Double.isNaN(holdFrom) ? lastProcessedT : open) - envDelayS - period;
        return pending == null ? w : Math.min(w, pending.onsetS());
    }

    /** @return time of the first sample seen, s, or NaN */
    public double firstSampleS() {
        return firstT;
    }

    /** @return time of the last sample seen, s, or NaN */
    public double lastSampleS() {
        return lastT;
    }

    private void process(double t, double p) {
        ringT[ringPos] = t;
        ringP[ringPos] = (float) p;
        ringPos = ringPos + 1 == cap ? 0 : ringPos + 1;
        written++;
        lastProcessedT = t;
        if (p < HOLD_MIN_MMHG) {
            aboveSince = Double.NaN;
            endHold(t);
            return;
        }
        if (Double.isNaN(aboveSince)) {
            aboveSince = t;
        }
        if (Double.isNaN(holdFrom)) {
            double secondAgo = mean(t - 1.1, t - 0.9);
            if (t - aboveSince >= SETTLE_S && !Double.isNaN(secondAgo) && Math.abs(p - secondAgo) < SETTLE_STEP_MMHG) {
                // The pump has stopped: start the filters from the held pressure so the step of the
                // inflation does not ring through them.
                hp.settle(p);
                lp.settle(0);
                envelope.reset();
                gate.reset();
                holdFrom = t + WARM_S;
            }
            return;
        }
        double b = lp.step(hp.step(p));
        double env = envelope.add(Math.abs(b));
        if (t >= holdFrom) {
            gate.accept(t, env);
        }
        if (pending != null && t - pending.offsetS() > MAX_PLATEAU_S) {
            rejectPending("BASELINE_SHIFT");
        }
    }

    /** A hold ends at {@code t} (a vent, a gap, the end): its time is analysable, an open burst is dropped. */
    private void endHold(double t) {
        if (Double.isNaN(holdFrom)) {
            return;
        }
        gate.reset();
        if (pending != null) {
            rejectPending("HOLD_ENDED");
        }
        if (t > holdFrom) {
            listener.onAnalysable(leg, new TimeInterval(holdFrom, t));
        }
        holdFrom = Double.NaN;
    }

    private void closeSpan(double onsetRaw, double offsetRaw, double peak, double rms) {
        double onset = onsetRaw - envDelayS;
        double offset = offsetRaw - envDelayS;
        double before = mean(onset - 1.5, onset - 0.2);
        double after = mean(offset + 0.05, offset + 0.5);
        boolean known = !Double.isNaN(before) && !Double.isNaN(after);
        if (pending != null) {
            if (known && Math.abs(after - pending.beforeMmHg()) <= BASELINE_SHIFT_MMHG) {
                // Back to where it was: the first burst, the plateau and this one are one movement.
                Edge e = pending;
                pending = null;
                double d1 = Math.max(e.offsetS() - e.onsetS(), 1e-9);
                double d2 = Math.max(offset - onset, 1e-9);
                double r = Math.sqrt((e.rms() * e.rms() * d1 + rms * rms * d2) / (d1 + d2));
                listener.onMovement(new LegMovement(e.onsetS(), refineOffset(e.onsetS(), offset, e.beforeMmHg()), leg,
                        Math.max(e.peak(), peak), r, MovementSource.CUFF_PRESSURE));
                return;
            }
            rejectPending("BASELINE_SHIFT");
        }
        if (known && Math.abs(after - before) > BASELINE_SHIFT_MMHG) {
            pending = new Edge(onset, offset, before, peak, rms);
            return;
        }
        double end = known ? refineOffset(onset, offset, before) : offset;
        if (end - onset < minDurationS) {
            listener.onRejected(leg, new TimeInterval(onset, Math.max(onset, end)), "TOO_SHORT");
        } else {
            listener.onMovement(new LegMovement(onset, end, leg, peak, rms, MovementSource.CUFF_PRESSURE));
        }
    }

    /**
     * The band-pass rings for a second or two after the pressure comes back, which holds the gate open:
     * the movement ends instead at the last sample still more than {@link #RETURNED_FRACTION} of the
     * span's largest excursion (and at least the offset threshold) away from the pressure before it.
     */
    private double refineOffset(double onset, double offset, double baseline) {
        double maxDev = 0;
        long oldest = Math.max(0, written - cap);
        for (long i = written - 1; i >= oldest; i--) {
            int idx = (int) (i % cap);
            if (ringT[idx] < onset) {
                break;
            }
            if (ringT[idx] <= offset) {
                maxDev = Math.max(maxDev, Math.abs(ringP[idx] - baseline));
            }
        }
        double limit = Math.max(OFF_MMHG, RETURNED_FRACTION * maxDev);
        for (long i = written - 1; i >= oldest; i--) {
            int idx = (int) (i % cap);
            if (ringT[idx] < onset) {
                break;
            }
            if (ringT[idx] <= offset && Math.abs(ringP[idx] - baseline) > limit) {
                return Math.max(onset, Math.min(offset, ringT[idx] + period));
            }
        }
        return offset;
    }

    private void rejectPending(String reason) {
        Edge e = pending;
        pending = null;
        listener.onRejected(leg, new TimeInterval(e.onsetS(), Math.max(e.onsetS(), e.offsetS())), reason);
    }

    /** Mean pressure of the kept samples in [from, to), NaN when the ring holds none that old. */
    private double mean(double from, double to) {
        double s = 0;
        int n = 0;
        long oldest = Math.max(0, written - cap);
        for (long i = written - 1; i >= oldest; i--) {
            int idx = (int) (i % cap);
            if (ringT[idx] < from) {
                return n == 0 ? Double.NaN : s / n;
            }
            if (ringT[idx] < to) {
                s += ringP[idx];
                n++;
            }
        }
        return Double.NaN;
    }
}
