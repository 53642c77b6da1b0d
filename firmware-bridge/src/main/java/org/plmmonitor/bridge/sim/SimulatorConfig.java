package org.plmmonitor.bridge.sim;

/**
 * How a simulated device behaves, validated once.
 *
 * @param role           sensor hub, cuff controller or both
 * @param speed          simulated seconds per wall second, 0.01..100000 (1 = real time)
 * @param batchSamples   samples per SAMPLE_BATCH, 1..80 (25 at 50 Hz = one frame per 0.5 s)
 * @param scaleMicroG    micro-g per LSB of the int16 counts sent, 1..65535 (1000 = 1 mg/LSB, +-32 g)
 * @param watchdogMs     cuff vents when no valid host frame arrived for this long, wall ms, 100..60000
 * @param deviceId       the IDENTIFY device id
 * @param telemetryHz    cuff telemetry rate in simulated time, 0.1..100 Hz; thinned to at most 50 per
 *                       wall second when accelerated
 */
public record SimulatorConfig(DeviceRole role, double speed, int batchSamples, int scaleMicroG, int watchdogMs,
                              int deviceId, double telemetryHz) {
    /** Firmware version the simulator reports (major.minor = 1.0). */
    public static final int FIRMWARE_VERSION = 0x0100;

    public SimulatorConfig {
        if (role == null) {
            throw new IllegalArgumentException("role is null; expected sensor, cuff or both");
        }
        if (!(speed >= 0.01 && speed <= 100_000)) {
            throw new IllegalArgumentException("speed = " + speed + " is outside 0.01..100000");
        }
        if (batchSamples < 1 || batchSamples > 80) {
            throw new IllegalArgumentException("batchSamples = " + batchSamples + " is outside 1..80");
        }
        if (scaleMicroG < 1 || scaleMicroG > 65535) {
            throw new IllegalArgumentException("scaleMicroG = " + scaleMicroG + " is outside 1..65535");
        }
        if (watchdogMs < 100 || watchdogMs > 60_000) {
            throw new IllegalArgumentException("watchdogMs = " + watchdogMs + " is outside 100..60000");
        }
        if (!(telemetryHz >= 0.1 && telemetryHz <= 100)) {
            throw new IllegalArgumentException("telemetryHz = " + telemetryHz + " is outside 0.1..100");
        }
    }

    /** @return a builder with the defaults: both roles, real time, 25-sample batches, 1 mg/LSB, 3 s watchdog */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private DeviceRole role = DeviceRole.BOTH;
        private double speed = 1;
        private int batchSamples = 25;
        private int scaleMicroG = 1000;
        private int watchdogMs = 3000;
        private int deviceId = 0x504C4D31;
        private double telemetryHz = 10;

        /** @param v role @return this */
        public Builder role(DeviceRole v) {
            role = v;
            return this;
        }

        /** @param v simulated s per wall s @return this */
        public Builder speed(double v) {
            speed = v;
            return this;
        }

        /** @param v samples per frame @return this */
        public Builder batchSamples(int v) {
            batchSamples = v;
            return this;
        }

        /** @param v micro-g per LSB @return this */
        public Builder scaleMicroG(int v) {
            scaleMicroG = v;
            return this;
        }

        /** @param v wall ms @return this */
        public Builder watchdogMs(int v) {
            watchdogMs = v;
            return this;
        }

        /** @param v device id @return this */
        public Builder deviceId(int v) {
            deviceId = v;
            return this;
        }

        /** @param v Hz @return this */
        public Builder telemetryHz(double v) {
            telemetryHz = v;
            return this;
        }

        /** @return the validated config */
        public SimulatorConfig build() {
            return new SimulatorConfig(role, speed, batchSamples, scaleMicroG, watchdogMs, deviceId, telemetryHz);
        }
    }
}
