package org.plmmonitor.analysis.report;

/**
 * One input a night was measured or imported from.
 *
 * @param name   the sensor or file as the user knows it
 * @param leg    {@code left}, {@code right}, or null when not tied to one leg
 * @param kind   {@code accelerometer}, {@code cuff-pressure} or {@code imported-events}
 * @param rateHz sampling rate in Hz (typically 25-100), null for imported events
 */
public record SensorInfo(String name, String leg, String kind, Double rateHz) {
    /** Kind of an ankle accelerometer. */
    public static final String ACCELEROMETER = "accelerometer";
    /** Kind of a compression cuff's pressure sensor. */
    public static final String CUFF_PRESSURE = "cuff-pressure";
    /** Kind of events imported from a file (a PSG scoring). */
    public static final String IMPORTED_EVENTS = "imported-events";

    public SensorInfo {
        if (name == null || kind == null) {
            throw new IllegalArgumentException("sensor needs a name and a kind");
        }
        if (!kind.equals(ACCELEROMETER) && !kind.equals(CUFF_PRESSURE) && !kind.equals(IMPORTED_EVENTS)) {
            throw new IllegalArgumentException("sensor kind '" + kind + "' is not one of "
                    + ACCELEROMETER + ", " + CUFF_PRESSURE + ", " + IMPORTED_EVENTS);
        }
    }
}
