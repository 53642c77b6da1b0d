package org.plmmonitor.bridge.i2c;

/**
 * One device at one 7-bit address on an I2C bus, seen as 8-bit registers. Our own small interface so
 * drivers run against Pi4J on the Pi and against register-level fakes in tests.
 */
public interface I2cDevice {
    /** @return the 7-bit address, 0x03 to 0x77 */
    int address();

    /**
     * @param register register address 0x00 to 0xFF (parts that need an auto-increment flag get it from
     *                 their driver, not from here)
     * @return the register's value, unsigned, 0 to 255
     * @throws I2cException when the transfer fails
     */
    int readRegister(int register) throws I2cException;

    /**
     * @param register register address 0x00 to 0xFF
     * @param value    value to write, 0 to 255
     * @throws I2cException when the transfer fails
     */
    void writeRegister(int register, int value) throws I2cException;

    /**
     * Writes the register address, then reads {@code length} bytes in one transaction (repeated start).
     *
     * @param register register address 0x00 to 0xFF, sent as is
     * @param buffer   receives the bytes
     * @param offset   first index in {@code buffer} to fill
     * @param length   number of bytes, 1 or more
     * @throws I2cException when the transfer fails or returns fewer bytes
     */
    void readRegisters(int register, byte[] buffer, int offset, int length) throws I2cException;
}
