package org.plmmonitor.bridge.i2c;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Register-level fake of an accelerometer with a 32-sample FIFO. Samples are produced lazily at the
 * configured rate times (1 + clockError) of a fake host clock, from a generator of raw counts; in stream
 * mode a full FIFO drops its oldest sample. Faults can be injected: failing transfers, a vanished device,
 * a wrong identity, frozen or zero data (latched until the next configuration, as a stuck part is cleared
 * by re-initialising it), and a power cycle that resets the registers.
 */
abstract class FakeAccelerometer implements I2cDevice {
    /** Raw counts of sample {@code index} (1-based), before clipping to the configured range. */
    interface Generator {
        int[] counts(long index);
    }

    static final int DEPTH = 32;

    private final int address;
    private final LongSupplier nanos;
    private final double clockError;
    private final Generator generator;
    protected final int[] regs = new int[256];
    protected final ArrayDeque<int[]> fifo = new ArrayDeque<>();
    private long startNanos;
    private long produced;
    private long overwritten;
    private int[] latest = {0, 0, 0};

    private int failNext;
    private boolean vanished;
    private int idOverride = -1;
    private boolean frozen;
    private boolean frozenForGood;
    private boolean zero;
    private int[] frozenValue;
    private long transactions;

    FakeAccelerometer(int address, LongSupplier nanos, double clockError, Generator generator) {
        this.address = address;
        this.nanos = nanos;
        this.clockError = clockError;
        this.generator = generator;
        resetRegisters();
    }

    /** Output data rate in Hz the registers select, 0 when not measuring. */
    abstract int rateHz();

    /** Whether the FIFO is in stream mode (else bypass: no FIFO). */
    abstract boolean streaming();

    /** Largest magnitude in counts at the configured range. */
    abstract int clipCounts();

    abstract int idRegister();

    abstract int idValue();

    /** Registers after power-on. */
    abstract void resetRegisters();

    /** Called after a write, to react to control registers. */
    abstract void afterWrite(int register, int value);

    /** Reads a burst; {@code fifo} already caught up. */
    abstract void readBurst(int register, byte[] buffer, int offset, int length);

    // --- injection -------------------------------------------------------------------------------

    void failNextTransfers(int n) {
        failNext = n;
    }

    void setVanished(boolean v) {
        vanished = v;
    }

    void setIdOverride(int id) {
        idOverride = id;
    }

    void freeze() {
        frozen = true;
    }

    /** Frozen at the current value until {@link #thaw()}, re-initialisation notwithstanding. */
    void freezeForGood() {
        frozen = true;
        frozenForGood = true;
    }

    void thaw() {
        frozen = false;
        frozenForGood = false;
    }

    void zero() {
        zero = true;
    }

    void powerCycle() {
        fifo.clear();
        resetRegisters();
        restartSampling();
    }

    // --- what a test may inspect -------------------------------------------------------------------

    long produced() {
        return produced;
    }

    long overwritten() {
        return overwritten;
    }

    int fifoSize() {
        catchUp();
        return fifo.size();
    }

    long transactions() {
        return transactions;
    }

    /** Host time in s at which sample {@code index} (1-based) was taken since the last (re)start. */
    double sampleHostS(long index) {
        return startNanos / 1e9 + index / (rateHz() * (1 + clockError));
    }

    int register(int r) {
        return regs[r];
    }

    // --- I2cDevice ---------------------------------------------------------------------------------

    @Override
    public int address() {
        return address;
    }

    @Override
    public int readRegister(int register) throws I2cException {
        transaction(register);
        if (register == idRegister()) {
            return idOverride >= 0 ? idOverride : idValue();
        }
        byte[] b = new byte[1];
        readBurst(register, b, 0, 1);
        return b[0] & 0xFF;
    }

    @Override
    public void writeRegister(int register, int value) throws I2cException {
        transaction(register);
        regs[register & 0x7F] = value;
        afterWrite(register & 0x7F, value);
    }

    @Override
    public void readRegisters(int register, byte[] buffer, int offset, int length) throws I2cException {
        transaction(register);
        readBurst(register, buffer, offset, length);
    }

    private void transaction(int register) throws I2cException {
        transactions++;
        if (vanished) {
            throw new I2cException(String.format("fake 0x%02X register 0x%02X: Remote I/O error", address, register));
        }
        if (failNext > 0) {
            failNext--;
            throw new I2cException(String.format("fake 0x%02X register 0x%02X: Remote I/O error", address, register));
        }
        catchUp();
    }

    /** Restarts the sample count when the rate or measuring state changes; clears latched faults. */
    protected void restartSampling() {
        startNanos = nanos.getAsLong();
        produced = 0;
        frozen = frozenForGood;
        zero = false;
    }

    protected void catchUp() {
        int rate = rateHz();
        if (rate == 0) {
            return;
        }
        long due = (long) Math.floor((nanos.getAsLong() - startNanos) / 1e9 * rate * (1 + clockError));
        while (produced < due) {
            produced++;
            int[] c = generator.counts(produced).clone();
            int clip = clipCounts();
            for (int a = 0; a < 3; a++) {
                c[a] = Math.max(-clip - 1, Math.min(clip, c[a])); // two's complement: one more below
            }
            if (zero) {
                c = new int[] {0, 0, 0};
            } else if (frozen) {
                if (frozenValue == null) {
                    frozenValue = c;
                }
                c = frozenValue.clone();
            }
            latest = c;
            if (streaming()) {
                if (fifo.size() == DEPTH) {
                    fifo.removeFirst();
                    overwritten++;
                }
                fifo.addLast(c);
            }
        }
    }

    /** Pops the FIFO head (or the latest sample when bypassing or empty). */
    protected int[] popSample() {
        int[] s = streaming() ? fifo.pollFirst() : null;
        return s != null ? s : latest;
    }
}
