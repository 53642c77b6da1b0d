package org.plmmonitor.bridge.i2c;

import java.util.function.LongSupplier;

/** Register-level fake of the ADXL345 (only what our driver and plausible faults touch). */
final class FakeAdxl345 extends FakeAccelerometer {
    FakeAdxl345(int address, LongSupplier nanos, double clockError, Generator generator) {
        super(address, nanos, clockError, generator);
    }

    @Override
    int rateHz() {
        if ((regs[Adxl345.POWER_CTL] & Adxl345.POWER_MEASURE) == 0) {
            return 0;
        }
        switch (regs[Adxl345.BW_RATE] & 0x0F) {
            case 0x08: return 25;
            case 0x09: return 50;
            case 0x0A: return 100;
            default: return 0;
        }
    }

    @Override
    boolean streaming() {
        return (regs[Adxl345.FIFO_CTL] & 0xC0) == Adxl345.FIFO_MODE_STREAM;
    }

    @Override
    int clipCounts() {
        int range = 2 << (regs[Adxl345.DATA_FORMAT] & 0x03);
        boolean fullRes = (regs[Adxl345.DATA_FORMAT] & Adxl345.FORMAT_FULL_RES) != 0;
        return fullRes ? range * 256 - 1 : 511;
    }

    /** g per count as the registers are set (full resolution: 1/256 g; else range / 512). */
    double gPerCount() {
        boolean fullRes = (regs[Adxl345.DATA_FORMAT] & Adxl345.FORMAT_FULL_RES) != 0;
        return fullRes ? 1.0 / 256 : (2 << (regs[Adxl345.DATA_FORMAT] & 0x03)) / 1024.0;
    }

    @Override
    int idRegister() {
        return Adxl345.DEVID;
    }

    @Override
    int idValue() {
        return 0xE5;
    }

    @Override
    void resetRegisters() {
        java.util.Arrays.fill(regs, 0);
        regs[Adxl345.BW_RATE] = 0x0A;
    }

    @Override
    void afterWrite(int register, int value) {
        if (register == Adxl345.FIFO_CTL && (value & 0xC0) == 0) {
            fifo.clear();
        }
        if (register == Adxl345.POWER_CTL || register == Adxl345.BW_RATE) {
            restartSampling();
        }
    }

    @Override
    void readBurst(int register, byte[] buffer, int offset, int length) {
        int[] sample = null;
        for (int i = 0; i < length; i++) {
            int r = register + i;
            int v;
            if (r >= Adxl345.DATAX0 && r <= Adxl345.DATAX0 + 5) {
                if (sample == null) {
                    sample = popSample(); // one FIFO level per transaction that touches the data registers
                }
                int raw = sample[(r - Adxl345.DATAX0) / 2];
                v = (r - Adxl345.DATAX0) % 2 == 0 ? raw & 0xFF : (raw >> 8) & 0xFF;
            } else if (r == Adxl345.FIFO_STATUS) {
                v = Math.min(fifo.size(), DEPTH);
            } else if (r == Adxl345.DEVID) {
                v = 0xE5;
            } else {
                v = regs[r & 0xFF];
            }
            buffer[offset + i] = (byte) v;
        }
    }
}
