package org.plmmonitor.bridge.i2c;

/**
 * Settings of one accelerometer on the I2C bus, validated once by {@link Builder#build()}.
 *
 * @param name              label in status and errors, e.g. {@code left}
 * @param part              which part is fitted
 * @param address           7-bit address, one of the part's two
 * @param rateHz            output data rate in Hz: 25, 50 or 100
 * @param rangeG            full scale in g: 2, 4, 8 or 16
 * @param watermark         FIFO level (samples, 1..31) at or above which the FIFO is read
 * @param frozenSamples     bit-identical consecutive samples (2..10000) taken as a frozen (or all-zero) sensor
 * @param stallTimeoutS     seconds (0.2..60) without a new sample after which the sensor is taken as stalled
 * @param idCheckPeriodS    seconds (0.5..3600) between identity checks while running
 * @param initialBackoffS   wait in seconds (0.01..60) after a failed initialisation, doubled per failure
 * @param maxBackoffS       longest wait in seconds (initialBackoffS..3600) between initialisation attempts
 * @param maxSlewPpm        slew bound of the sample clock in ppm (1..10000), see
 *                          {@link org.plmmonitor.bridge.time.SampleClock}
 */
public record I2cSensorConfig(String name, AccelerometerPart part, int address, int rateHz, int rangeG,
                              int watermark, int frozenSamples, double stallTimeoutS, double idCheckPeriodS,
                              double initialBackoffS, double maxBackoffS, double maxSlewPpm) {

    /**
     * @param part the fitted part
     * @return a builder with defaults: the part's first address, 50 Hz, ±4 g, watermark 0.1 s of samples
     *         (3, 5, 10 at 25, 50, 100 Hz), frozen after 2 s of identical samples, stall after max(1 s, 3 watermarks),
     *         identity checked every 5 s, backoff 0.5 s doubling to 30 s, slew 500 ppm
     */
    public static Builder builder(AccelerometerPart part) {
        return new Builder(part);
    }

    /** @return the sample period in seconds at the nominal rate */
    public double periodS() {
        return 1.0 / rateHz;
    }

    /** Pi4J-style builder; unset values take the defaults listed at {@link I2cSensorConfig#builder}. */
    public static final class Builder {
        private final AccelerometerPart part;
        private String name;
        private Integer address;
        private int rateHz = 50;
        private int rangeG = 4;
        private Integer watermark;
        private Integer frozenSamples;
        private Double stallTimeoutS;
        private double idCheckPeriodS = 5.0;
        private double initialBackoffS = 0.5;
        private double maxBackoffS = 30.0;
        private double maxSlewPpm = 500.0;

        private Builder(AccelerometerPart part) {
            this.part = part;
        }

        /** @param name label in status and errors, e.g. {@code left} @return this */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param address 7-bit address (ADXL345: 0x53 or 0x1D; LIS3DH: 0x18 or 0x19) @return this */
        public Builder address(int address) {
            this.address = address;
            return this;
        }

        /** @param rateHz output data rate in Hz: 25, 50 or 100 @return this */
        public Builder rateHz(int rateHz) {
            this.rateHz = rateHz;
            return this;
        }

        /** @param rangeG full scale in g: 2, 4, 8 or 16 @return this */
        public Builder rangeG(int rangeG) {
            this.rangeG = rangeG;
            return this;
        }

        /** @param samples FIFO watermark, 1..31 samples @return this */
        public Builder watermark(int samples) {
            this.watermark = samples;
            return this;
        }

        /** @param samples identical consecutive samples taken as frozen, 2..10000 @return this */
        public Builder frozenSamples(int samples) {
            this.frozenSamples = samples;
            return this;
        }

        /** @param seconds without a new sample before the sensor counts as stalled, 0.2..60 s @return this */
        public Builder stallTimeoutS(double seconds) {
            this.stallTimeoutS = seconds;
            return this;
        }

        /** @param seconds between identity checks, 0.5..3600 s @return this */
        public Builder idCheckPeriodS(double seconds) {
            this.idCheckPeriodS = seconds;
            return this;
        }

        /**
         * @param initialS first wait after a failed initialisation, 0.01..60 s
         * @param maxS     longest wait, initialS..3600 s
         * @return this
         */
        public Builder backoffS(double initialS, double maxS) {
            this.initialBackoffS = initialS;
            this.maxBackoffS = maxS;
            return this;
        }

        /** @param ppm sample clock slew bound, 1..10000 ppm @return this */
        public Builder maxSlewPpm(double ppm) {
            this.maxSlewPpm = ppm;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the bad value and the allowed values or range
         */
        public I2cSensorConfig build() {
            if (part == null) {
                throw new IllegalArgumentException("accelerometer part is missing (ADXL345 or LIS3DH)");
            }
            int addr = address != null ? address : part.addresses().get(0);
            String label = name != null ? name : String.format("%s@0x%02X", part, addr);
            if (label.isBlank()) {
                throw new IllegalArgumentException("sensor name is blank");
            }
            part.validate(rateHz, rangeG, addr);
            // 0.1 s of samples: short latency, and most of the FIFO left to absorb a pause of the poller.
            int wm = watermark != null ? watermark : Math.max(2, (int) Math.round(rateHz * 0.1));
            if (wm < 1 || wm > 31) {
                throw new IllegalArgumentException(label + ": FIFO watermark " + wm + " is outside 1..31 samples");
            }
            int frozen = frozenSamples != null ? frozenSamples : 2 * rateHz;
            if (frozen < 2 || frozen > 10000) {
                throw new IllegalArgumentException(label + ": frozen-sample count " + frozen + " is outside 2..10000");
            }
            double stall = stallTimeoutS != null ? stallTimeoutS : Math.max(1.0, 3.0 * wm / rateHz);
            requireRange(label, "stall timeout", stall, 0.2, 60, "s");
            requireRange(label, "identity check period", idCheckPeriodS, 0.5, 3600, "s");
            requireRange(label, "initial backoff", initialBackoffS, 0.01, 60, "s");
            requireRange(label, "maximum backoff", maxBackoffS, initialBackoffS, 3600, "s");
            requireRange(label, "clock slew bound", maxSlewPpm, 1, 10000, "ppm");
            return new I2cSensorConfig(label, part, addr, rateHz, rangeG, wm, frozen, stall, idCheckPeriodS,
                    initialBackoffS, maxBackoffS, maxSlewPpm);
        }

        private static void requireRange(String label, String what, double v, double lo, double hi, String unit) {
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(label + ": " + what + " " + v + " " + unit + " is outside "
                        + lo + ".." + hi + " " + unit);
            }
        }
    }
}
