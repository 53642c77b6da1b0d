package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.signal.SourceDescriptor;

import java.util.Optional;

/**
 * One leg's source as the processing thread drives it. A feed hands blocks of samples, stamped on the
 * monotonic line in seconds, to the sink it was built with, on the processing thread. Live feeds (I2C,
 * serial) deliver what the device has; virtual feeds (simulator, replay) deliver up to the time they are
 * asked for, so the daemon sets their pace and the samples' own stamps are the only time they carry.
 *
 * <p>Its {@link #descriptor()} is the one place the daemon takes a leg's rate from.
 */
interface SampleFeed extends AutoCloseable {
    /**
     * @return what the source is, with its real rate, once it is known: at once for I2C (its config),
     *         replay (the file) and the simulator (its spec); for a serial board once the board has said
     *         it (its handshake or its first batch; every sample the feed delivers comes after that)
     */
    Optional<SourceDescriptor> descriptor();

    /** @return the config's type name ({@code simulator}, {@code replay}, {@code i2c-adxl345}, ...), known before the descriptor */
    String type();

    /** @return the source as a person would name it (file, device, seed), known before the descriptor */
    String name();

    /** @return true when the samples come from a device in real time; false for simulator and replay */
    boolean live();

    /**
     * Delivers samples into the sink.
     *
     * @param untilS a virtual feed delivers every sample stamped at or before this line time, s; a live
     *               feed ignores it and delivers what the device holds
     * @return false once the feed has ended (a virtual feed's last sample was delivered)
     * @throws InputException when a recording is malformed (file, line and field named)
     */
    boolean pump(double untilS) throws InputException;

    /** @return the stamp of the next sample a virtual feed will deliver, s, or NaN when unknown or ended */
    double nextS();

    /** @return frames the source rejected (corrupt, frozen, failed transfers) since start */
    default long rejected() {
        return 0;
    }

    /** @return times samples were lost (interruptions, overflows, missing frames) since start */
    default long lost() {
        return 0;
    }

    /** @return the state of the source's device link, or empty for a source without one (simulator, replay, I2C) */
    default Optional<SourceLinkState> link() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
