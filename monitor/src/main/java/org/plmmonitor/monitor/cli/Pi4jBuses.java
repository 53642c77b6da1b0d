package org.plmmonitor.monitor.cli;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import org.plmmonitor.bridge.i2c.I2cBus;
import org.plmmonitor.bridge.i2c.Pi4jI2cBus;

/** Opens I2C buses through one Pi4J context, created only when a configured sensor needs it. */
final class Pi4jBuses implements AutoCloseable {
    private Context context;

    /** @param bus Linux I2C bus number, 0-31 @return the bus */
    synchronized I2cBus open(int bus) {
        if (context == null) {
            context = Pi4J.newAutoContext();
        }
        return new Pi4jI2cBus(context, bus);
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.shutdown();
            context = null;
        }
    }
}
