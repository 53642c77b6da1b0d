package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.ConfigProblem;
import org.plmmonitor.monitor.config.MonitorConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place where the file's settings ({@code monitor.config}) become the runtime settings of the
 * store and the forwarder ({@code monitor.store.StoreConfig}, {@code monitor.influx.InfluxConfig}),
 * which share names with them but carry more knobs.
 */
public final class RuntimeConfigs {
    private RuntimeConfigs() {
    }

    /**
     * @param cfg the validated file settings
     * @return the store's runtime settings; forwarding on when InfluxDB is configured
     */
    public static org.plmmonitor.monitor.store.StoreConfig store(MonitorConfig cfg) {
        org.plmmonitor.monitor.config.StoreConfig s = cfg.store();
        return org.plmmonitor.monitor.store.StoreConfig.builder()
                .retentionDays(s.retentionDays())
                .rawRetentionDays(s.rawRetentionDays())
                .maxDatabaseBytes(s.maxDatabaseBytes())
                .forwardingEnabled(cfg.influx().isPresent())
                .build();
    }

    /**
     * @param cfg the validated file settings
     * @return the forwarder's runtime settings, empty when no {@code influx.url} is set
     * @throws ConfigException when the configured authentication is one the forwarder cannot use
     */
    public static Optional<org.plmmonitor.monitor.influx.InfluxConfig> influx(MonitorConfig cfg) throws ConfigException {
        if (cfg.influx().isEmpty()) {
            return Optional.empty();
        }
        org.plmmonitor.monitor.config.InfluxConfig i = cfg.influx().get();
        org.plmmonitor.monitor.influx.InfluxConfig.Builder b = org.plmmonitor.monitor.influx.InfluxConfig.builder()
                .url(i.url().toString())
                .database(i.database())
                .retentionPolicy(i.retentionPolicy().orElse(""))
                .caCertificate(i.caFile().orElse(null))
                .patientId(cfg.patientId())
                .deviceId(cfg.deviceId())
                .createDatabase(i.createDatabase());
        if (i.auth() instanceof org.plmmonitor.monitor.config.InfluxConfig.PasswordAuth p) {
            b.credentials(p.username(), p.password().reveal());
        } else if (i.auth() instanceof org.plmmonitor.monitor.config.InfluxConfig.TokenAuth) {
            throw new ConfigException(java.util.List.of(new ConfigProblem("secrets", 0, "influx.token",
                    "token authentication is not supported by the InfluxDB 1.x forwarder yet; allowed: "
                            + "influx.username with influx.password, or no authentication")));
        }
        return Optional.of(b.build());
    }

    /**
     * @param cfg the validated file settings
     * @return the directory of the store, where night reports and the status file go
     */
    public static Path dataDir(MonitorConfig cfg) {
        Path p = cfg.store().path().toAbsolutePath().getParent();
        return p != null ? p : Path.of(".").toAbsolutePath();
    }
}
