package org.plmmonitor.bridge.serial;

/**
 * Port settings and reconnect pacing, validated once.
 *
 * @param baudRate         bits per second, 1200..4000000 (ignored by ptys and rfcomm)
 * @param readTimeoutMs    longest a single read waits, 10..1000 ms; short so that close and
 *                         heartbeats are never held up (jSerialComm may take twice this with partial data)
 * @param writeTimeoutMs   longest a write may block on a device that does not drain, 10..10000 ms
 * @param reconnectMinMs   first pause after a failed open or a lost link, 10..2000 ms
 * @param reconnectMaxMs   pause ceiling of the doubling backoff, reconnectMinMs..2000 ms; bounds how
 *                         long after a replug the link is back (plus the open itself)
 */
public record SerialLinkConfig(int baudRate, int readTimeoutMs, int writeTimeoutMs,
                               int reconnectMinMs, int reconnectMaxMs) {

    /** Defaults: 115200 baud, 100 ms reads, 1 s writes, reconnect backoff 50..500 ms. */
    public static final SerialLinkConfig DEFAULT = builder().build();

    public SerialLinkConfig {
        check("baudRate", baudRate, 1200, 4_000_000);
        check("readTimeoutMs", readTimeoutMs, 10, 1000);
        check("writeTimeoutMs", writeTimeoutMs, 10, 10_000);
        check("reconnectMinMs", reconnectMinMs, 10, 2000);
        check("reconnectMaxMs", reconnectMaxMs, reconnectMinMs, 2000);
    }

    private static void check(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("serial " + name + " = " + v + " is outside " + lo + ".." + hi);
        }
    }

    /**
     * @param failures consecutive failed attempts so far, 0 or more
     * @return pause before the next attempt, ms: min x 2^failures, capped at max
     */
    public long backoffMs(int failures) {
        long d = reconnectMinMs;
        for (int i = 0; i < failures && d < reconnectMaxMs; i++) {
            d *= 2;
        }
        return Math.min(d, reconnectMaxMs);
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int baudRate = 115_200;
        private int readTimeoutMs = 100;
        private int writeTimeoutMs = 1000;
        private int reconnectMinMs = 50;
        private int reconnectMaxMs = 500;

        /** @param v bits per second @return this */
        public Builder baudRate(int v) {
            baudRate = v;
            return this;
        }

        /** @param v ms @return this */
        public Builder readTimeoutMs(int v) {
            readTimeoutMs = v;
            return this;
        }

        /** @param v ms @return this */
        public Builder writeTimeoutMs(int v) {
            writeTimeoutMs = v;
            return this;
        }

        /** @param v ms @return this */
        public Builder reconnectMinMs(int v) {
            reconnectMinMs = v;
            return this;
        }

        /** @param v ms @return this */
        public Builder reconnectMaxMs(int v) {
            reconnectMaxMs = v;
            return this;
        }

        /** @return the validated config */
        public SerialLinkConfig build() {
            return new SerialLinkConfig(baudRate, readTimeoutMs, writeTimeoutMs, reconnectMinMs, reconnectMaxMs);
        }
    }
}
