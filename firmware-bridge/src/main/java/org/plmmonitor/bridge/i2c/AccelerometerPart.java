package org.plmmonitor.bridge.i2c;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The accelerometer parts we drive, with what the builder validates against. Both have a 32-sample FIFO,
 * so a reader may pause for up to 32 sample periods (0.32 s at 100 Hz, 1.28 s at 25 Hz) without loss.
 */
public enum AccelerometerPart {
    /** Analog Devices ADXL345: DEVID 0x00 reads 0xE5; address 0x53 (ALT ADDRESS low) or 0x1D (high). */
    ADXL345(0x00, 0xE5, new int[] {0x53, 0x1D}),
    /** ST LIS3DH: WHO_AM_I 0x0F reads 0x33; address 0x18 (SA0 low) or 0x19 (SA0 high). */
    LIS3DH(0x0F, 0x33, new int[] {0x18, 0x19});

    /** Depth of both parts' FIFO, in samples. */
    public static final int FIFO_DEPTH = 32;
    private static final int[] RATES_HZ = {25, 50, 100};
    private static final int[] RANGES_G = {2, 4, 8, 16};

    private final int idRegister;
    private final int expectedId;
    private final int[] addresses;

    AccelerometerPart(int idRegister, int expectedId, int[] addresses) {
        this.idRegister = idRegister;
        this.expectedId = expectedId;
        this.addresses = addresses;
    }

    /** @return the identity register's address */
    public int idRegister() {
        return idRegister;
    }

    /** @return the value the identity register holds on a genuine part */
    public int expectedId() {
        return expectedId;
    }

    /** @return the two 7-bit addresses the part can be strapped to */
    public List<Integer> addresses() {
        return Arrays.stream(addresses).boxed().collect(Collectors.toList());
    }

    /** @return the output data rates in Hz we configure (the part has more; PLM needs 25-100 Hz) */
    public List<Integer> ratesHz() {
        return Arrays.stream(RATES_HZ).boxed().collect(Collectors.toList());
    }

    /** @return the full-scale ranges in g */
    public List<Integer> rangesG() {
        return Arrays.stream(RANGES_G).boxed().collect(Collectors.toList());
    }

    /**
     * @param device the device at one of {@link #addresses()}
     * @return a driver for this part on that device
     */
    public AccelerometerChip driver(I2cDevice device) {
        return this == ADXL345 ? new Adxl345(device) : new Lis3dh(device);
    }

    /**
     * @param rateHz  output data rate in Hz
     * @param rangeG  full scale in g
     * @param address 7-bit address
     * @throws IllegalArgumentException naming the bad value and what the part accepts
     */
    void validate(int rateHz, int rangeG, int address) {
        if (Arrays.stream(RATES_HZ).noneMatch(r -> r == rateHz)) {
            throw new IllegalArgumentException(name() + ": rate " + rateHz + " Hz is not one of " + ratesHz() + " Hz");
        }
        if (Arrays.stream(RANGES_G).noneMatch(r -> r == rangeG)) {
            throw new IllegalArgumentException(name() + ": range " + rangeG + " g is not one of " + rangesG() + " g");
        }
        if (Arrays.stream(addresses).noneMatch(a -> a == address)) {
            throw new IllegalArgumentException(String.format("%s: address 0x%02X is not one of %s", name(), address,
                    Arrays.stream(addresses).mapToObj(a -> String.format("0x%02X", a)).collect(Collectors.toList())));
        }
    }

    static void requireWatermark(int watermark) {
        if (watermark < 1 || watermark > 31) {
            throw new IllegalArgumentException("FIFO watermark " + watermark + " is outside 1..31 samples");
        }
    }

    static void requireCount(int count) {
        if (count < 1 || count > AccelerometerPart.FIFO_DEPTH) {
            throw new IllegalArgumentException("FIFO read of " + count + " samples is outside 1.."
                    + AccelerometerPart.FIFO_DEPTH);
        }
    }
}
