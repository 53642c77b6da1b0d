package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.core.AccelerationSink;
import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.LinkCounters;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SessionConfig;

import java.util.function.LongSupplier;

/**
 * One serial board (one device path), which may carry both legs. Its samples are stamped on the
 * board's own clock (sample counter / rate); they are moved onto the daemon's monotonic line by one
 * offset taken at the board's first sample, shared by its legs so that they stay aligned. The session
 * reads on its own thread; {@link SerialFeed}s hand the samples to the processing thread. A cuff
 * controller on the same device ({@link CuffMonitor}) listens on the same session.
 */
final class SerialBoard implements AutoCloseable {
    private final String path;
    private final DeviceSession session;
    private final SerialSensorSource source;
    private final LongSupplier nanos;
    private double offsetS = Double.NaN;
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
            @Override
            public void accept(double tS, double xG, double yG, double zG) {
                sink.accept(tS + offset(tS), xG, yG, zG);
            }

            @Override
            public void gap(double fromS, double toS) {
                sink.gap(fromS + offset(fromS), toS + offset(fromS));
            }
        });
    }

    private synchronized double offset(double deviceS) {
        if (Double.isNaN(offsetS)) {
            offsetS = nanos.getAsLong() / 1e9 - deviceS;
        }
        return offsetS;
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
