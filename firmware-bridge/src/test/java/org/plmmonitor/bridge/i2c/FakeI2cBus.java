package org.plmmonitor.bridge.i2c;

import java.util.HashMap;
import java.util.Map;

/** A bus holding fake devices; an address with nothing on it never acknowledges. */
final class FakeI2cBus implements I2cBus {
    private final Map<Integer, I2cDevice> devices = new HashMap<>();

    FakeI2cBus attach(I2cDevice device) {
        devices.put(device.address(), device);
        return this;
    }

    @Override
    public I2cDevice device(int address) {
        I2cDevice d = devices.get(address);
        if (d != null) {
            return d;
        }
        return new I2cDevice() {
            @Override
            public int address() {
                return address;
            }

            @Override
            public int readRegister(int register) throws I2cException {
                throw nack(register);
            }

            @Override
            public void writeRegister(int register, int value) throws I2cException {
                throw nack(register);
            }

            @Override
            public void readRegisters(int register, byte[] buffer, int offset, int length) throws I2cException {
                throw nack(register);
            }

            private I2cException nack(int register) {
                return new I2cException(String.format("fake bus: nothing at 0x%02X (register 0x%02X): Remote I/O error",
                        address, register));
            }
        };
    }

    @Override
    public void close() {
    }
}
