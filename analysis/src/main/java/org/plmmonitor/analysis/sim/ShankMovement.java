package org.plmmonitor.analysis.sim;

/**
 * One kinematic leg movement as the shank performs it: a tilt angle over time (smooth minimum-jerk
 * moves between knots, so onset ramps, holds, dips and returns are all one description; a knot may
 * be passed moving, as a long wandering movement passes its via-points), a small
 * tremor while the leg is active, the axis it turns about and the knee-to-sensor distance. The angle
 * ends at the residual offset, which the leg keeps as its new rest.
 */
final class ShankMovement {
    /** Standard gravity, m/s^2: the linear acceleration is given in g like the rest of the signal. */
    private static final double G = 9.80665;

    final double start;
    final double end;
    private final double[] knotT;
    private final double[] knotA;
    private final double[] knotV;
    private final double[][] tremorSpans;
    private final double tremorRad;
    private final double tremorOmega;
    private final double tremorPhase;
    private final double axisTurn;
    private final double lengthM;

    /**
     * @param start       onset on the night's time line, s
     * @param knotT       knot times relative to start, s, increasing, first 0
     * @param knotA       tilt at each knot, rad (first 0: the leg's rest; last: the residual offset)
     * @param knotV       angular velocity at each knot, rad/s (first and last 0: the leg starts from and
     *                    comes to rest); all 0 gives minimum-jerk moves that stop at every knot
     * @param tremorSpans spans relative to start, s, {from, to}, where the leg is active and trembles
     * @param tremorRad   tremor amplitude, rad (0 = none)
     * @param tremorHz    tremor frequency, Hz (1-10)
     * @param tremorPhase tremor phase, rad
     * @param axisTurn    how far the rotation axis is turned from the knee's flexion axis (across both
     *                    the shank and gravity, the axis that lifts the shank) toward the shank's own
     *                    long axis, rad (-pi/2 to pi/2; 0 = a pure lift)
     * @param lengthM     knee-to-sensor distance, m (0.2-0.6)
     */
    ShankMovement(double start, double[] knotT, double[] knotA, double[] knotV, double[][] tremorSpans,
                  double tremorRad, double tremorHz, double tremorPhase, double axisTurn, double lengthM) {
        if (knotV.length != knotT.length || knotV[0] != 0 || knotV[knotV.length - 1] != 0) {
            throw new IllegalArgumentException("knot velocities must match the knots and start and end at 0");
        }
        this.start = start;
        this.end = start + knotT[knotT.length - 1];
        this.knotT = knotT.clone();
        this.knotA = knotA.clone();
        this.knotV = knotV.clone();
        this.tremorSpans = tremorSpans;
        this.tremorRad = tremorRad;
        this.tremorOmega = 2 * Math.PI * tremorHz;
        this.tremorPhase = tremorPhase;
        this.axisTurn = axisTurn;
        this.lengthM = lengthM;
    }

    /**
     * @param up the up vector in the shank frame when the movement ends
     * @return the rotation this movement leaves behind, a rotation vector in the shank frame (rad)
     */
    double[] residual(double[] up) {
        double r = knotA[knotA.length - 1];
        double[] k = axis(up);
        return k == null ? new double[3] : new double[]{k[0] * r, k[1] * r, k[2] * r};
    }

    /** The rotation axis for the present posture: a unit vector across gravity, or null when the shank is upright. */
    private double[] axis(double[] up) {
        double[] lift = cross(new double[]{1, 0, 0}, up);
        double n = norm(lift);
        if (n < 1e-6) {
            return null;
        }
        double[] along = across(new double[]{1, 0, 0}, up);
        double na = norm(along);
        double c = Math.cos(axisTurn) / n;
        double s = Math.sin(axisTurn) / na;
        return new double[]{c * lift[0] + s * along[0], c * lift[1] + s * along[1], c * lift[2] + s * along[2]};
    }

    /** @return the knot times relative to {@link #start}, s, increasing, first 0 (a copy) */
    double[] knotTimes() {
        return knotT.clone();
    }

