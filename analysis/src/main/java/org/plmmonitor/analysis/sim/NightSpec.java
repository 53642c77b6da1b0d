package org.plmmonitor.analysis.sim;

/**
 * What a synthetic night should look like. Build with {@link #builder()}; every field has a default
 * that gives a realistic moderate night.
 *
 * @param seed              seed of every random choice; the same spec gives the same night, sample for sample
 * @param durationS         recorded length in s, 60 to 172800 (48 h)
 * @param rateHz            nominal sample rate in Hz, 25 to 100
 * @param clockDrift        fractional error of the sensor clock, -0.05 to 0.05 (0.01 = runs 1 % fast),
 *                          plus a slow wander of a tenth of it; stamps follow the drifting clock
 * @param bilateral         two ankles (left and right) rather than one (left)
 * @param plmPerHour        target periodic movements per hour in bed (EMG view, before invisibility), 0 to 120
 * @param invisibleFraction share of leg movements too small for an ankle sensor, 0 to 0.8 (Terrill 2013: 0.39)
 * @param distractors       include the distractor families of docs/domain.md section 3
 * @param noiseDensity      MEMS noise density in g/sqrt(Hz), 0 to 0.001 (typical 150-300 ug/sqrt(Hz))
 * @param lsbG              quantisation step in g (0 = none), 0 to 0.01 (ADXL345 full resolution 0.0039)
 * @param content           everything, or one ingredient alone (for the no-false-detection tests)
 * @param movementModel     how leg movements are drawn (BURST: the original model, every seed's night as it was)
 * @param kinematics        the spread of kinematic movements (used by KINEMATIC and MIXED only)
 * @param seriesTiming      how periodic movements are timed (REGULAR: every seed's night as it was)
 */
public record NightSpec(long seed, double durationS, double rateHz, double clockDrift, boolean bilateral,
                        double plmPerHour, double invisibleFraction, boolean distractors,
                        double noiseDensity, double lsbG, Content content, MovementModel movementModel,
                        Kinematics kinematics, SeriesTiming seriesTiming) {

    /** What goes into the night: a full night, or one ingredient alone. */
    public enum Content {
        /** Movements, physiology and (if enabled) distractors. */
        FULL,
        /** Sensor noise alone (a sensor lying still on a table). */
        NOISE_ONLY,
        /** A worn, still leg: respiration and pulse micro-motion, noise; no movement. */
        RESPIRATION_ONLY,
        /** A worn, still leg on a mattress shaken by a bed partner; no leg movement. */
        VIBRATION_ONLY
    }

    public NightSpec {
        check("durationS", durationS, 60, 172800);
        check("rateHz", rateHz, 25, 100);
        check("clockDrift", clockDrift, -0.05, 0.05);
        check("plmPerHour", plmPerHour, 0, 120);
        check("invisibleFraction", invisibleFraction, 0, 0.8);
        check("noiseDensity", noiseDensity, 0, 0.001);
        check("lsbG", lsbG, 0, 0.01);
        if (content == null) {
            throw new IllegalArgumentException("night spec content is null; use one of FULL, NOISE_ONLY, RESPIRATION_ONLY, VIBRATION_ONLY");
        }
        if (movementModel == null || kinematics == null) {
            throw new IllegalArgumentException("night spec movementModel or kinematics is null; use BURST, KINEMATIC or MIXED and e.g. Kinematics.TYPICAL");
        }
        if (seriesTiming == null) {
            throw new IllegalArgumentException("night spec seriesTiming is null; use REGULAR or IRREGULAR_DENSE");
        }
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("night spec " + name + " = " + v + " is outside [" + lo + ", " + hi + "]");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        return new Builder().seed(seed).durationS(durationS).rateHz(rateHz).clockDrift(clockDrift)
                .bilateral(bilateral).plmPerHour(plmPerHour).invisibleFraction(invisibleFraction)
                .distractors(distractors).noiseDensity(noiseDensity).lsbG(lsbG).content(content)
                .movementModel(movementModel).kinematics(kinematics).seriesTiming(seriesTiming);
    }

    /** Mutable builder; {@link #build()} validates once. */
    public static final class Builder {
        private long seed = 1;
        private double durationS = 8 * 3600;
        private double rateHz = 50;
        private double clockDrift = 0;
        private boolean bilateral = false;
        private double plmPerHour = 25;
        private double invisibleFraction = 0.39;
        private boolean distractors = true;
        private double noiseDensity = 250e-6;
        private double lsbG = 0.001;
        private Content content = Content.FULL;
        private MovementModel movementModel = MovementModel.BURST;
        private Kinematics kinematics = Kinematics.TYPICAL;
        private SeriesTiming seriesTiming = SeriesTiming.REGULAR;

        public Builder seed(long v) { seed = v; return this; }
        public Builder durationS(double v) { durationS = v; return this; }
        public Builder rateHz(double v) { rateHz = v; return this; }
        public Builder clockDrift(double v) { clockDrift = v; return this; }
        public Builder bilateral(boolean v) { bilateral = v; return this; }
        public Builder plmPerHour(double v) { plmPerHour = v; return this; }
        public Builder invisibleFraction(double v) { invisibleFraction = v; return this; }
        public Builder distractors(boolean v) { distractors = v; return this; }
        public Builder noiseDensity(double v) { noiseDensity = v; return this; }
        public Builder lsbG(double v) { lsbG = v; return this; }
        public Builder content(Content v) { content = v; return this; }
        public Builder movementModel(MovementModel v) { movementModel = v; return this; }
        public Builder kinematics(Kinematics v) { kinematics = v; return this; }
        public Builder seriesTiming(SeriesTiming v) { seriesTiming = v; return this; }

        public NightSpec build() {
            return new NightSpec(seed, durationS, rateHz, clockDrift, bilateral, plmPerHour,
                    invisibleFraction, distractors, noiseDensity, lsbG, content, movementModel, kinematics, seriesTiming);
        }
    }
}
