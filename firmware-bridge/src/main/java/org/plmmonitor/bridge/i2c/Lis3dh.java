package org.plmmonitor.bridge.i2c;

/**
 * Driver for the ST LIS3DH (datasheet DocID17530 register map). Runs in high-resolution mode (12-bit,
 * left-justified in 16 bits): 1, 2, 4 or 12 mg per count at ±2, 4, 8, 16 g.
 *
 * <p>FIFO: enabled by CTRL_REG5 FIFO_EN; FIFO_CTRL_REG stream mode (bits 7:6 = 10) with the watermark in
 * FTH. FIFO_SRC_REG holds WTM (bit 7), OVRN_FIFO (bit 6: full, the next sample overwrites the oldest),
 * EMPTY (bit 5) and FSS (bits 4:0, stored samples; it cannot say 32, OVRN_FIFO does). Samples are read
 * from OUT_X_L with the sub-address MSB set (0xA8) for auto-increment; in FIFO mode the pointer wraps
 * from OUT_Z_H back to OUT_X_L, so several samples come in one burst, which we keep to 5 samples
 * (30 bytes) to stay within the 32-byte SMBus block size some adapters impose.
 */
public final class Lis3dh implements AccelerometerChip {
    static final int WHO_AM_I = 0x0F;
    static final int CTRL_REG1 = 0x20;
    static final int CTRL_REG4 = 0x23;
    static final int CTRL_REG5 = 0x24;
    static final int OUT_X_L = 0x28;
    static final int FIFO_CTRL_REG = 0x2E;
    static final int FIFO_SRC_REG = 0x2F;

    static final int AUTO_INCREMENT = 0x80;
    static final int XYZ_ENABLE = 0x07;
    static final int CTRL4_BDU = 0x80;
    static final int CTRL4_HR = 0x08;
    static final int CTRL5_FIFO_EN = 0x40;
    static final int FIFO_MODE_BYPASS = 0x00;
    static final int FIFO_MODE_STREAM = 0x80;
    static final int SRC_OVRN = 0x40;
    static final int SRC_EMPTY = 0x20;
    private static final int SAMPLES_PER_BURST = 5;

    private final I2cDevice device;
    private final byte[] buffer = new byte[6 * SAMPLES_PER_BURST];
    private double gPerCount = gPerCount(2);

    /** @param device the device at 0x18 or 0x19 */
    public Lis3dh(I2cDevice device) {
        this.device = device;
    }

    @Override
    public AccelerometerPart part() {
        return AccelerometerPart.LIS3DH;
    }

    @Override
    public int readId() throws I2cException {
        return device.readRegister(WHO_AM_I);
    }

    @Override
    public void configure(int rateHz, int rangeG, int watermark) throws I2cException {
        AccelerometerPart.LIS3DH.validate(rateHz, rangeG, device.address());
        AccelerometerPart.requireWatermark(watermark);
        device.writeRegister(CTRL_REG1, 0x00); // power down while reconfiguring
        device.writeRegister(CTRL_REG4, CTRL4_BDU | (rangeCode(rangeG) << 4) | CTRL4_HR);
        device.writeRegister(CTRL_REG5, CTRL5_FIFO_EN);
        device.writeRegister(FIFO_CTRL_REG, FIFO_MODE_BYPASS); // bypass empties the FIFO
        device.writeRegister(FIFO_CTRL_REG, FIFO_MODE_STREAM | watermark);
        device.writeRegister(CTRL_REG1, (rateCode(rateHz) << 4) | XYZ_ENABLE);
        gPerCount = gPerCount(rangeG);
    }

    @Override
    public FifoLevel readFifoLevel() throws I2cException {
        int src = device.readRegister(FIFO_SRC_REG);
        if ((src & SRC_OVRN) != 0) {
            return new FifoLevel(AccelerometerPart.FIFO_DEPTH, true);
        }
        if ((src & SRC_EMPTY) != 0) {
            return new FifoLevel(0, false);
        }
        return new FifoLevel(src & 0x1F, false);
    }

    @Override
    public RawSamples readFifo(int count) throws I2cException {
        AccelerometerPart.requireCount(count);
        int[] xyz = new int[3 * count];
        for (int done = 0; done < count; ) {
            int n = Math.min(SAMPLES_PER_BURST, count - done);
            device.readRegisters(OUT_X_L | AUTO_INCREMENT, buffer, 0, 6 * n);
            for (int i = 0; i < n; i++) {
                for (int axis = 0; axis < 3; axis++) {
                    int lo = buffer[6 * i + 2 * axis] & 0xFF;
                    int hi = buffer[6 * i + 2 * axis + 1];
                    // 12 bits left-justified: the arithmetic shift keeps the sign.
                    xyz[3 * (done + i) + axis] = ((short) ((hi << 8) | lo)) >> 4;
                }
            }
            done += n;
        }
        return new RawSamples(xyz);
    }

    @Override
    public double gPerCount() {
        return gPerCount;
    }

    /** @return g per count in high-resolution mode (datasheet table 4: 1, 2, 4, 12 mg/digit) */
    static double gPerCount(int rangeG) {
        switch (rangeG) {
            case 2: return 0.001;
            case 4: return 0.002;
            case 8: return 0.004;
            case 16: return 0.012;
            default: throw new IllegalArgumentException("LIS3DH: range " + rangeG + " g is not one of [2, 4, 8, 16] g");
        }
    }

    /** @return CTRL_REG1 ODR bits (0011 = 25 Hz, 0100 = 50 Hz, 0101 = 100 Hz) */
    static int rateCode(int rateHz) {
        switch (rateHz) {
            case 25: return 0x3;
            case 50: return 0x4;
            case 100: return 0x5;
            default: throw new IllegalArgumentException("LIS3DH: rate " + rateHz + " Hz is not one of [25, 50, 100] Hz");
        }
    }

    /** @return CTRL_REG4 FS bits */
    static int rangeCode(int rangeG) {
        switch (rangeG) {
            case 2: return 0;
            case 4: return 1;
            case 8: return 2;
            case 16: return 3;
            default: throw new IllegalArgumentException("LIS3DH: range " + rangeG + " g is not one of [2, 4, 8, 16] g");
        }
    }
}
