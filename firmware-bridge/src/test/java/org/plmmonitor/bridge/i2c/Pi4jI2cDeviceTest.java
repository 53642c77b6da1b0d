package org.plmmonitor.bridge.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our bus wrapper and drivers against Pi4J 2.8.0's mock plugin. The mock keeps one byte queue per
 * register (a write appends, a read pops) with no auto-increment, and returns single bytes sign-extended.
 */
class Pi4jI2cDeviceTest {
    private Context pi4j;

    @BeforeEach
    void context() {
        pi4j = Pi4J.newContextBuilder().add(MockI2CProvider.newInstance()).build();
    }

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private I2C open(int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id("test-" + address).bus(1).device(address).build());
    }

    @Test
    void singleByteReadsAreUnsignedDespiteTheMockSignExtending() throws Exception {
        I2C raw = open(0x53);
        raw.writeRegister(0x00, (byte) 0xE5);
        raw.writeRegister(0x00, (byte) 0x80);
        Pi4jI2cDevice device = new Pi4jI2cDevice(raw);
        assertEquals(0x53, device.address());
        assertEquals(0xE5, device.readRegister(0x00));
        assertEquals(0x80, device.readRegister(0x00));
    }

    @Test
    void adxl345ConfigurationWritesLandInOrder() throws Exception {
        I2C raw = open(0x1D);
        Adxl345 chip = new Adxl345(new Pi4jI2cDevice(raw));
        chip.configure(100, 8, 16);
        assertEquals(0x0A, raw.readRegister(Adxl345.BW_RATE) & 0xFF);
        assertEquals(0x08 | 0x02, raw.readRegister(Adxl345.DATA_FORMAT) & 0xFF);
        assertEquals(0x00, raw.readRegister(Adxl345.FIFO_CTL) & 0xFF, "bypass first, to empty the FIFO");
        assertEquals(0x80 | 16, raw.readRegister(Adxl345.FIFO_CTL) & 0xFF, "then stream with watermark 16");
        assertEquals(0x00, raw.readRegister(Adxl345.POWER_CTL) & 0xFF, "standby first");
        assertEquals(0x08, raw.readRegister(Adxl345.POWER_CTL) & 0xFF, "then measure");
    }

    @Test
    void lis3dhConfigurationWritesLandInOrder() throws Exception {
        I2C raw = open(0x19);
        Lis3dh chip = new Lis3dh(new Pi4jI2cDevice(raw));
        chip.configure(25, 16, 5);
        assertEquals(0x80 | 0x30 | 0x08, raw.readRegister(Lis3dh.CTRL_REG4) & 0xFF, "BDU, FS=16 g, HR");
        assertEquals(0x40, raw.readRegister(Lis3dh.CTRL_REG5) & 0xFF, "FIFO_EN");
        assertEquals(0x00, raw.readRegister(Lis3dh.FIFO_CTRL_REG) & 0xFF);
        assertEquals(0x80 | 5, raw.readRegister(Lis3dh.FIFO_CTRL_REG) & 0xFF);
        assertEquals(0x00, raw.readRegister(Lis3dh.CTRL_REG1) & 0xFF);
        assertEquals(0x37, raw.readRegister(Lis3dh.CTRL_REG1) & 0xFF, "25 Hz, x/y/z enabled");
        assertEquals(0.012, chip.gPerCount(), 1e-12);
    }

    @Test
    void adxl345FifoReadThroughPi4jHandlesNegativeCounts() throws Exception {
        I2C raw = open(0x53);
        raw.writeRegister(Adxl345.FIFO_STATUS, (byte) 2);
        // Two samples, little-endian: (-256, 1, 300) and (-1, -32768 -> clipped by the part, so 0x8000, 0)
        raw.writeRegister(Adxl345.DATAX0, new byte[] {0x00, (byte) 0xFF, 0x01, 0x00, 0x2C, 0x01});
        raw.writeRegister(Adxl345.DATAX0, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80, 0x00, 0x00});
        Adxl345 chip = new Adxl345(new Pi4jI2cDevice(raw));
        FifoLevel level = chip.readFifoLevel();
        assertEquals(new FifoLevel(2, false), level);
        RawSamples s = chip.readFifo(2);
        assertEquals(-256, s.x(0));
        assertEquals(1, s.y(0));
        assertEquals(300, s.z(0));
        assertEquals(-1, s.x(1));
        assertEquals(-32768, s.y(1));
        assertEquals(-1.0, s.x(0) * chip.gPerCount(), 1e-12);
    }

    @Test
    void lis3dhFifoReadThroughPi4jUsesTheAutoIncrementAddress() throws Exception {
        I2C raw = open(0x18);
        raw.writeRegister(Lis3dh.FIFO_SRC_REG, (byte) 0x41); // OVRN_FIFO: full, whatever FSS says
        // 12-bit left-justified: 0x7FF0 = +2047, 0x8000 = -2048, 0xFFF0 = -1
        byte[] one = {(byte) 0xF0, 0x7F, 0x00, (byte) 0x80, (byte) 0xF0, (byte) 0xFF};
        for (int i = 0; i < 32; i++) {
            raw.writeRegister(Lis3dh.OUT_X_L | Lis3dh.AUTO_INCREMENT, one);
        }
        Lis3dh chip = new Lis3dh(new Pi4jI2cDevice(raw));
        FifoLevel level = chip.readFifoLevel();
        assertEquals(new FifoLevel(32, true), level);
        RawSamples s = chip.readFifo(32);
        assertEquals(32, s.size());
        for (int i = 0; i < 32; i++) {
            assertEquals(2047, s.x(i));
            assertEquals(-2048, s.y(i));
            assertEquals(-1, s.z(i));
        }
        assertEquals(2.047, s.x(0) * chip.gPerCount(), 1e-12);
    }

    @Test
    void busOpensDevicesFromTheContextAndReportsFailuresAsI2cExceptions() throws Exception {
        try (Pi4jI2cBus bus = new Pi4jI2cBus(pi4j, 1)) {
            I2cDevice left = bus.device(0x53);
            I2cDevice right = bus.device(0x1D);
            left.writeRegister(0x2D, 0x08);
            assertEquals(0x08, left.readRegister(0x2D));
            assertEquals(0x1D, right.address());
            // The same address twice collides in Pi4J's registry: reported as ours, naming the address.
            I2cException e = assertThrows(I2cException.class, () -> bus.device(0x53));
            assertTrue(e.getMessage().contains("0x53"), e.getMessage());
            // Reading an empty queue fails inside the mock: wrapped, naming bus, address and register.
            I2cException read = assertThrows(I2cException.class, () -> right.readRegisters(0x32, new byte[6], 0, 6));
            assertTrue(read.getMessage().contains("address 0x1D") && read.getMessage().contains("0x32"),
                    read.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Pi4jI2cBus(pi4j, 1).device(0x80));
    }
}
