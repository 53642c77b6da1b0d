package org.plmmonitor.monitor.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The local database every night is written to first ({@code store.*}).
 *
 * @param path          the SQLite file, an absolute path
 * @param retentionDays days a night is kept, 0 (forever) to {@link #MAX_RETENTION_DAYS}
 */
public record StoreConfig(Path path, int retentionDays) {
    /** Longest retention that can be configured, in days (100 years). */
    public static final int MAX_RETENTION_DAYS = 36500;
    /** Defaults: the packaged data directory, kept forever. */
    public static final StoreConfig DEFAULT = new StoreConfig(Path.of("/var/lib/plm-monitor/plm.db"), 0);

    public StoreConfig {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("store path " + path + " is not absolute");
        }
        Checks.range("retention_days", retentionDays, 0, MAX_RETENTION_DAYS);
    }

    /** @return true when nights are never deleted for age */
    public boolean keepForever() {
        return retentionDays == 0;
    }
}
