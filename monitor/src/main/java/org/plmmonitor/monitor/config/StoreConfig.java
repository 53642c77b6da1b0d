package org.plmmonitor.monitor.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The local database every night is written to first ({@code store.*}).
 *
 * @param path             the SQLite file, an absolute path
 * @param retentionDays    nights older than this many days are deleted, 1-{@link #MAX_RETENTION_DAYS}
 * @param rawRetentionDays raw signal older than this many days is deleted, 1-{@code retentionDays}
 * @param maxDatabaseBytes cap on the database file in bytes, 0 for none, else 1 MiB-1 TiB
 */
public record StoreConfig(Path path, int retentionDays, int rawRetentionDays, long maxDatabaseBytes) {
    /** Longest retention that can be configured, in days (100 years). */
    public static final int MAX_RETENTION_DAYS = 36500;
    /** Largest database cap, in MiB (1 TiB). */
    public static final long MAX_DATABASE_MIB = 1L << 20;
    /** Defaults: the packaged data directory; nights kept 400 days, raw signal 60 days; no size cap. */
    public static final StoreConfig DEFAULT = new StoreConfig(Path.of("/var/lib/plm-monitor/plm.db"), 400, 60, 0);

    public StoreConfig {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("store path " + path + " is not absolute");
        }
        Checks.range("retention_days", retentionDays, 1, MAX_RETENTION_DAYS);
        Checks.range("raw_retention_days", rawRetentionDays, 1, retentionDays);
        if (maxDatabaseBytes != 0) {
            Checks.range("max_database_bytes", maxDatabaseBytes, 1L << 20, MAX_DATABASE_MIB << 20);
        }
    }
}
