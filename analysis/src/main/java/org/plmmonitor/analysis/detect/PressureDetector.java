package org.plmmonitor.analysis.detect;

import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

/**
 * Streaming leg-movement detector for the second modality: a compression cuff held at a low
 * pressure around the calf, where a contracting muscle shows as a brief pressure transient. The same
 * {@link EnvelopeGate} hysteresis as the accelerometer runs on the band-passed pressure's magnitude.
 * A burst after which the pressure stays shifted (the controller refilling or venting, a leak
 * opening) is not a movement: a limb that moved and relaxed returns the cuff to its baseline.
 */
public final class PressureDetector {
    /** Version of the pressure detection algorithm. */
    public static final String VERSION = "cuff-1.0";
    private static final double ON_MMHG = 0.25;
    private static final double OFF_MMHG = 0.12;
    private static final double BASELINE_SHIFT_MMHG = 0.8;
    private static final double RING_S = 40;

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
    private double lastT = Double.NaN;
    private double warmUntil = Double.NEGATIVE_INFINITY;
    private double p1;
    private double p2;
    private double t1;
    private int sinceRestart;

    /**
     * @param leg          the leg wearing the cuff
     * @param rateHz       telemetry rate, Hz, 5-200
     * @param minDurationS shortest leg movement, s (WASM 2016: 0.5)
     * @param listener     receives movements and gaps
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
        hp = Biquad.highPass(0.3, rateHz);
        lp = Biquad.lowPass(Math.min(5, 0.4 * rateHz), rateHz);
        int w = Math.max(1, (int) Math.round(0.25 * rateHz));
        envelope = new MovingAverage(w);
        envDelayS = (w - 1) / 2.0 * period;
        cap = (int) Math.ceil(RING_S * rateHz);
        ringT = new double[cap];
        ringP = new float[cap];
        gate = new EnvelopeGate(ON_MMHG, OFF_MMHG, 4, 2, 0.5, this::closeSpan);
    }

    /**
     * @param tS      time on the source's monotonic line, s, strictly increasing
     * @param mmHg    cuff pressure, mmHg
     */
    public void accept(double tS, double mmHg) {
        if (!Double.isNaN(lastT) && !(tS > lastT)) {
            return;
        }
        if (!Double.isNaN(lastT) && tS - lastT > gapS) {
            gate.reset();
            listener.onGap(leg, new TimeInterval(lastT, tS));
            sinceRestart = 0;
            envelope.reset();
            warmUntil = tS + 2;
        }
        lastT = tS;
        if (sinceRestart < 2) {
            p1 = p2;
            p2 = mmHg;
            double tPrev = t1;
            t1 = tS;
            if (++sinceRestart == 2) {
                hp.settle(p1);
                lp.settle(0);
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

    /** The stream has ended. */
    public void finish() {
        if (sinceRestart >= 1) {
            process(t1, p2);
        }
        sinceRestart = 0;
    }

    private void process(double t, double p) {
        double b = lp.step(hp.step(p));
        ringT[ringPos] = t;
        ringP[ringPos] = (float) p;
        ringPos = ringPos + 1 == cap ? 0 : ringPos + 1;
        written++;
        double e = Math.abs(b);
        double env = envelope.add(e);
        if (t >= warmUntil) {
            gate.accept(t, env);
        }
    }

    private void closeSpan(double onsetRaw, double offsetRaw, double peak, double rms) {
        double onset = onsetRaw - envDelayS;
        double offset = offsetRaw - envDelayS;
        String reason = null;
        if (offset - onset < minDurationS) {
            reason = "TOO_SHORT";
        } else {
            double before = mean(onset - 1.5, onset - 0.2);
            double after = mean(offset + 0.05, offset + 0.5);
            if (!Double.isNaN(before) && !Double.isNaN(after) && Math.abs(after - before) > BASELINE_SHIFT_MMHG) {
                reason = "BASELINE_SHIFT";
            }
        }
        if (reason == null) {
            listener.onMovement(new LegMovement(onset, offset, leg, peak, rms));
        } else {
            listener.onRejected(leg, new TimeInterval(onset, Math.max(onset, offset)), reason);
        }
    }

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
