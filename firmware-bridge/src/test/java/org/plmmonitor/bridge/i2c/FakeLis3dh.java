package org.plmmonitor.bridge.i2c;

import java.util.function.LongSupplier;

/** Register-level fake of the LIS3DH (only what our driver and plausible faults touch). */
final class FakeLis3dh extends FakeAccelerometer {
    FakeLis3dh(int address, LongSupplier nanos, double clockError, Generator generator) {
        super(address, nanos, clockError, generator);
    }

    @Override
    int rateHz() {
        switch ((regs[Lis3dh.CTRL_REG1] >> 4) & 0x0F) {
            case 0x3: return 25;
            case 0x4: return 50;
            case 0x5: return 100;
            default: return 0;
        }
    }

    @Override
    boolean streaming() {
        return (regs[Lis3dh.CTRL_REG5] & Lis3dh.CTRL5_FIFO_EN) != 0
                && (regs[Lis3dh.FIFO_CTRL_REG] & 0xC0) == Lis3dh.FIFO_MODE_STREAM;
    }

    @Override
    int clipCounts() {
        return 2047; // 12 bits in high-resolution mode
    }

    /** g per count as the registers are set (high resolution). */
    double gPerCount() {
        return Lis3dh.gPerCount(2 << ((regs[Lis3dh.CTRL_REG4] >> 4) & 0x03));
    }

    @Override
    int idRegister() {
        return Lis3dh.WHO_AM_I;
    }

    @Override
    int idValue() {
        return 0x33;
    }

    @Override
    void resetRegisters() {
        java.util.Arrays.fill(regs, 0);
        regs[Lis3dh.CTRL_REG1] = 0x07;
    }

    @Override
    void afterWrite(int register, int value) {
        if (register == Lis3dh.FIFO_CTRL_REG && (value & 0xC0) == 0) {
            fifo.clear();
        }
        if (register == Lis3dh.CTRL_REG1) {
            restartSampling();
        }
    }

    @Override
    void readBurst(int register, byte[] buffer, int offset, int length) {
        boolean increment = (register & Lis3dh.AUTO_INCREMENT) != 0;
        int r = register & 0x7F;
        int[] sample = null;
        for (int i = 0; i < length; i++) {
            int v;
            if (r >= Lis3dh.OUT_X_L && r <= Lis3dh.OUT_X_L + 5) {
                if (sample == null) {
                    sample = popSample();
                }
                int left = sample[(r - Lis3dh.OUT_X_L) / 2] << 4; // 12 bits left-justified
                v = (r - Lis3dh.OUT_X_L) % 2 == 0 ? left & 0xFF : (left >> 8) & 0xFF;
                if (r == Lis3dh.OUT_X_L + 5) {
                    sample = null; // OUT_Z_H read: the FIFO advances
                }
            } else if (r == Lis3dh.FIFO_SRC_REG) {
                int n = fifo.size();
                int fth = regs[Lis3dh.FIFO_CTRL_REG] & 0x1F;
                v = (n >= fth && n > 0 ? 0x80 : 0) | (n == DEPTH ? Lis3dh.SRC_OVRN : 0)
                        | (n == 0 ? Lis3dh.SRC_EMPTY : 0) | (n & 0x1F);
            } else if (r == Lis3dh.WHO_AM_I) {
                v = 0x33;
            } else {
                v = regs[r];
            }
            buffer[offset + i] = (byte) v;
            if (increment) {
                // In FIFO mode the pointer wraps from OUT_Z_H back to OUT_X_L.
                r = (r == Lis3dh.OUT_X_L + 5 && streaming()) ? Lis3dh.OUT_X_L : r + 1;
            }
        }
    }
}
