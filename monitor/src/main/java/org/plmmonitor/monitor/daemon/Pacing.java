package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;

import java.util.function.LongSupplier;

/**
 * How far each step of the run loop asks the sources to go. Live sources deliver what the device holds, and
 * the loop waits a poll interval between steps. Virtual sources (simulator, replay) deliver up to the line
 * time they are asked for: at the configured speed (line seconds per real second, from the first sample),
 * or as fast as the store takes them, in small steps that keep the legs in step.
 */
final class Pacing {
    /** Line time a fast virtual run advances per step, s: small enough to keep the legs in step. */
    static final double FAST_STEP_S = 5.0;

    private final boolean virtual;
    private final double speed;
    private final LongSupplier nanos;
    private final long realOrigin;
    private double lineOrigin = Double.NaN;

    /**
     * @param virtual true for simulator and replay sources
     * @param speed   line seconds per real second, or +infinity for as fast as possible (virtual runs)
     * @param nanos   the monotonic clock, ns
     */
    Pacing(boolean virtual, double speed, LongSupplier nanos) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed " + speed + " is not above 0");
        }
        this.virtual = virtual;
        this.speed = speed;
        this.nanos = nanos;
        this.realOrigin = nanos.getAsLong();
    }

    /**
     * @param cfg  the configuration
     * @param fast true to run virtual sources as fast as possible
     * @return the slowest configured simulator or replay speed (x real time), or +infinity when fast or none
     */
    static double speed(MonitorConfig cfg, boolean fast) {
        double s = Double.POSITIVE_INFINITY;
        if (fast) {
            return s;
        }
        for (SensorConfig c : cfg.sensors().values()) {
            if (c instanceof SensorConfig.Simulator sim) {
                s = Math.min(s, sim.speed());
            } else if (c instanceof SensorConfig.Replay r) {
                s = Math.min(s, r.speed());
            }
        }
        return s;
    }

    /**
     * @param nextS the earliest stamp the virtual sources still running will deliver next, s (+infinity when
     *              none is known); ignored on a live run
     * @return the line time this step asks the sources for, s (+infinity on a live run)
     */
    double untilS(double nextS) {
        if (!virtual) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(lineOrigin) && Double.isFinite(nextS)) {
            lineOrigin = nextS;
        }
        return Double.isInfinite(speed) || Double.isNaN(lineOrigin) ? nextS + FAST_STEP_S
                : lineOrigin + (nanos.getAsLong() - realOrigin) / 1e9 * speed;
    }

    /** @return true when the loop waits a poll interval between steps (live, or a virtual run at a set speed) */
    boolean pausesBetweenSteps() {
        return !virtual || !Double.isInfinite(speed);
    }
}
