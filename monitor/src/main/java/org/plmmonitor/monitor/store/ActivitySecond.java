package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;

import java.util.Objects;

/**
 * One second of one leg's activity, keyed by (night, leg, epoch second).
 *
 * @param nightId    night id ({@link NightIds})
 * @param leg        left or right
 * @param epochS     the second, UTC epoch seconds; InfluxDB timestamp is {@code epochS * 1000}
 * @param activityG  RMS of the acceleration envelope over the second, g, {@code >= 0} (finite)
 * @param lying      true when the sensor's orientation says lying
 * @param worn       true when the sensor is judged worn
 */
public record ActivitySecond(String nightId, Leg leg, long epochS, double activityG,
                             boolean lying, boolean worn) implements StoredItem {
    public ActivitySecond {
        NightIds.requireValid(nightId);
        Objects.requireNonNull(leg, "activity leg");
        if (leg == Leg.BILATERAL) {
            throw new IllegalArgumentException("activity is per sensor: leg must be left or right, not bilateral");
        }
        if (!(activityG >= 0) || Double.isInfinite(activityG)) {
            throw new IllegalArgumentException("activity " + activityG + " g must be finite and >= 0");
        }
    }
}
