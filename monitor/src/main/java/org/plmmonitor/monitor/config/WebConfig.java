package org.plmmonitor.monitor.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The local web interface ({@code web.*}).
 *
 * @param enabled whether it is served at all
 * @param bind    the address to listen on; the default 127.0.0.1 keeps it on the Pi
 * @param port    TCP port, 1-65535 (0: any free port, which only tests ask for)
 * @param https   certificate and key; empty = plain HTTP (acceptable on loopback only)
 * @param allowPlaintext whether plain HTTP may be served on a non-loopback address ({@code web.allow_plaintext})
 */
public record WebConfig(boolean enabled, String bind, int port, Optional<Https> https, boolean allowPlaintext) {
    /** Defaults: served on loopback port 8080, plain HTTP. */
    public static final WebConfig DEFAULT = new WebConfig(true, "127.0.0.1", 8080, Optional.empty(), false);
    /** Not served ({@code web.enabled = false}); the other values are the defaults. */
    public static final WebConfig OFF = new WebConfig(false, DEFAULT.bind(), DEFAULT.port(), Optional.empty(), false);

    /**
     * @return why this setting would serve patient data over plain HTTP on the network, or empty when it does
     *         not (loopback, HTTPS, or {@code allowPlaintext})
     */
    public Optional<String> exposure() {
        if (https.isPresent() || allowPlaintext || loopback(bind)) {
            return Optional.empty();
        }
        return Optional.of("'" + bind + "' serves patient data over plain HTTP on the network: set "
                + "web.https.certificate and web.https.key, or web.allow_plaintext = true");
    }

    /**
     * @param host an address or host name
     * @return whether it names the loopback interface only
     */
    public static boolean loopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /**
     * @param newBind an address to listen on instead
     * @param newPort a port instead, 1-65535 (0: any free port, for tests)
     * @return this setting with the address and port replaced
     */
    public WebConfig at(String newBind, int newPort) {
        return new WebConfig(enabled, newBind, newPort, https, allowPlaintext);
    }

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
        Checks.range("port", port, 0, 65535);
    }
}
