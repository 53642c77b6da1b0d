package org.plmmonitor.monitor.config;

import org.plmmonitor.bridge.i2c.AccelerometerPart;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one leg's acceleration comes from ({@code sensor.left.*} or {@code sensor.right.*}). The kind is
 * chosen by {@code sensor.<leg>.type}; each kind takes only its own keys.
 */
public sealed interface SensorConfig
        permits SensorConfig.I2c, SensorConfig.Serial, SensorConfig.Simulator, SensorConfig.Replay {

    /** Sampling rates every source supports, in Hz. */
    List<Integer> RATES_HZ = List.of(25, 50, 100);
    /** Default sampling rate, in Hz. */
    int DEFAULT_RATE_HZ = 50;
    /** Serial line speeds accepted, in bit/s. */
    List<Integer> BAUD_RATES = List.of(9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);
    /** Default serial line speed, in bit/s. */
    int DEFAULT_BAUD = 115200;
    /** Slowest and fastest simulator or replay speed, as a multiple of real time. */
    double MIN_SPEED = 1.0;
    /** @see #MIN_SPEED */
    double MAX_SPEED = 1000.0;

    /** @return the value of {@code sensor.<leg>.type} that selects this kind */
    String typeName();

    /** @return true for a sensor on the wall clock (i2c, serial), false for a simulated one (simulator, replay) */
    boolean live();

    /**
     * @param chip an accelerometer part with a driver
     * @return its {@code sensor.<leg>.type} value, e.g. {@code i2c-adxl345}
     */
    static String typeName(AccelerometerPart chip) {
        return "i2c-" + chip.name().toLowerCase(Locale.ROOT);
    }

    /**
     * An accelerometer wired to the Pi's I2C bus.
     *
     * @param chip    which chip (the bridge's driver list)
     * @param bus     I2C bus number, 0-31 ({@code /dev/i2c-<bus>}; 1 on a Raspberry Pi header)
     * @param address 7-bit bus address, one of {@link AccelerometerPart#addresses()}
     * @param rateHz  sampling rate in Hz, one of {@link #RATES_HZ}
     * @param rangeG  full-scale range in g, one of {@link AccelerometerPart#rangesG()}
     */
    record I2c(AccelerometerPart chip, int bus, int address, int rateHz, int rangeG) implements SensorConfig {
        /** Default full-scale range in g: gravity plus a kick stays on scale. */
        public static final int DEFAULT_RANGE_G = 4;
        /** Default bus on a Raspberry Pi 40-pin header. */
        public static final int DEFAULT_BUS = 1;

        public I2c {
            Objects.requireNonNull(chip, "chip");
            Checks.range("bus", bus, 0, 31);
            Checks.oneOf("address", address, chip.addresses());
            Checks.oneOf("rate_hz", rateHz, RATES_HZ);
            Checks.oneOf("range_g", rangeG, chip.rangesG());
        }

        @Override
        public String typeName() {
            return SensorConfig.typeName(chip);
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    /**
     * A microcontroller streaming samples over a serial line (USB, UART or Bluetooth rfcomm). The board
     * announces each sensor's leg and rate itself; one board may carry both legs and the cuff, and then
     * every section names the same device.
     *
     * @param path the device file; prefer a stable name ({@code /dev/plm-sensor}, {@code /dev/serial/by-id/...})
     * @param baud line speed in bit/s, one of {@link #BAUD_RATES} (ignored by ptys and rfcomm)
     */
    record Serial(Path path, int baud) implements SensorConfig {
        public Serial {
            Objects.requireNonNull(path, "path");
            Checks.oneOf("baud", baud, BAUD_RATES);
        }

        @Override
        public String typeName() {
            return "serial";
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    /**
     * The project's seeded in-process generator: a night without hardware.
     *
     * @param seed   random seed; the same seed gives the same night
     * @param speed  multiple of real time, {@link #MIN_SPEED}-{@link #MAX_SPEED}
     * @param rateHz sampling rate in Hz, one of {@link #RATES_HZ}
     */
    record Simulator(long seed, double speed, int rateHz) implements SensorConfig {
        public Simulator {
            Checks.range("speed", speed, MIN_SPEED, MAX_SPEED);
            Checks.oneOf("rate_hz", rateHz, RATES_HZ);
        }

        @Override
        public String typeName() {
            return "simulator";
        }

        @Override
        public boolean live() {
            return false;
        }
    }

    /**
     * A recorded CSV played back as if live; its rate is the file's.
     *
     * @param file  the recording
     * @param speed multiple of real time, {@link #MIN_SPEED}-{@link #MAX_SPEED}
     */
    record Replay(Path file, double speed) implements SensorConfig {
        public Replay {
            Objects.requireNonNull(file, "file");
            Checks.range("speed", speed, MIN_SPEED, MAX_SPEED);
        }

        @Override
        public String typeName() {
            return "replay";
        }

        @Override
        public boolean live() {
            return false;
        }
    }
}
