package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.bridge.i2c.I2cBus;
import org.plmmonitor.bridge.i2c.I2cDevice;
import org.plmmonitor.bridge.i2c.I2cException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * An I2C bus (a fake of the hardware, for the real {@code I2cSensorSource} and {@code Adxl345} driver) with
 * ADXL345s on it that play synthetic legs as register reads: once the driver sets the part measuring, a new
 * sample enters the 32-deep stream FIFO every period of the rate BW_RATE sets, by the given clock, as
 * full-resolution counts (256 per g, clipped to the DATA_FORMAT range); FIFO_STATUS counts them and each
 * 6-byte read from DATAX0 pops one. Each part keeps the counts it handed out, in order, and tells when its
 * leg is used up and read out. Only the registers the driver uses are modelled; an address with no part
 * never acknowledges.
 */
final class ReplayingAdxl345Bus implements I2cBus {
    private static final int DEVID = 0x00;
    private static final int BW_RATE = 0x2C;
    private static final int POWER_CTL = 0x2D;
    private static final int DATA_FORMAT = 0x31;
    private static final int DATAX0 = 0x32;
    private static final int FIFO_CTL = 0x38;
    private static final int FIFO_STATUS = 0x39;
    private static final int FIFO_DEPTH = 32;

    private final Map<Integer, Part> parts = new HashMap<>();
    private final CountDownLatch readOut;
    private final LeashedLine line;

    /**
     * @param speed     how many times faster than real time the parts' line runs, > 0
     * @param byAddress the leg each address plays
     */
    ReplayingAdxl345Bus(double speed, Map<Integer, SampleSource> byAddress) {
        readOut = new CountDownLatch(byAddress.size());
        line = new LeashedLine(speed);
        byAddress.forEach((a, src) -> parts.put(a, new Part(a, src, line, readOut)));
    }

    /**
     * @return the monotonic line the parts' oscillators follow, ns: real time sped up, but held one sample
     *         short of where a part's FIFO would be full, so a stall of the reading thread (a loaded machine) pauses the night
     *         instead of overwriting samples; what is read is then the whole leg whatever the machine's load
     */
    LongSupplier line() {
        return line;
    }

    /** Real time times a speed, never past the earliest moment a part's FIFO holds all but one place. */
    private static final class LeashedLine implements LongSupplier {
        private final long t0 = System.nanoTime();
        private final double speed;
        private final Map<Integer, Long> stopAt = new HashMap<>();
        private long last;

        LeashedLine(double speed) {
            this.speed = speed;
        }

        @Override
        public synchronized long getAsLong() {
            long now = (long) ((System.nanoTime() - t0) * speed);
            for (long stop : stopAt.values()) {
                now = Math.min(now, stop);
            }
            last = Math.max(last, now);
            return last;
        }

        /** A part's FIFO would hold all but one place at this moment on the line unless read before; MAX_VALUE: never. */
        synchronized void stopAt(int address, long nanos) {
            stopAt.put(address, nanos);
        }
    }

    /** @return counted down by each part once its leg is used up and its FIFO read empty */
    CountDownLatch readOut() {
        return readOut;
    }

    /** @return the part at an address */
    Part part(int address) {
        return parts.get(address);
    }

    @Override
    public I2cDevice device(int address) {
        Part p = parts.get(address);
        if (p != null) {
            return p;
        }
        return new I2cDevice() {
            @Override
            public int address() {
                return address;
            }

            @Override
            public int readRegister(int register) throws I2cException {
                throw new I2cException("no ACK from 0x" + Integer.toHexString(address));
            }

            @Override
            public void writeRegister(int register, int value) throws I2cException {
                throw new I2cException("no ACK from 0x" + Integer.toHexString(address));
            }

            @Override
            public void readRegisters(int register, byte[] buffer, int offset, int length) throws I2cException {
                throw new I2cException("no ACK from 0x" + Integer.toHexString(address));
            }
        };
    }

    @Override
    public void close() {
    }

    /** One ADXL345 playing one leg. */
    static final class Part implements I2cDevice {
        private final int address;
        private final SampleSource src;
        private final LeashedLine nanos;
        private final ArrayDeque<short[]> fifo = new ArrayDeque<>();
        private final List<short[]> handedOut = new ArrayList<>();
        private final double[] s = new double[4];
        private int rateCode = 0x0A;
        private int rangeCode;
        private boolean measuring;
        private long startNanos;
        private long produced;
        private long overflows;
        private boolean exhausted;
        private final CountDownLatch done;
        private boolean told;

