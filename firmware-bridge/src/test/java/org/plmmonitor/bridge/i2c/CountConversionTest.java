package org.plmmonitor.bridge.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts to g through each driver and its register-level fake, for every range. */
class CountConversionTest {

    private static RawSamples readOne(AccelerometerChip chip, FakeNanos nanos, int rangeG) throws I2cException {
        chip.configure(25, rangeG, 1);
        nanos.advanceS(0.05); // one sample at 25 Hz
        FifoLevel level = chip.readFifoLevel();
        assertEquals(1, level.samples());
        return chip.readFifo(1);
    }

    @ParameterizedTest(name = "ADXL345 +-{0} g")
    @CsvSource({
        // range, counts in, g expected (full resolution: 256 counts/g; clipped at the range)
        "2,  -300, -1.171875",
        "2,   600,  1.99609375",
        "4,   600,  2.34375",
        "8,  -2000, -7.8125",
        "16,  4095, 15.99609375"})
    void adxl345(int rangeG, int counts, double expectedG) throws I2cException {
        FakeNanos nanos = new FakeNanos();
        FakeAdxl345 fake = new FakeAdxl345(0x53, nanos, 0, i -> new int[] {counts, -counts, 1});
        Adxl345 chip = new Adxl345(fake);
        RawSamples s = readOne(chip, nanos, rangeG);
        assertEquals(expectedG, s.x(0) * chip.gPerCount(), 1e-12);
        assertEquals(1.0 / 256, s.z(0) * chip.gPerCount(), 1e-12);
    }

    @ParameterizedTest(name = "LIS3DH +-{0} g")
    @CsvSource({
        // range, counts in, g expected (high resolution: 1, 2, 4, 12 mg per count; 12 bits)
        "2,  -1000, -1.0",
        "2,   1500,  1.5",
        "4,   1500,  3.0",
        "8,  -1500, -6.0",
        "16,  1333, 15.996",
        "16, -2048, -24.576"}) // the code range exceeds the rated 16 g at 12 mg/count
    void lis3dh(int rangeG, int counts, double expectedG) throws I2cException {
        FakeNanos nanos = new FakeNanos();
        FakeLis3dh fake = new FakeLis3dh(0x18, nanos, 0, i -> new int[] {counts, -counts, 1});
        Lis3dh chip = new Lis3dh(fake);
        RawSamples s = readOne(chip, nanos, rangeG);
        assertEquals(expectedG, s.x(0) * chip.gPerCount(), 1e-9);
        assertEquals(-counts == 2048 ? 2047 : -counts, s.y(0));
    }
}
