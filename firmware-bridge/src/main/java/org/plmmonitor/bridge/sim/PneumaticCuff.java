package org.plmmonitor.bridge.sim;

/**
 * A first-order pneumatic model of a leg cuff: the pump drives pressure toward its supply pressure
 * with a time constant, the open vent drains it with another, a small leak always drains it, and leg
 * movements push brief transients on top (a cuff on a moving leg is squeezed). Crude but enough to
 * exercise the controller's loop and its safety trips.
 */
public final class PneumaticCuff {

    /**
     * The plant's constants; tests pass other values (a leaking cuff) through the constructor.
     *
     * @param supplyMmHg         pump stall pressure, mmHg, above 0
     * @param tauPumpS           inflation time constant, s, above 0 (4 s: 0 to 29 mmHg in about 1.1 s)
     * @param tauVentS           vent time constant, s, above 0
     * @param tauLeakS           leak time constant, s, above 0 (smaller is a worse leak)
     * @param tauTransientS      decay of a movement transient, s, above 0
     * @param transientMmHgPerG  transient per g of movement beyond 1 g, mmHg, 0 or more, scaled by fill
     *                           (pressure / 30 mmHg)
     */
    public record Params(double supplyMmHg, double tauPumpS, double tauVentS, double tauLeakS, double tauTransientS,
                         double transientMmHgPerG) {
        /** The cuff the simulator models by default. */
        public static final Params NOMINAL = new Params(120, 4.0, 0.5, 300, 0.2, 20);

        public Params {
            positive("supplyMmHg", supplyMmHg);
            positive("tauPumpS", tauPumpS);
            positive("tauVentS", tauVentS);
            positive("tauLeakS", tauLeakS);
            positive("tauTransientS", tauTransientS);
            if (!(transientMmHgPerG >= 0)) {
                throw new IllegalArgumentException("transientMmHgPerG = " + transientMmHgPerG + "; expected 0 or more");
            }
        }

        private static void positive(String name, double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(name + " = " + v + "; expected above 0");
            }
        }

        /**
         * @param s leak time constant, s, above 0
         * @return these constants with another leak
         */
        public Params withTauLeakS(double s) {
            return new Params(supplyMmHg, tauPumpS, tauVentS, s, tauTransientS, transientMmHgPerG);
        }
    }

    private final Params p;
    private double base;
    private double transient_;

    /** A nominal cuff. */
    public PneumaticCuff() {
        this(Params.NOMINAL);
    }

    /** @param params the plant's constants */
    public PneumaticCuff(Params params) {
        this.p = params;
    }

    /**
     * @param dtS      step, s, small against the time constants (10 ms)
     * @param pumpOn   pump running
     * @param ventOpen vent valve open (normally open: open unless energised)
     */
    public void step(double dtS, boolean pumpOn, boolean ventOpen) {
        double d = -base / p.tauLeakS();
        if (pumpOn) {
            d += (p.supplyMmHg() - base) / p.tauPumpS();
        }
        if (ventOpen) {
            d -= base / p.tauVentS();
        }
        base = Math.max(0, base + d * dtS);
        transient_ *= Math.exp(-dtS / p.tauTransientS());
    }

    /**
     * A leg movement squeezes the cuff.
     *
     * @param excessG acceleration magnitude beyond 1 g, g, 0 or more
     */
    public void movement(double excessG) {
        double fill = Math.min(1, base / 30);
        transient_ = Math.max(transient_, excessG * p.transientMmHgPerG() * fill);
    }

    /** @return the pressure a sensor would read, mmHg */
    public double pressureMmHg() {
        return base + transient_;
    }
}