        Part(int address, SampleSource src, LeashedLine nanos, CountDownLatch readOut) {
            this.address = address;
            this.src = src;
            this.nanos = nanos;
            this.done = readOut;
        }

        /** @return every sample the driver read, in order, as {x, y, z} counts (a copy) */
        synchronized List<short[]> handedOut() {
            return new ArrayList<>(handedOut);
        }

        /** @return samples lost because the FIFO was full when a new one came */
        synchronized long overflows() {
            return overflows;
        }

        /** @return true once the leg is used up and the FIFO read empty */
        synchronized boolean readOut() {
            return exhausted && fifo.isEmpty();
        }

        @Override
        public int address() {
            return address;
        }

        @Override
        public synchronized int readRegister(int register) {
            advance();
            tellIfReadOut();
            return switch (register) {
                case DEVID -> 0xE5;
                case FIFO_STATUS -> fifo.size();
                default -> 0;
            };
        }

        @Override
        public synchronized void writeRegister(int register, int value) {
            advance();
            switch (register) {
                case BW_RATE -> rateCode = value & 0x0F;
                case DATA_FORMAT -> rangeCode = value & 0x03;
                case FIFO_CTL -> {
                    if ((value & 0xC0) == 0) {
                        fifo.clear(); // bypass mode empties the FIFO
                    }
                }
                case POWER_CTL -> {
                    boolean measure = (value & 0x08) != 0;
                    if (measure && !measuring) {
                        startNanos = nanos.getAsLong();
                        produced = 0;
                    }
                    measuring = measure;
                }
                default -> {
                }
            }
            leash();
        }

        @Override
        public synchronized void readRegisters(int register, byte[] buffer, int offset, int length) throws I2cException {
            if (register != DATAX0 || length != 6) {
                throw new I2cException("the fake reads 6 bytes from DATAX0 only, not " + length + " from " + register);
            }
            advance();
            boolean stored = !fifo.isEmpty();
            // An empty FIFO leaves zeros here (the driver never reads past what FIFO_STATUS counts).
            short[] c = stored ? fifo.poll() : new short[3];
            if (stored) {
                handedOut.add(c);
            }
            tellIfReadOut();
            for (int a = 0; a < 3; a++) {
                buffer[offset + 2 * a] = (byte) c[a];
                buffer[offset + 2 * a + 1] = (byte) (c[a] >> 8);
            }
        }

        /**
         * Tells the line when this FIFO would hold all but one of its places: the line stops there, one
         * sample short of full. The driver takes a FIFO read full as a loss (a full FIFO overwrites its
         * oldest sample at the next tick, and no register counts how many went), so a line stopped at full
         * made a loaded machine's stall look like lost samples: the driver dropped the repeats it held and
         * reported a gap that {@code plm analyze}, fed the delivered samples, never sees.
         */
        private void leash() {
            if (!measuring || exhausted) {
                nanos.stopAt(address, Long.MAX_VALUE);
                return;
            }
            double rateHz = 25 * Math.pow(2, rateCode - 0x08);
            long lastFreeIndex = produced + FIFO_DEPTH - 1 - fifo.size();
            nanos.stopAt(address, startNanos + (long) Math.ceil(lastFreeIndex * 1e9 / rateHz));
        }

        private void tellIfReadOut() {
            leash();
            if (readOut() && !told) {
                told = true;
                done.countDown();
            }
        }

        /** Lets the part's oscillator catch up with the clock: one sample into the FIFO per period. */
        private void advance() {
            if (!measuring || exhausted) {
                return;
            }
            double rateHz = 25 * Math.pow(2, rateCode - 0x08);
            long due = (long) Math.floor((nanos.getAsLong() - startNanos) / 1e9 * rateHz);
            int limit = 256 * (2 << rangeCode);
            while (produced < due && !exhausted) {
                if (!src.next(s)) {
                    exhausted = true;
                    break;
                }
                short[] c = new short[3];
                for (int a = 0; a < 3; a++) {
                    c[a] = (short) Math.max(-limit, Math.min(limit - 1, Math.round(s[1 + a] * 256)));
                }
                if (fifo.size() == FIFO_DEPTH) {
                    fifo.poll(); // stream mode: the oldest is overwritten
                    overflows++;
                }
                fifo.add(c);
                produced++;
            }
        }
    }
}
