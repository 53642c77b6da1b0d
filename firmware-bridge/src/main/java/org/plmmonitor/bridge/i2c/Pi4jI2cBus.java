package org.plmmonitor.bridge.i2c;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link I2cBus} over a Pi4J 2.x context: on the Pi the context carries the linuxfs provider
 * ({@code /dev/i2c-N}); in tests the mock provider.
 */
public final class Pi4jI2cBus implements I2cBus {
    private final Context context;
    private final int bus;
    private final List<I2C> opened = new ArrayList<>();

    /**
     * @param context a Pi4J context with an I2C provider (e.g. {@code Pi4J.newAutoContext()} on the Pi)
     * @param bus     Linux I2C bus number, 0 to 31 (1 is the Pi's header pins 3/5)
     */
    public Pi4jI2cBus(Context context, int bus) {
        if (bus < 0 || bus > 31) {
            throw new IllegalArgumentException("I2C bus " + bus + " is outside 0..31");
        }
        this.context = context;
        this.bus = bus;
    }

    @Override
    public synchronized I2cDevice device(int address) throws I2cException {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(String.format("I2C address 0x%02X is outside 0x03..0x77", address));
        }
        try {
            I2C i2c = context.create(I2C.newConfigBuilder(context)
                    .id(String.format("plm-i2c-%d-%02x", bus, address))
                    .name(String.format("accelerometer at 0x%02X", address))
                    .bus(bus)
                    .device(address)
                    .build());
            opened.add(i2c);
            return new Pi4jI2cDevice(i2c);
        } catch (RuntimeException e) {
            throw new I2cException(String.format("opening I2C bus %d address 0x%02X failed: %s", bus, address,
                    e.getMessage()), e);
        }
    }

    @Override
    public synchronized void close() {
        for (I2C i2c : opened) {
            try {
                i2c.close();
            } catch (RuntimeException e) {
                // Closing is best effort: the device may already be gone, which is why we are closing.
            }
        }
        opened.clear();
    }
}
