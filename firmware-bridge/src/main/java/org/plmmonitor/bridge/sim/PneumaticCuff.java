package org.plmmonitor.bridge.sim;

/**
 * A first-order pneumatic model of a leg cuff: the pump drives pressure toward its supply pressure
 * with a time constant, the open vent drains it with another, a small leak always drains it, and leg
 * movements push brief transients on top (a cuff on a moving leg is squeezed). Crude but enough to
 * exercise the controller's loop and its safety trips.
 */
public final class PneumaticCuff {
    /** Pump stall pressure, mmHg. */
    static final double SUPPLY_MMHG = 120;
    /** Inflation time constant, s (0 to 29 mmHg in about 1.1 s). */
    static final double TAU_PUMP_S = 4.0;
    /** Vent time constant, s. */
    static final double TAU_VENT_S = 0.5;
    /** Leak time constant, s. */
    static final double TAU_LEAK_S = 300;
    /** Decay of a movement transient, s. */
    static final double TAU_TRANSIENT_S = 0.2;
    /** Transient per g of movement beyond 1 g, mmHg, scaled by fill (pressure / 30 mmHg). */
    static final double TRANSIENT_MMHG_PER_G = 20;

    private double base;
    private double transient_;

    /**
     * @param dtS       step, s, small against the time constants (10 ms)
     * @param pumpOn    pump running
     * @param ventOpen  vent valve open (normally open: open unless energised)
     * @param leakScale 1 for the nominal leak, more for a leaking cuff
     */
    public void step(double dtS, boolean pumpOn, boolean ventOpen, double leakScale) {
        double d = -base / TAU_LEAK_S * leakScale;
        if (pumpOn) {
            d += (SUPPLY_MMHG - base) / TAU_PUMP_S;
        }
        if (ventOpen) {
            d -= base / TAU_VENT_S;
        }
        base = Math.max(0, base + d * dtS);
        transient_ *= Math.exp(-dtS / TAU_TRANSIENT_S);
    }

    /**
     * A leg movement squeezes the cuff.
     *
     * @param excessG acceleration magnitude beyond 1 g, g, 0 or more
     */
    public void movement(double excessG) {
        double fill = Math.min(1, base / 30);
        transient_ = Math.max(transient_, excessG * TRANSIENT_MMHG_PER_G * fill);
    }

    /** @return the pressure a sensor would read, mmHg */
    public double pressureMmHg() {
        return base + transient_;
    }
}
