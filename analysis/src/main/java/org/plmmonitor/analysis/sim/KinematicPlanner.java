package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws kinematic leg movements ({@link Kinematics}) from a random stream of its own, so that the
 * burst model's nights keep every draw they had. One planned slot becomes one movement, a pair of
 * movements 0.5-1.5 s apart, one movement that dips in the middle, or (isolated slots) one long
 * wandering movement.
 */
final class KinematicPlanner {
    private static final double DEG = Math.PI / 180;
    /** The most linear acceleration an invisible (EMG-only) movement may carry, g. */
    private static final double INVISIBLE_LINEAR_G = 0.004;

    /** A vibration burst to lay over a movement: {start s, end s, peak g}. */
    record Vibration(double start, double end, double peakG) {
    }

    /** What one slot became. */
    record Planned(ShankMovement movement, List<TruthEvent> truth, List<Vibration> vibrations) {
    }

    private final Kinematics k;
    private final SplittableRandom r;
    private final double[] lengthM = new double[2];
    /** The rest offset each leg has drifted to, degrees along the lift axis (steers residuals back). */
    private final double[] restDeg = new double[2];

    /**
     * @param k    the spread of movements
     * @param seed the night's seed; the planner's stream is derived from it and touches nothing else
     */
    KinematicPlanner(Kinematics k, long seed) {
        this.k = k;
        this.r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x6B696EL);
        for (int i = 0; i < 2; i++) {
            lengthM[i] = k.shankMinM() + (k.shankMaxM() - k.shankMinM()) * r.nextDouble();
        }
    }

    /** @return the planner's own random stream (for what the caller lays over a movement) */
    SplittableRandom random() {
        return r;
    }

    /** @return whether an isolated slot should be a long (over 10 s) movement */
    boolean nextIsLong() {
        return r.nextDouble() < k.longShare();
    }

    /**
     * @param leg     the leg that moves
     * @param onset   start, s on the night's line
     * @param dur     length of the slot, s (0.5-25; over 10 s renders one long movement)
     * @param kind    PERIODIC_LM or ISOLATED_LM
     * @param visible whether the movement is large enough for the sensor (false: under 0.25 degree)
     * @param mayPair whether the slot may become two movements 0.5-1.5 s apart (false when the slot is one
     *                given movement whose neighbours are given too: a pair would invent a movement). The
     *                shape is drawn either way, so the stream stays the same
     */
    Planned plan(Leg leg, double onset, double dur, Kind kind, boolean visible, boolean mayPair) {
        double tilt = visible ? logUniform(k.tiltMinDeg(), k.tiltMaxDeg()) * DEG : (0.05 + 0.2 * r.nextDouble()) * DEG;
        double sign = r.nextBoolean() ? 1 : -1;
        // Mostly a lift of the shank (knee and hip flexion), partly a roll about its own axis.
        double axisTurn = (r.nextDouble() - 0.5) * Math.PI / 3;
        double tremorG = visible ? k.tremorMaxG() * r.nextDouble() : 0;
        double tremorHz = 4 + 5 * r.nextDouble();
        double len = lengthM[leg.ordinal()];
        double tremorRad = tremorG * 9.80665 / (len * Math.pow(2 * Math.PI * tremorHz, 2));
        double phase = 2 * Math.PI * r.nextDouble();
        // A movement the ankle cannot see (EMG only) leaves the foot where it was.
        double residual = visible ? residual(leg) : 0;
        List<Double> kt = new ArrayList<>();
        List<Double> ka = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        List<TruthEvent> truth = new ArrayList<>();
        double peakG = 2 * Math.sin(tilt / 2);
        double shape = r.nextDouble();
        kt.add(0.0);
        ka.add(0.0);
        if (dur > 10) {
            // A long movement: the leg wanders without resting until it settles.
            double t = 0;
            while (t < dur - 1.5) {
                double step = Math.min(dur - 1 - t, 0.8 + 2.2 * r.nextDouble());
                t += step;
                kt.add(t);
                ka.add(sign * tilt * (0.2 + 0.8 * r.nextDouble()));
            }
            kt.add(dur);
            ka.add(residual);
            spans.add(new double[]{0, dur});
            truth.add(new TruthEvent(onset, onset + dur, leg, kind, visible, peakG));
        } else if (mayPair && shape < k.pairShare() && dur >= 1.0) {
            // Two movements with a real rest between: WASM's offset rule makes them two.
            double m1 = Math.max(0.5, dur * (0.35 + 0.15 * r.nextDouble()));
            double gap = 0.5 + r.nextDouble();
            double m2 = Math.max(0.5, dur - m1);
            // Between the two the foot rests within half a degree of where it started; an
            // invisible pair stays invisible throughout.
            double mid = (r.nextDouble() - 0.5) * (visible ? DEG : tilt);
            double tilt2 = Math.max(visible ? k.tiltMinDeg() * DEG : 0, tilt * (0.5 + 0.7 * r.nextDouble()));
            ramps(kt, ka, 0, m1, sign * tilt, sign * tilt * hold(), mid);
            kt.add(m1 + gap);
            ka.add(mid);
            ramps(kt, ka, m1 + gap, m2, mid + sign * tilt2, mid + sign * tilt2 * hold(), residual);
            spans.add(new double[]{0, m1});
            spans.add(new double[]{m1 + gap, m1 + gap + m2});
            truth.add(new TruthEvent(onset, onset + m1, leg, kind, visible, peakG));
            truth.add(new TruthEvent(onset + m1 + gap, onset + m1 + gap + m2, leg, kind, visible,
                    2 * Math.sin(tilt2 / 2)));
        } else {
            ramps(kt, ka, 0, dur, sign * tilt, sign * tilt * hold(), residual);
            if (shape >= k.pairShare() && shape < k.pairShare() + k.dipShare() && kt.get(2) - kt.get(1) >= 0.6) {
                // A dip half-way through the hold without stopping: still one movement.
                double at = (kt.get(1) + kt.get(2)) / 2;
                kt.add(2, at);
                ka.add(2, sign * tilt * (0.3 + 0.3 * r.nextDouble()));
            }
            spans.add(new double[]{0, dur});
            truth.add(new TruthEvent(onset, onset + dur, leg, kind, visible, peakG));
        }
        double[] t = kt.stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = ka.stream().mapToDouble(Double::doubleValue).toArray();
        double[] v = new double[t.length];
        if (dur > 10) {
            // The leg wanders without resting: it passes each via-point moving, so no still
            // half-second inside it says "one movement ended" to a sensor or to the 0.5 s offset
            // rule. Through a via-point the leg keeps its way (the mean of the slopes on either
            // side); at a via-point where it turns back it still moves, at half the steeper slope,
            // so that it turns just before or after the point with its acceleration, not at rest.
            for (int i = 1; i < t.length - 1; i++) {
                double in = (a[i] - a[i - 1]) / (t[i] - t[i - 1]);
                double out = (a[i + 1] - a[i]) / (t[i + 1] - t[i]);
                v[i] = in * out > 0 ? (in + out) / 2 : Math.abs(in) > Math.abs(out) ? in / 2 : out / 2;
            }
        }
        // Tangential acceleration comes from the lift; a roll about the shank's axis moves the sensor not at all.
        double lift = len * Math.cos(axisTurn);
        double linear = linearPeakG(t, a, lift, 0, Double.MAX_VALUE);
        if (!visible && linear > INVISIBLE_LINEAR_G) {
            // Even a quarter of a degree, moved in a fifth of a second, shakes the ankle by tens of
            // mg: an EMG-only movement is one the ankle hardly follows, so its angles shrink to fit.
            double f = INVISIBLE_LINEAR_G / linear;
            for (int i = 0; i < a.length; i++) {
                a[i] *= f;
            }
            List<TruthEvent> shrunk = new ArrayList<>();
            for (TruthEvent e : truth) {
                shrunk.add(new TruthEvent(e.onsetS(), e.offsetS(), leg, kind, false, e.peakG() * f));
            }
            truth = shrunk;
        }
        List<TruthEvent> withLinear = new ArrayList<>();
        for (TruthEvent e : truth) {
            double own = linearPeakG(t, a, lift, e.onsetS() - onset, e.offsetS() - onset);
            withLinear.add(new TruthEvent(e.onsetS(), e.offsetS(), leg, kind, visible, Math.max(e.peakG(), own)));
        }
        truth = withLinear;
        ShankMovement m = new ShankMovement(onset, t, a, v, spans.toArray(new double[0][]), tremorRad, tremorHz, phase, axisTurn, len);
        restDeg[leg.ordinal()] += a[a.length - 1] / DEG;
        List<Vibration> vib = new ArrayList<>();
        if (visible && k.vibrationShare() > 0) {
            for (TruthEvent e : truth) {
                double p = k.vibrationShare() * r.nextDouble() * e.peakG();
                if (p > 0.002) {
                    vib.add(new Vibration(e.onsetS(), e.offsetS(), p));
                }
            }
        }
        return new Planned(m, truth, vib);
    }

    /**
     * The largest tangential acceleration of the sensor, in g: a minimum-jerk move of A rad over d s
     * peaks at 5.77 A / d^2 rad/s^2 (tremor left out), over the moves between {@code from} and {@code to}
     * (s from the movement's start).
     */
    static double linearPeakG(double[] t, double[] a, double lengthM, double from, double to) {
        double most = 0;
        for (int i = 1; i < t.length; i++) {
            if (t[i - 1] < from - 1e-9 || t[i] > to + 1e-9) {
                continue;
            }
            double d = t[i] - t[i - 1];
            most = Math.max(most, 5.7735 * Math.abs(a[i] - a[i - 1]) / (d * d));
        }
        return most * lengthM / 9.80665;
    }

    /** Appends an onset ramp to {@code up}, a hold drifting to {@code held}, and a return to {@code back}. */
    private void ramps(List<Double> kt, List<Double> ka, double from, double dur, double up, double held, double back) {
        double on = k.rampMinS() + (k.rampMaxS() - k.rampMinS()) * r.nextDouble();
        double off = k.rampMinS() + (k.rampMaxS() - k.rampMinS()) * r.nextDouble();
        if (on + off > 0.9 * dur) {
            double f = 0.9 * dur / (on + off);
            on *= f;
            off *= f;
        }
        kt.add(from + on);
        ka.add(up);
        kt.add(from + dur - off);
        ka.add(held);
        kt.add(from + dur);
        ka.add(back);
    }

    private double hold() {
        return 0.85 + 0.25 * r.nextDouble();
    }

    /** The offset the foot settles at, steering the leg's rest back when it has wandered over 2 degrees. */
    private double residual(Leg leg) {
        if (r.nextDouble() >= k.settleShare()) {
            return 0;
        }
        double size = (0.5 + (k.settleMaxDeg() - 0.5) * r.nextDouble()) * DEG;
        double drift = restDeg[leg.ordinal()];
        if (Math.abs(drift) > 2) {
            return -Math.signum(drift) * size;
        }
        return r.nextBoolean() ? size : -size;
    }

    private double logUniform(double lo, double hi) {
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }
}
