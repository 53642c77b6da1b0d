package org.plmmonitor.analysis.movement;

/**
 * What saw a leg movement: the modality is stamped by the detector that found it and carried to the
 * report and the store, never guessed later. Its JSON name is the {@code source} key of
 * docs/contracts.md.
 */
public enum MovementSource {
    /** An ankle accelerometer; amplitude in g. */
    ACCELEROMETER("accelerometer", true),
    /** A compression cuff's pressure while it held; amplitude in mmHg. */
    CUFF_PRESSURE("cuff-pressure", false),
    /** Both, on the same leg, as one movement; amplitude from the accelerometer, g. */
    ACCELEROMETER_AND_CUFF("accelerometer+cuff-pressure", true),
    /** Events imported from a scoring (EDF+, CSV, RemLogic); no amplitude. */
    IMPORTED("imported-events", false);

    private final String jsonName;
    private final boolean amplitudeInG;

    MovementSource(String jsonName, boolean amplitudeInG) {
        this.jsonName = jsonName;
        this.amplitudeInG = amplitudeInG;
    }

    /** @return the name in reports and the store */
    public String jsonName() {
        return jsonName;
    }

    /** @return true when a movement's peak and RMS are in g; false: mmHg (cuff) or unknown (imported) */
    public boolean amplitudeInG() {
        return amplitudeInG;
    }

    /**
     * @param other the source of a movement joined with one of this source
     * @return the joined movement's source: the same when equal, else both modalities
     */
    public MovementSource join(MovementSource other) {
        if (other == this) {
            return this;
        }
        if (this == IMPORTED || other == IMPORTED) {
            throw new IllegalArgumentException("imported events are not joined with detected movements ("
                    + this + ", " + other + ")");
        }
        return ACCELEROMETER_AND_CUFF;
    }

    /**
     * @param name a {@link #jsonName()}
     * @return the source with that name
     * @throws IllegalArgumentException for any other text
     */
    public static MovementSource parse(String name) {
        for (MovementSource s : values()) {
            if (s.jsonName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown movement source '" + name + "'");
    }
}
