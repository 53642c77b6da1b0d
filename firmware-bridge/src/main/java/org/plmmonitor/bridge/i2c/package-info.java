/**
 * I2C accelerometers on the Pi: our small bus interface ({@link org.plmmonitor.bridge.i2c.I2cBus},
 * {@link org.plmmonitor.bridge.i2c.I2cDevice}) with a Pi4J 2.x implementation, register-level drivers for
 * the ADXL345 and LIS3DH ({@link org.plmmonitor.bridge.i2c.AccelerometerChip}), and the poller
 * {@link org.plmmonitor.bridge.i2c.I2cSensorSource} that drains their FIFOs, stamps samples with a
 * {@link org.plmmonitor.bridge.time.SampleClock}, and recovers from bus faults, reporting each
 * interruption as one gap. Wiring and the reasons behind rates and watermarks: firmware-bridge/I2C.md.
 */
package org.plmmonitor.bridge.i2c;
