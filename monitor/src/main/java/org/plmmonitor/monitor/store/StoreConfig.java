package org.plmmonitor.monitor.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the local store ({@code store.*} in plm.conf), validated once: the config loader builds this
 * record directly, and any other code uses {@link #builder()}.
 *
 * @param path                 the SQLite file, an absolute path (default /var/lib/plm-monitor/plm.db);
 *                             night reports and the status file go in its directory
 * @param flushInterval        how often queued writes are committed in one transaction, 100 ms-10 s
 *                             (default 1 s: a kill loses at most about this much; fewer, larger
 *                             commits spare an SD card)
 * @param maxQueuedItems       bound on items waiting for the writer, 1000-10,000,000 (default 100,000);
 *                             beyond it the oldest raw chunks, then the oldest activity seconds, are
 *                             dropped; movements, series, nights, device events and cuff actions never
 * @param retentionDays        nights older than this many days are deleted, 1-36500 (default 400)
 * @param rawRetentionDays     raw signal older than this many days is deleted, 1-36500 and
 *                             {@code <= retentionDays} (default 60)
 * @param retentionCheckInterval how often retention runs, 1 s-1 day (default 10 min)
 * @param maxDatabaseBytes     cap on the database file, bytes, 1 MiB-1 TiB, or 0 for none (default 0);
 *                             reaching it behaves like a full disk
 * @param forwardingEnabled    true to enqueue every item in the outbox for InfluxDB (default false:
 *                             store-only; nothing accumulates for a forwarder that never comes)
 * @param maxOutboxRows        cap on rows waiting for InfluxDB, 10,000-100,000,000 (default 5,000,000,
 *                             about 85 nights); beyond it the oldest rows are dropped (their items stay
 *                             in the local store, they are only not forwarded) and a warning is logged
 */
public record StoreConfig(Path path, Duration flushInterval, int maxQueuedItems, int retentionDays, int rawRetentionDays,
                          Duration retentionCheckInterval, long maxDatabaseBytes, boolean forwardingEnabled,
                          long maxOutboxRows) {

    /** Where the package keeps the database. */
    public static final Path DEFAULT_PATH = Path.of("/var/lib/plm-monitor/plm.db");
    /** Longest retention that can be configured, in days (100 years). */
    public static final int MAX_RETENTION_DAYS = 36_500;
    /** Largest database cap, in bytes (1 TiB). */
    public static final long MAX_DATABASE_BYTES = 1L << 40;
    /** Smallest database cap, in bytes (1 MiB). */
    public static final long MIN_DATABASE_BYTES = 1L << 20;

    /** Validates every value (also when the record is built directly), naming the bad one and its range. */
    public StoreConfig {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("store path " + path + " is not absolute");
        }
        requireDuration("flush interval", flushInterval, Duration.ofMillis(100), Duration.ofSeconds(10));
        requireRange("max queued items", maxQueuedItems, 1000, 10_000_000);
        requireRange("retention days", retentionDays, 1, MAX_RETENTION_DAYS);
        requireRange("raw retention days", rawRetentionDays, 1, retentionDays);
        requireDuration("retention check interval", retentionCheckInterval, Duration.ofSeconds(1), Duration.ofDays(1));
        if (maxDatabaseBytes != 0 && (maxDatabaseBytes < MIN_DATABASE_BYTES || maxDatabaseBytes > MAX_DATABASE_BYTES)) {
            throw new IllegalArgumentException("max database bytes " + maxDatabaseBytes + " is outside 1 MiB-1 TiB (or 0 for no cap)");
        }
        requireRange("max outbox rows", maxOutboxRows, 10_000, 100_000_000);
    }

    private static void requireRange(String what, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + "-" + max);
        }
    }

    private static void requireDuration(String what, Duration v, Duration min, Duration max) {
        if (v == null || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + "-" + max);
        }
    }

    /** @return the directory of the database, where night reports and the status file go */
    public Path dataDir() {
        Path parent = path.getParent();
        return parent != null ? parent : path.getRoot();
    }

    /**
     * @param enabled true when an InfluxDB forwarder drains the outbox
     * @return this config with forwarding set so
     */
    public StoreConfig withForwarding(boolean enabled) {
        return enabled == forwardingEnabled ? this : new StoreConfig(path, flushInterval, maxQueuedItems, retentionDays,
                rawRetentionDays, retentionCheckInterval, maxDatabaseBytes, enabled, maxOutboxRows);
    }

    /**
     * The settings of a command that reads a store the daemon writes (a report, the trial, a re-analysis of a
     * copied store, an export, the web over a copied store). Opening a store runs retention at once, so a
     * reader opening with the defaults would delete what the daemon's own, longer retention keeps (nights
     * past 400 days, raw signal past 60) just by showing a report. A reader keeps everything; retention is
     * the daemon's business, with the daemon's settings.
     *
     * @param db the store's database file
     * @return defaults with the longest retention and no forwarding
     */
    public static StoreConfig forReading(Path db) {
        return builder().path(db).retentionDays(MAX_RETENTION_DAYS).rawRetentionDays(MAX_RETENTION_DAYS).build();
    }

    /** @return the defaults, store-only */
    public static StoreConfig defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@link #build()} validates every value and names the bad one. */
    public static final class Builder {
        private Path path = DEFAULT_PATH;
        private Duration flushInterval = Duration.ofSeconds(1);
        private int maxQueuedItems = 100_000;
        private int retentionDays = 400;
        private int rawRetentionDays = 60;
        private Duration retentionCheckInterval = Duration.ofMinutes(10);
        private long maxDatabaseBytes = 0;
        private boolean forwardingEnabled = false;
        private long maxOutboxRows = 5_000_000;

        private Builder() {
        }

        /** @param v the SQLite file, an absolute path */
        public Builder path(Path v) {
            this.path = v;
            return this;
        }

        /** @param v commit interval, 100 ms-10 s */
        public Builder flushInterval(Duration v) {
            this.flushInterval = v;
            return this;
        }

        /** @param v queued items bound, 1000-10,000,000 */
        public Builder maxQueuedItems(int v) {
            this.maxQueuedItems = v;
            return this;
        }

        /** @param v days to keep nights, 1-36500 */
        public Builder retentionDays(int v) {
            this.retentionDays = v;
            return this;
        }

        /** @param v days to keep raw signal, 1-36500, at most the nights' retention */
        public Builder rawRetentionDays(int v) {
            this.rawRetentionDays = v;
            return this;
        }

        /** @param v retention pass interval, 1 s-1 day */
        public Builder retentionCheckInterval(Duration v) {
            this.retentionCheckInterval = v;
            return this;
        }

        /** @param v database size cap, bytes, 1 MiB-1 TiB, or 0 for none */
        public Builder maxDatabaseBytes(long v) {
            this.maxDatabaseBytes = v;
            return this;
        }

        /** @param v true when an InfluxDB forwarder will drain the outbox */
        public Builder forwardingEnabled(boolean v) {
            this.forwardingEnabled = v;
            return this;
        }

        /** @param v cap on outbox rows, 10,000-100,000,000 */
        public Builder maxOutboxRows(long v) {
            this.maxOutboxRows = v;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the bad value and its allowed range
         */
        public StoreConfig build() {
            return new StoreConfig(path, flushInterval, maxQueuedItems, retentionDays, rawRetentionDays,
                    retentionCheckInterval, maxDatabaseBytes, forwardingEnabled, maxOutboxRows);
        }
    }
}