    /** @return {angle rad, angular velocity rad/s, angular acceleration rad/s^2} at time t on the night's line */
    double[] angle(double t) {
        double u = t - start;
        double[] out = new double[3];
        int n = knotT.length;
        if (u <= 0) {
            out[0] = knotA[0];
        } else if (u >= knotT[n - 1]) {
            out[0] = knotA[n - 1];
        } else {
            int i = 0;
            while (knotT[i + 1] <= u) {
                i++;
            }
            double d = knotT[i + 1] - knotT[i];
            double x = (u - knotT[i]) / d;
            double delta = knotA[i + 1] - knotA[i];
            // Minimum-jerk: the smooth point-to-point profile of a voluntary-looking limb movement.
            out[0] = knotA[i] + delta * (x * x * x * (10 - 15 * x + 6 * x * x));
            out[1] = delta * 30 * x * x * (1 - x) * (1 - x) / d;
            out[2] = delta * (60 * x - 180 * x * x + 120 * x * x * x) / (d * d);
            double v0 = knotV[i] * d;
            double v1 = knotV[i + 1] * d;
            if (v0 != 0 || v1 != 0) {
                // Passed moving: the quintic Hermite terms that start the segment at v0 and end it
                // at v1 (zero acceleration at both knots), added to the minimum-jerk move between
                // the same two angles.
                double x2 = x * x;
                double x3 = x2 * x;
                out[0] += v0 * (x - 6 * x3 + 8 * x3 * x - 3 * x3 * x2) + v1 * (-4 * x3 + 7 * x3 * x - 3 * x3 * x2);
                out[1] += (v0 * (1 - 18 * x2 + 32 * x3 - 15 * x3 * x) + v1 * (-12 * x2 + 28 * x3 - 15 * x3 * x)) / d;
                out[2] += (v0 * (-36 * x + 96 * x2 - 60 * x3) + v1 * (-24 * x + 84 * x2 - 60 * x3)) / (d * d);
            }
        }
        if (tremorRad > 0) {
            for (double[] s : tremorSpans) {
                if (u >= s[0] && u < s[1]) {
                    double e = Math.min(1, Math.min(u - s[0], s[1] - u) / 0.1);
                    double p = tremorOmega * u + tremorPhase;
                    out[0] += e * tremorRad * Math.sin(p);
                    out[1] += e * tremorRad * tremorOmega * Math.cos(p);
                    out[2] -= e * tremorRad * tremorOmega * tremorOmega * Math.sin(p);
                }
            }
        }
        return out;
    }

    /**
     * What the sensor feels, in the shank frame and in g: gravity (the up vector {@code up}, turned by
     * the leg's rest offset and, if {@code m} is not null, by m's tilt at time t) plus the linear
     * acceleration of a point {@code lengthM} from the knee on a shank turning about it.
     *
     * @param up   unit up vector in the shank frame for the current posture, g
     * @param rest the leg's accumulated rest offset, rotation vector in the shank frame, rad
     * @param m    the active movement, or null
     * @param t    time on the night's line, s
     * @param out  receives the specific force, g (3 values)
     */
    static void render(double[] up, double[] rest, ShankMovement m, double t, double[] out) {
        // Only rotation across gravity tilts it; the rest offset's part about the up vector (left
        // by a posture change since) changes nothing a gravity-referenced tilt would count.
        double[] w = across(rest, up);
        double[] ang = null;
        double[] k = null;
        if (m != null) {
            ang = m.angle(t);
            k = m.axis(up);
            if (k != null) {
                for (int j = 0; j < 3; j++) {
                    w[j] += ang[0] * k[j];
                }
            }
        }
        double th = norm(w);
        if (th < 1e-12) {
            System.arraycopy(up, 0, out, 0, 3);
        } else {
            // The shank turns by +w, so the world's up, seen from the shank, turns by -w; w is across up.
            double[] c = cross(w, up);
            double s = Math.sin(th) / th;
            double co = Math.cos(th);
            for (int j = 0; j < 3; j++) {
                out[j] = up[j] * co - c[j] * s;
            }
        }
        if (k != null) {
            // Sensor at r0 = L along the shank's long axis from the knee: a = alpha'' k x r0 + alpha'^2 k x (k x r0).
            double[] r0 = {-m.lengthM, 0, 0};
            double[] kr = cross(k, r0);
            double[] kkr = cross(k, kr);
            for (int j = 0; j < 3; j++) {
                out[j] += (ang[2] * kr[j] + ang[1] * ang[1] * kkr[j]) / G;
            }
        }
    }

    private static double[] across(double[] v, double[] up) {
        double d = v[0] * up[0] + v[1] * up[1] + v[2] * up[2];
        return new double[]{v[0] - d * up[0], v[1] - d * up[1], v[2] - d * up[2]};
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[]{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
