package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.LinkCounters;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SessionConfig;
import org.plmmonitor.bridge.time.DeviceClock;

import java.util.function.LongSupplier;

/**
 * One serial board (one device path), which may carry both legs. Its samples are stamped on the
 * board's own clock (sample counter / rate); a {@link DeviceClock}, shared by its legs so that they stay
 * aligned, moves them onto the daemon's monotonic line and follows the board's crystal (or RC
 * oscillator) drift against it, so that the end of a night is as close to the host's time as its start. The session
 * reads on its own thread; {@link SerialFeed}s hand the samples to the processing thread. A cuff
 * controller on the same device ({@link CuffMonitor}) listens on the same session.
 */
final class SerialBoard implements AutoCloseable {
    private final String path;
    private final DeviceSession session;
    private final SerialSensorSource source;
    private final LongSupplier nanos;
    private final DeviceClock clock = new DeviceClock();
    private boolean started;

    /**
     * @param path  the device
     * @param baud  line speed, bit/s
     * @param nanos the daemon's monotonic clock, ns
     */
    SerialBoard(String path, int baud, LongSupplier nanos) {
        this.path = path;
        this.nanos = nanos;
        this.session = DeviceSession.overSerial(path, SerialLinkConfig.builder().baudRate(baud).build(), SessionConfig.DEFAULT);
        this.source = new SerialSensorSource(nanos);
        session.addListener(source);
    }

    /** @return the device path */
    String path() {
        return path;
    }

    /** Routes one leg's samples, moved onto the monotonic line, into a sink (called on the reader thread). */
    void addSink(Leg leg, AccelerationSink sink) {
        source.addSink(leg, new AccelerationSink() {
            private double lastS = Double.NEGATIVE_INFINITY;

            @Override
            public void accept(double tS, double xG, double yG, double zG) {
                clock.observe(tS, nanos.getAsLong());
                // The clock is monotone in device time; this only guards a leg lagging the other by minutes.
                lastS = Math.max(clock.map(tS), Math.nextUp(lastS));
                sink.accept(lastS, xG, yG, zG);
            }

            @Override
            public void gap(double fromS, double toS) {
                // A gap follows a sample of this leg (the source reports none before one), so the line exists.
                sink.gap(Math.max(clock.map(fromS), lastS), clock.map(toS));
            }
        });
    }

    /** Starts reading (once, after every leg's sink is added). */
    synchronized void start() {
        if (!started) {
            started = true;
            session.start();
        }
    }

    /** @return the board's session, for a cuff controller on the same device (it shares the one open port) */
    DeviceSession session() {
        return session;
    }

    /** @return the link's counters (frames rejected, lost) */
    LinkCounters counters() {
        return session.counters();
    }

    @Override
    public void close() {
        session.close();
    }
}
