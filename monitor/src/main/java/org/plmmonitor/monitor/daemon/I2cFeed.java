package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SourceDescriptor;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.i2c.AccelerometerPart;
import org.plmmonitor.bridge.i2c.I2cBus;
import org.plmmonitor.bridge.i2c.I2cException;
import org.plmmonitor.bridge.i2c.I2cSensorConfig;
import org.plmmonitor.bridge.i2c.I2cSensorSource;
import org.plmmonitor.bridge.i2c.SensorHealth;
import org.plmmonitor.monitor.config.SensorConfig;

import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * An accelerometer on the I2C bus, polled by the processing thread; stamps come from the shared monotonic
 * clock, the rate from its config (the rate the chip is set to).
 */
final class I2cFeed implements SampleFeed {
    private final SensorConfig.I2c cfg;
    private final SourceDescriptor descriptor;
    /** Written and read on the processing thread, which polls the driver. */
    private long lost;
    private final I2cSensorSource source;

    /**
     * @param leg   the leg it is strapped to
     * @param cfg   its configured chip, bus, address, rate and range
     * @param bus   the opened bus (not owned)
     * @param sink  where samples go
     * @param nanos the daemon's monotonic clock, ns
     * @throws I2cException when the bus cannot open the address
     */
    I2cFeed(Leg leg, SensorConfig.I2c cfg, I2cBus bus, SampleSink sink, LongSupplier nanos) throws I2cException {
        this.cfg = cfg;
        this.descriptor = new SourceDescriptor(leg, cfg.rateHz(),
                String.format(Locale.ROOT, "%s on /dev/i2c-%d at 0x%02x", cfg.chip(), cfg.bus(), cfg.address()),
                cfg.typeName(), true);
        I2cSensorConfig sc = I2cSensorConfig.builder(AccelerometerPart.valueOf(cfg.chip().name()))
                .name(leg.jsonName()).address(cfg.address()).rateHz(cfg.rateHz()).rangeG(cfg.rangeG()).build();
        this.source = new I2cSensorSource(sc, bus, sink, nanos).addGapListener(g -> lost++);
    }

    @Override
    public Optional<SourceDescriptor> descriptor() {
        return Optional.of(descriptor);
    }

    @Override
    public String type() {
        return cfg.typeName();
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public boolean pump(double untilS) {
        source.poll();
        return true;
    }

    @Override
    public double nextS() {
        return Double.NaN;
    }

    @Override
    public long rejected() {
        SensorHealth h = source.health();
        return h.faults() + h.failedInits();
    }

    /** @return interruptions the driver told its gap listener of (as every live feed counts them) */
    @Override
    public long lost() {
        return lost;
    }

    /** @return the driver's own health snapshot */
    SensorHealth health() {
        return source.health();
    }
}
