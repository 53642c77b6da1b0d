package org.plmmonitor.bridge.i2c;

/**
 * Register-level driver for one accelerometer with a FIFO. Stateless apart from the configured range:
 * recovery and timing live in {@link I2cSensorSource}.
 */
public interface AccelerometerChip {
    /** @return which part this driver speaks to */
    AccelerometerPart part();

    /**
     * @return the identity register's value, 0 to 255 (compare with {@link AccelerometerPart#expectedId()})
     * @throws I2cException when the read fails
     */
    int readId() throws I2cException;

    /**
     * Puts the part in standby, sets rate and range, empties the FIFO, sets stream mode with the
     * watermark, then starts measuring. Samples count from this call on.
     *
     * @param rateHz    output data rate, one of {@link AccelerometerPart#ratesHz()}, Hz
     * @param rangeG    full scale, one of {@link AccelerometerPart#rangesG()}, g
     * @param watermark FIFO watermark in samples, 1 to 31
     * @throws I2cException when a write fails
     */
    void configure(int rateHz, int rangeG, int watermark) throws I2cException;

    /**
     * @return how many samples the FIFO holds and whether it is full (samples may have been overwritten)
     * @throws I2cException when the read fails
     */
    FifoLevel readFifoLevel() throws I2cException;

    /**
     * Reads and removes the oldest {@code count} samples from the FIFO.
     *
     * @param count samples to read, 1 to {@link AccelerometerPart#FIFO_DEPTH}; no more than
     *              {@link #readFifoLevel()} reported
     * @return raw counts, oldest first
     * @throws I2cException when a read fails
     */
    RawSamples readFifo(int count) throws I2cException;

    /** @return g per count at the configured range (before {@link #configure}: at ±2 g) */
    double gPerCount();
}
