package org.plmmonitor.monitor.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The local web interface ({@code web.*}).
 *
 * @param enabled whether it is served at all
 * @param bind    the address to listen on; the default 127.0.0.1 keeps it on the Pi
 * @param port    TCP port, 1-65535
 * @param https   certificate and key; empty = plain HTTP (acceptable on loopback only)
 */
public record WebConfig(boolean enabled, String bind, int port, Optional<Https> https) {
    /** Defaults: served on loopback port 8080, plain HTTP. */
    public static final WebConfig DEFAULT = new WebConfig(true, "127.0.0.1", 8080, Optional.empty());

    /**
     * TLS material, both PEM files.
     *
     * @param certificate the server certificate chain
     * @param key         its PKCS#8 private key
     */
    public record Https(Path certificate, Path key) {
        public Https {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    public WebConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(https, "https");
        Checks.range("port", port, 1, 65535);
    }
}
