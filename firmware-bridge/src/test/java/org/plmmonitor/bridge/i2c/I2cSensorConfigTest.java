package org.plmmonitor.bridge.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class I2cSensorConfigTest {

    private static void rejects(I2cSensorConfig.Builder b, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void defaultsAreDerivedFromTheRate() {
        I2cSensorConfig c = I2cSensorConfig.builder(AccelerometerPart.LIS3DH).rateHz(100).build();
        assertEquals(0x18, c.address());
        assertEquals("LIS3DH@0x18", c.name());
        assertEquals(10, c.watermark());
        assertEquals(200, c.frozenSamples());
        assertEquals(1.0, c.stallTimeoutS());
        assertEquals(4, c.rangeG());
        I2cSensorConfig slow = I2cSensorConfig.builder(AccelerometerPart.ADXL345).rateHz(25).address(0x1D).build();
        assertEquals(3, slow.watermark());
        assertEquals(0.04, slow.periodS(), 1e-12);
    }

    @Test
    void badValuesAreNamedWithWhatIsAllowed() {
        rejects(I2cSensorConfig.builder(AccelerometerPart.ADXL345).rateHz(30), "30 Hz", "[25, 50, 100]");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).rangeG(3), "3 g", "[2, 4, 8, 16]");
        rejects(I2cSensorConfig.builder(AccelerometerPart.ADXL345).address(0x18), "0x18", "0x53", "0x1D");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).address(0x53), "LIS3DH", "0x53", "0x19");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).name("left").watermark(32), "left", "32", "1..31");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).frozenSamples(1), "1", "2..10000");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).stallTimeoutS(0.1), "stall timeout 0.1 s");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).backoffS(2, 1), "maximum backoff 1.0 s");
        rejects(I2cSensorConfig.builder(AccelerometerPart.LIS3DH).name(" "), "blank");
        rejects(I2cSensorConfig.builder(null), "part is missing");
    }

    @Test
    void aDriverForAnotherPartIsRefused() {
        I2cSensorConfig c = I2cSensorConfig.builder(AccelerometerPart.ADXL345).build();
        FakeNanos nanos = new FakeNanos();
        Lis3dh wrong = new Lis3dh(new FakeLis3dh(0x18, nanos, 0, i -> new int[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new I2cSensorSource(c, wrong, new RecordingSink(), nanos));
        assertTrue(e.getMessage().contains("LIS3DH") && e.getMessage().contains("ADXL345"), e.getMessage());
    }
}
