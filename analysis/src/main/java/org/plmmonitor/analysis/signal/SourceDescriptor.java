package org.plmmonitor.analysis.signal;

import org.plmmonitor.analysis.movement.Leg;

/**
 * What a source of acceleration is, said once by the source itself where the facts are known (the
 * serial board's handshake, the I2C sensor's configuration, a file's time column, the simulator's
 * spec) and never guessed again downstream: detectors, the posture watch, the status and the report
 * all take the rate from here.
 *
 * @param leg    the leg the sensor is strapped to, {@link Leg#LEFT} or {@link Leg#RIGHT}
 * @param rateHz the source's real output data rate, Hz, 10-1000 (stamps may drift from it by a few percent)
 * @param name   the source as a person would name it (a file, a device path, a chip and address, a seed); not blank
 * @param type   the kind of source in the config's words ({@code serial}, {@code i2c-adxl345}, {@code replay},
 *               {@code simulator}, {@code file}); not blank
 * @param live   true when a device delivers in real time; false for a recording or a simulation
 */
public record SourceDescriptor(Leg leg, double rateHz, String name, String type, boolean live) {
    /** Lowest rate a source may have, Hz: the detector's band needs 10 Hz. */
    public static final double MIN_RATE_HZ = 10;
    /** Highest rate a source may have, Hz. */
    public static final double MAX_RATE_HZ = 1000;

    public SourceDescriptor {
        if (leg != Leg.LEFT && leg != Leg.RIGHT) {
            throw new IllegalArgumentException("a source is on one leg, LEFT or RIGHT, not " + leg);
        }
        if (!(rateHz >= MIN_RATE_HZ && rateHz <= MAX_RATE_HZ)) {
            throw new IllegalArgumentException(name + ": sample rate " + rateHz + " Hz is outside "
                    + (int) MIN_RATE_HZ + "-" + (int) MAX_RATE_HZ + " Hz");
        }
        if (name == null || name.isBlank() || type == null || type.isBlank()) {
            throw new IllegalArgumentException("a source needs a name and a type, got '" + name + "', '" + type + "'");
        }
    }
}
