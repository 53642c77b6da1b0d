package org.plmmonitor.bridge.i2c;

import java.io.IOException;

/**
 * A transfer on the I2C bus failed: the device did not acknowledge (gone, or "remote I/O error" on
 * Linux), the bus is stuck, or the driver behind it refused. The message names the bus, the 7-bit
 * address and the register involved.
 */
public class I2cException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done, naming bus, address and register
     * @param cause   the library's exception, or null
     */
    public I2cException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what was being done, naming bus, address and register */
    public I2cException(String message) {
        super(message);
    }
}
