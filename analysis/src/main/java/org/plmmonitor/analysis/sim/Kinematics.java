package org.plmmonitor.analysis.sim;

/**
 * The distribution of kinematic leg movements ({@link MovementModel#KINEMATIC}): how far, how fast and
 * in what shape the shank turns about the knee. Angles are tilts of the shank relative to gravity, so
 * one degree changes gravity's projection on the sensor by about 17 mg.
 *
 * @param tiltMinDeg       smallest tilt of a visible movement in degrees, 0.86 (15 mg) to 30
 * @param tiltMaxDeg       largest tilt of a visible movement in degrees, tiltMinDeg to 30 (drawn log-uniform)
 * @param rampMinS         shortest onset or return ramp in s, 0.1 to 3
 * @param rampMaxS         longest onset or return ramp in s, rampMinS to 3
 * @param settleShare      share of movements whose foot comes to rest 0.5 to settleMaxDeg away, 0 to 1
 * @param settleMaxDeg     largest residual offset after a movement in degrees, 0.5 to 5
 * @param pairShare        share of movements rendered as two movements 0.5-1.5 s apart, 0 to 1
 * @param dipShare         share of movements that dip in the middle without stopping, 0 to 1
 * @param longShare        share of isolated movements longer than 10 s, 0 to 1
 * @param vibrationShare   largest added vibration burst, as a fraction of the tilt's change in mg, 0 to 2
 * @param tremorMaxG       largest linear acceleration of the hold tremor in g, 0 to 0.05
 * @param shankMinM        shortest knee-to-sensor distance in m, 0.2 to 0.6
 * @param shankMaxM        longest knee-to-sensor distance in m, shankMinM to 0.6
 */
public record Kinematics(double tiltMinDeg, double tiltMaxDeg, double rampMinS, double rampMaxS,
                         double settleShare, double settleMaxDeg, double pairShare, double dipShare,
                         double longShare, double vibrationShare, double tremorMaxG,
                         double shankMinM, double shankMaxM) {

    /** A typical spread: 1-15 degrees, 0.3-2 s ramps, most feet settling a little away. */
    public static final Kinematics TYPICAL = new Kinematics(1, 15, 0.3, 2, 0.6, 3, 0.1, 0.1, 0.15, 0.3, 0.01, 0.3, 0.45);

    public Kinematics {
        check("tiltMinDeg", tiltMinDeg, 0.86, 30);
        check("tiltMaxDeg", tiltMaxDeg, tiltMinDeg, 30);
        check("rampMinS", rampMinS, 0.1, 3);
        check("rampMaxS", rampMaxS, rampMinS, 3);
        check("settleShare", settleShare, 0, 1);
        check("settleMaxDeg", settleMaxDeg, 0.5, 5);
        check("pairShare", pairShare, 0, 1);
        check("dipShare", dipShare, 0, 1);
        check("longShare", longShare, 0, 1);
        check("vibrationShare", vibrationShare, 0, 2);
        check("tremorMaxG", tremorMaxG, 0, 0.05);
        check("shankMinM", shankMinM, 0.2, 0.6);
        check("shankMaxM", shankMaxM, shankMinM, 0.6);
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("kinematics " + name + " = " + v + " is outside [" + lo + ", " + hi + "]");
        }
    }
}
