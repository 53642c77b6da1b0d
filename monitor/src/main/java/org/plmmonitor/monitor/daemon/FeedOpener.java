package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.SensorConfig;

import java.util.Optional;

/** Opens each leg's source for a run and releases what they share (buses) at its end. */
interface FeedOpener extends AutoCloseable {
    /**
     * @param leg    the leg
     * @param sensor its configured source
     * @param sink   where its samples go, a block at a time, on the processing thread
     * @return the open feed
     * @throws ConfigException when the source cannot be used (naming its key)
     * @throws InputException  when a recording is malformed
     */
    SampleFeed open(Leg leg, SensorConfig sensor, SampleSink sink) throws ConfigException, InputException;

    /**
     * @param path a serial device path, as configured
     * @return the serial sensor board opened on that device, if a leg's source uses it (a cuff controller on
     *         the same device shares its session rather than opening the port twice)
     */
    default Optional<SerialBoard> serialBoard(String path) {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
