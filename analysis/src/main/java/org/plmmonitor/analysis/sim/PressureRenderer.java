package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A night's calf-cuff pressure as the controller would report it, from the same plan
 * ({@link SyntheticNight}) as the ankle signal: the cuff on one leg goes through inflation cycles
 * (idle, a pump ramp to a target, a hold, a vent), and while it holds it carries a slow leak with the
 * controller's top-ups (PROTOCOL.md section 8: the pump refills when the pressure falls 2 mmHg below the
 * target), respiration and pulse ripple, a slow drift of the held pressure with the air's temperature,
 * sensor noise and the telemetry's 0.1 mmHg resolution. Every leg movement of that leg (also those an
 * ankle sensor cannot see: a contracting calf presses on the cuff even when the ankle hardly moves)
 * adds a transient of 0.4-3 mmHg, scaled by how far the cuff is inflated (a deflated cuff feels
 * nothing). All choices come from the night's seed; the samples are produced lazily.
 */
public final class PressureRenderer {
    /** The telemetry rate of the controller, Hz (PROTOCOL.md section 7.4). */
    public static final double TELEMETRY_HZ = 10;
    /** Resolution of the telemetry's pressure field, mmHg. */
    public static final double LSB_MMHG = 0.1;
    private static final double NOISE_MMHG = 0.03;
    private static final double TOP_UP_BELOW_MMHG = 2;

    private final SyntheticNight night;
    private final Leg leg;
    private final double rateHz;
    private final List<Cycle> cycles = new ArrayList<>();
    private final List<double[]> bumps = new ArrayList<>(); // {onset, offset, amplitude mmHg}
    private final double respMmHg;
    private final double respHz;
    private final double pulseMmHg;
    private final double pulseHz;
    private final double driftFraction;
    private final double driftPeriodS;
    private final double driftPhase;
    private final long noiseSeed;

    /**
     * One inflation cycle: the pump ramps from {@code inflateAt} to the target, holds from
     * {@code holdFrom} to {@code ventAt}, then vents.
     */
    private record Cycle(double inflateAt, double holdFrom, double ventAt, double targetMmHg, double pumpMmHgPerS,
                         double leakTauS, double ventTauS) {
    }

    /**
     * @param night  the night whose leg movements the cuff feels
     * @param leg    the leg wearing the cuff; it need not carry an ankle sensor
     * @param rateHz telemetry rate, Hz, 5-100
     */
    public PressureRenderer(SyntheticNight night, Leg leg, double rateHz) {
        if (!(rateHz >= 5 && rateHz <= 100)) {
            throw new IllegalArgumentException("cuff telemetry rate " + rateHz + " Hz is outside [5, 100]");
        }
        if (leg != Leg.LEFT && leg != Leg.RIGHT) {
            throw new IllegalArgumentException("a cuff is on one leg, LEFT or RIGHT, not " + leg);
        }
        this.night = night;
        this.leg = leg;
        this.rateHz = rateHz;
        SplittableRandom r = new SplittableRandom(night.spec().seed() * 0x9E3779B97F4A7C15L + 0xC0FFL + leg.ordinal());
        double d = night.spec().durationS();
        for (double t = 5 + 55 * r.nextDouble(); t < d; ) {
            double target = 15 + 25 * r.nextDouble();
            double pump = 8 + 7 * r.nextDouble();
            double holdFrom = t + target / pump;
            // Holds from a minute to a quarter of an hour (log-uniform); one in five has a strong leak.
            double hold = Math.exp(Math.log(60) + (Math.log(900) - Math.log(60)) * r.nextDouble());
            double leakTau = r.nextDouble() < 0.2 ? 200 + 400 * r.nextDouble() : 1200 + 4800 * r.nextDouble();
            double ventTau = 0.3 + 0.3 * r.nextDouble();
            cycles.add(new Cycle(t, holdFrom, holdFrom + hold, target, pump, leakTau, ventTau));
            t = holdFrom + hold + 5 + 295 * r.nextDouble();
        }
        for (TruthEvent e : night.legMovements(leg, false)) {
            bumps.add(new double[]{e.onsetS(), e.offsetS(), 0.4 + 2.6 * r.nextDouble()});
        }
        respMmHg = 0.05 + 0.15 * r.nextDouble();
        respHz = 0.2 + 0.13 * r.nextDouble();
        pulseMmHg = 0.03 + 0.09 * r.nextDouble();
        pulseHz = 0.9 + 0.3 * r.nextDouble();
        driftFraction = 0.01 + 0.03 * r.nextDouble();
        driftPeriodS = 2 * 3600 + 4 * 3600 * r.nextDouble();
        driftPhase = 2 * Math.PI * r.nextDouble();
        noiseSeed = r.nextLong();
    }

