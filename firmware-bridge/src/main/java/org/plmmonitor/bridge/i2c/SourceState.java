package org.plmmonitor.bridge.i2c;

/** Where an {@link I2cSensorSource} is in its life. */
public enum SourceState {
    /** Not yet initialised successfully. */
    STARTING,
    /** Configured and delivering samples. */
    RUNNING,
    /** A fault interrupted the stream; re-initialisation is being attempted with backoff. */
    RECOVERING
}
