package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.movement.Leg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The pneumatic compression cuff controller ({@code cuff.*}). The controller's firmware owns the last
 * line of safety (its compiled ceiling, watchdog and vent); these limits are the host's, and can only be
 * stricter than the firmware's.
 *
 * @param link              how the controller is reached
 * @param path              the serial device, present exactly when {@code link} is {@link Link#SERIAL}
 * @param baud              serial line speed in bit/s, one of {@link SensorConfig#BAUD_RATES}
 * @param maxPressureMmHg   pressure ceiling in mmHg, {@link #MIN_PRESSURE_MMHG}-{@link #HARD_MAX_PRESSURE_MMHG}
 * @param maxInflation      longest one inflation may last, {@link #MIN_INFLATION_S}-{@link #MAX_INFLATION_S} s
 * @param therapy           the therapy policy; its target below {@code maxPressureMmHg}, its hold at most
 *                          {@code maxInflation}
 * @param leg               the leg the cuff is on ({@code cuff.leg}), LEFT or RIGHT: its pressure's movements are that leg's
 * @param trial             the n-of-1 trial, or empty; present only with a policy other than off
 */
public record CuffConfig(Link link, Optional<Path> path, int baud, int maxPressureMmHg, Duration maxInflation,
                         CuffTherapy therapy, Leg leg, Optional<TrialConfig> trial) {
    /** Default pressure ceiling in mmHg: above the ~29 mmHg (40 cm H2O) reported for the Lettieri 2009 cycle. */
    public static final int DEFAULT_MAX_PRESSURE_MMHG = 40;
    /** Lowest ceiling in mmHg that still inflates a cuff usefully. */
    public static final int MIN_PRESSURE_MMHG = 10;
    /** No configuration may raise the ceiling above this, in mmHg. */
    public static final int HARD_MAX_PRESSURE_MMHG = 60;
    /** Default longest inflation in s. */
    public static final int DEFAULT_MAX_INFLATION_S = 30;
    /** Shortest allowed maximum inflation in s. */
    public static final int MIN_INFLATION_S = 1;
    /** Longest allowed maximum inflation in s. */
    public static final int MAX_INFLATION_S = 120;

    /** How the host reaches the cuff controller. */
    public enum Link {
        /** A serial device (USB, UART or rfcomm). */
        SERIAL,
        /** An in-process simulated controller, for tests and demos. */
        SIMULATOR
    }

    public CuffConfig {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(maxInflation, "maxInflation");
        if ((link == Link.SERIAL) != path.isPresent()) {
            throw new IllegalArgumentException("a cuff path is needed exactly for a serial cuff, link " + link
                    + " path " + path.map(Path::toString).orElse("absent"));
        }
        Checks.oneOf("baud", baud, SensorConfig.BAUD_RATES);
        Checks.range("max_pressure_mmhg", maxPressureMmHg, MIN_PRESSURE_MMHG, HARD_MAX_PRESSURE_MMHG);
        Checks.range("max_inflation_s", maxInflation.toSeconds(), MIN_INFLATION_S, MAX_INFLATION_S);
        Objects.requireNonNull(therapy, "therapy");
        if (leg != Leg.LEFT && leg != Leg.RIGHT) {
            throw new IllegalArgumentException("a cuff is on one leg, left or right, not " + leg);
        }
        Objects.requireNonNull(trial, "trial");
        if (trial.isPresent() && therapy.policy() == CuffTherapy.Policy.OFF) {
            throw new IllegalArgumentException("trial on needs a cuff.policy other than off: the cuff arm's nights run it");
        }
        if (therapy.policy() != CuffTherapy.Policy.OFF) {
            if (therapy.targetMmHg() >= maxPressureMmHg) {
                throw new IllegalArgumentException("target_mmhg " + therapy.targetMmHg() + " is not below max_pressure_mmhg "
                        + maxPressureMmHg + " (the controller refuses a target at its ceiling)");
            }
            if (therapy.inflationS() > maxInflation.toSeconds()) {
                throw new IllegalArgumentException("inflation_s " + therapy.inflationS() + " is more than max_inflation_s "
                        + maxInflation.toSeconds());
            }
        }
    }

    /**
     * A cuff on the left leg (the {@code cuff.leg} default), without a trial.
     *
     * @param link            how the controller is reached
     * @param path            the serial device, present exactly for {@link Link#SERIAL}
     * @param baud            serial line speed, bit/s
     * @param maxPressureMmHg pressure ceiling, mmHg
     * @param maxInflation    longest one inflation may last
     * @param therapy         the therapy policy
     */
    public CuffConfig(Link link, Optional<Path> path, int baud, int maxPressureMmHg, Duration maxInflation,
                      CuffTherapy therapy) {
        this(link, path, baud, maxPressureMmHg, maxInflation, therapy, Leg.LEFT, Optional.empty());
    }

    /**
     * A cuff on one leg, without a trial.
     *
     * @param leg the leg the cuff is on, LEFT or RIGHT
     * @see #CuffConfig(Link, Optional, int, int, Duration, CuffTherapy, Leg, Optional)
     */
    public CuffConfig(Link link, Optional<Path> path, int baud, int maxPressureMmHg, Duration maxInflation,
                      CuffTherapy therapy, Leg leg) {
        this(link, path, baud, maxPressureMmHg, maxInflation, therapy, leg, Optional.empty());
    }

    /**
     * A cuff on the left leg (the {@code cuff.leg} default).
     *
     * @param trial the n-of-1 trial, or empty
     * @see #CuffConfig(Link, Optional, int, int, Duration, CuffTherapy, Leg, Optional)
     */
    public CuffConfig(Link link, Optional<Path> path, int baud, int maxPressureMmHg, Duration maxInflation,
                      CuffTherapy therapy, Optional<TrialConfig> trial) {
        this(link, path, baud, maxPressureMmHg, maxInflation, therapy, Leg.LEFT, trial);
    }

    /**
     * A cuff that is watched and never inflated ({@link CuffTherapy#OFF}).
     *
     * @param link            how the controller is reached
     * @param path            the serial device, present exactly for {@link Link#SERIAL}
     * @param baud            serial line speed, bit/s
     * @param maxPressureMmHg pressure ceiling, mmHg
     * @param maxInflation    longest one inflation may last
     */
    public CuffConfig(Link link, Optional<Path> path, int baud, int maxPressureMmHg, Duration maxInflation) {
        this(link, path, baud, maxPressureMmHg, maxInflation, CuffTherapy.OFF);
    }
}
