package org.plmmonitor.bridge.i2c;

import com.pi4j.io.i2c.I2C;

/**
 * {@link I2cDevice} over a Pi4J 2.x {@link I2C}. Pi4J reports bus failures (a device that does not
 * acknowledge: "Remote I/O error") as unchecked exceptions; they become {@link I2cException}s naming the
 * bus, address and register. Single-byte reads are masked to 0..255 because some providers (the mock
 * plugin) return the byte sign-extended.
 */
public final class Pi4jI2cDevice implements I2cDevice {
    private final I2C i2c;

    /** @param i2c an open Pi4J I2C device handle; closing stays with its owner */
    public Pi4jI2cDevice(I2C i2c) {
        this.i2c = i2c;
    }

    @Override
    public int address() {
        return i2c.device();
    }

    @Override
    public int readRegister(int register) throws I2cException {
        try {
            return i2c.readRegister(register) & 0xFF;
        } catch (RuntimeException e) {
            throw failure("reading register", register, e);
        }
    }

    @Override
    public void writeRegister(int register, int value) throws I2cException {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("value " + value + " for register 0x" + Integer.toHexString(register)
                    + " is outside 0..255");
        }
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw failure("writing register", register, e);
        }
    }

    @Override
    public void readRegisters(int register, byte[] buffer, int offset, int length) throws I2cException {
        int got;
        try {
            got = i2c.readRegister(register, buffer, offset, length);
        } catch (RuntimeException e) {
            throw failure("reading " + length + " bytes from register", register, e);
        }
        if (got != length) {
            throw new I2cException(where() + ": read " + got + " of " + length + " bytes from register 0x"
                    + Integer.toHexString(register));
        }
    }

    private I2cException failure(String action, int register, RuntimeException e) {
        return new I2cException(where() + ": " + action + " 0x" + Integer.toHexString(register) + " failed: "
                + e.getMessage(), e);
    }

    private String where() {
        return String.format("I2C bus %d address 0x%02X", i2c.bus(), i2c.device());
    }
}