    /** @return the cuffed leg */
    public Leg leg() {
        return leg;
    }

    /**
     * The truth for the cuff's analysable time: each hold, from the moment the pump stopped at the
     * target to the start of the vent, in time order.
     *
     * @return the holds, s on the night's line
     */
    public List<TimeInterval> holds() {
        List<TimeInterval> out = new ArrayList<>();
        double d = night.spec().durationS();
        for (Cycle c : cycles) {
            if (c.holdFrom < d) {
                out.add(new TimeInterval(c.holdFrom, Math.min(c.ventAt, d)));
            }
        }
        return out;
    }

    /**
     * The leg movements the cuff can be asked to find: those of the cuffed leg (the EMG truth set) that
     * lie wholly inside a hold, at least {@code settleS} after it began and {@code endMarginS} before
     * its vent.
     *
     * @param settleS    seconds after a hold's start a detector needs before it can judge, s, 0 or more
     * @param endMarginS seconds before the vent, s, 0 or more
     * @return those movements in onset order
     */
    public List<TruthEvent> movementsInHolds(double settleS, double endMarginS) {
        List<TruthEvent> out = new ArrayList<>();
        for (TruthEvent e : night.legMovements(leg, false)) {
            for (TimeInterval h : holds()) {
                if (e.onsetS() >= h.startS() + settleS && e.offsetS() <= h.endS() - endMarginS) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A fresh cursor over the pressure; each call yields exactly the same samples.
     *
     * @return samples {t s, pressure mmHg, 0, 0} at the telemetry rate, to the night's end
     */
    public SampleSource source() {
        return new Source();
    }

    private final class Source implements SampleSource {
        private final SplittableRandom noise = new SplittableRandom(noiseSeed);
        private long i;
        private int cycle;
        private int nextBump;
        /** The air in the cuff without ripple and transients, mmHg. */
        private double p;
        private boolean toppingUp;

        @Override
        public double rateHz() {
            return rateHz;
        }

        @Override
        public boolean next(double[] out) {
            double t = i / rateHz;
            if (t >= night.spec().durationS()) {
                return false;
            }
            i++;
            double dt = 1 / rateHz;
            while (cycle + 1 < cycles.size() && t >= cycles.get(cycle + 1).inflateAt) {
                cycle++;
            }
            Cycle c = cycle < cycles.size() && t >= cycles.get(cycle).inflateAt ? cycles.get(cycle) : null;
            double target = 0;
            if (c != null && t < c.ventAt) {
                // The held pressure follows the air's temperature slowly (a few percent over hours).
                target = c.targetMmHg * (1 + driftFraction * Math.sin(2 * Math.PI * t / driftPeriodS + driftPhase));
                if (t < c.holdFrom) {
                    p = Math.min(target, p + c.pumpMmHgPerS * dt);
                } else {
                    p -= p / c.leakTauS * dt;
                    if (p < target - TOP_UP_BELOW_MMHG) {
                        toppingUp = true;
                    }
                    if (toppingUp) {
                        p = Math.min(target, p + c.pumpMmHgPerS * dt);
                        toppingUp = p < target;
                    }
                }
            } else {
                toppingUp = false;
                p -= p * (1 - Math.exp(-dt / (c == null ? 0.3 : c.ventTauS)));
            }
            double inflated = c == null ? 0 : Math.min(1, p / c.targetMmHg);
            double bump = 0;
            while (nextBump < bumps.size() && bumps.get(nextBump)[1] < t - 1) {
                nextBump++;
            }
            for (int k = nextBump; k < bumps.size() && bumps.get(k)[0] <= t; k++) {
                double[] b = bumps.get(k);
                bump += b[2] * SyntheticNight.envelope(t, b[0], b[1]);
            }
            double ph = (t * pulseHz) % 1.0 - 0.5;
            double ripple = respMmHg * Math.sin(2 * Math.PI * respHz * t)
                    + pulseMmHg * Math.exp(-ph * ph / (2 * 0.06 * 0.06));
            double v = p + inflated * (bump + ripple) + NOISE_MMHG * noise.nextGaussian();
            out[0] = t;
            out[1] = Math.rint(v / LSB_MMHG) * LSB_MMHG;
            out[2] = 0;
            out[3] = 0;
            return true;
        }
    }
}
