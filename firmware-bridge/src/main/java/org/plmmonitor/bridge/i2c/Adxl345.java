package org.plmmonitor.bridge.i2c;

/**
 * Driver for the Analog Devices ADXL345 (datasheet rev. G register map). Runs in full-resolution mode,
 * where one count is 3.9 mg (256 counts/g) at every range and the range only sets where readings clip;
 * that keeps small leg movements resolved even at ±16 g.
 *
 * <p>FIFO: stream mode (FIFO_CTL bits 7:6 = 10) keeps the newest 32 samples; the Samples field is the
 * watermark. FIFO_STATUS bits 5:0 count the stored samples. Each sample is read as one 6-byte burst from
 * DATAX0 (0x32), because the part pops one FIFO level per read transaction of the data registers.
 */
public final class Adxl345 implements AccelerometerChip {
    static final int DEVID = 0x00;
    static final int BW_RATE = 0x2C;
    static final int POWER_CTL = 0x2D;
    static final int DATA_FORMAT = 0x31;
    static final int DATAX0 = 0x32;
    static final int FIFO_CTL = 0x38;
    static final int FIFO_STATUS = 0x39;

    static final int POWER_MEASURE = 0x08;
    static final int FORMAT_FULL_RES = 0x08;
    static final int FIFO_MODE_BYPASS = 0x00;
    static final int FIFO_MODE_STREAM = 0x80;
    /** 256 counts per g in full-resolution mode (datasheet: 3.9 mg/LSB typical). */
    static final double G_PER_COUNT = 1.0 / 256.0;

    private final I2cDevice device;
    private final byte[] buffer = new byte[6];

    /** @param device the device at 0x53 or 0x1D */
    public Adxl345(I2cDevice device) {
        this.device = device;
    }

    @Override
    public AccelerometerPart part() {
        return AccelerometerPart.ADXL345;
    }

    @Override
    public int readId() throws I2cException {
        return device.readRegister(DEVID);
    }

    @Override
    public void configure(int rateHz, int rangeG, int watermark) throws I2cException {
        AccelerometerPart.ADXL345.validate(rateHz, rangeG, device.address());
        AccelerometerPart.requireWatermark(watermark);
        device.writeRegister(POWER_CTL, 0x00); // standby while reconfiguring, as the datasheet advises
        device.writeRegister(BW_RATE, rateCode(rateHz));
        device.writeRegister(DATA_FORMAT, FORMAT_FULL_RES | rangeCode(rangeG));
        device.writeRegister(FIFO_CTL, FIFO_MODE_BYPASS); // bypass empties the FIFO
        device.writeRegister(FIFO_CTL, FIFO_MODE_STREAM | watermark);
        device.writeRegister(POWER_CTL, POWER_MEASURE);
    }

    @Override
    public FifoLevel readFifoLevel() throws I2cException {
        int entries = device.readRegister(FIFO_STATUS) & 0x3F;
        // 33 is possible: 32 in the FIFO plus one in the output registers; we never read past 32.
        int stored = Math.min(entries, AccelerometerPart.FIFO_DEPTH);
        return new FifoLevel(stored, entries >= AccelerometerPart.FIFO_DEPTH);
    }

    @Override
    public RawSamples readFifo(int count) throws I2cException {
        AccelerometerPart.requireCount(count);
        int[] xyz = new int[3 * count];
        for (int i = 0; i < count; i++) {
            device.readRegisters(DATAX0, buffer, 0, 6);
            xyz[3 * i] = (short) ((buffer[0] & 0xFF) | (buffer[1] << 8));
            xyz[3 * i + 1] = (short) ((buffer[2] & 0xFF) | (buffer[3] << 8));
            xyz[3 * i + 2] = (short) ((buffer[4] & 0xFF) | (buffer[5] << 8));
        }
        return new RawSamples(xyz);
    }

    @Override
    public double gPerCount() {
        return G_PER_COUNT;
    }

    /** @return the BW_RATE code for a rate in Hz (0x08 = 25 Hz, doubling per step) */
    static int rateCode(int rateHz) {
        switch (rateHz) {
            case 25: return 0x08;
            case 50: return 0x09;
            case 100: return 0x0A;
            default: throw new IllegalArgumentException("ADXL345: rate " + rateHz + " Hz is not one of [25, 50, 100] Hz");
        }
    }

    /** @return the DATA_FORMAT range bits for a range in g */
    static int rangeCode(int rangeG) {
        switch (rangeG) {
            case 2: return 0;
            case 4: return 1;
            case 8: return 2;
            case 16: return 3;
            default: throw new IllegalArgumentException("ADXL345: range " + rangeG + " g is not one of [2, 4, 8, 16] g");
        }
    }
}
