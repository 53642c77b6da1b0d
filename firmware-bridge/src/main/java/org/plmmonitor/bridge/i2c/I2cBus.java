package org.plmmonitor.bridge.i2c;

/** An I2C bus from which devices at given addresses are opened. */
public interface I2cBus extends AutoCloseable {
    /**
     * @param address 7-bit address, 0x03 to 0x77
     * @return the device handle; opening does not talk to the device, so it succeeds for an absent one
     * @throws I2cException when the bus itself cannot be opened
     */
    I2cDevice device(int address) throws I2cException;

    /** Releases the bus and every device opened from it. */
    @Override
    void close();
}
