package org.plmmonitor.monitor.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Forwarding to an InfluxDB 1.x server ({@code influx.*}); absent from the config when {@code influx.url}
 * is not set, and then nights stay in the local store only.
 *
 * @param url             {@code http://} or {@code https://} base URL of the server, no path
 * @param database        database name, {@link #NAME}
 * @param retentionPolicy retention policy to write into; empty = the database's default policy
 * @param caFile          PEM file of the CA that signed the server's certificate; empty = the JVM's trust store
 * @param auth            how to authenticate; its secrets never print
 * @param createDatabase  true to create the database on first contact (a local server); false where the
 *                        server's administrator provisions it (a clinic server, a write-only user)
 */
public record InfluxConfig(URI url, String database, Optional<String> retentionPolicy, Optional<Path> caFile,
                           Auth auth, boolean createDatabase) {
    /**
     * Database, retention-policy and user names we accept: InfluxQL identifiers that need no quoting
     * (letters, digits, '_', not starting with a digit, at most 64), as create-database.sh requires too.
     */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** Default database name. */
    public static final String DEFAULT_DATABASE = "plm";

    /** How the daemon authenticates to InfluxDB. */
    public sealed interface Auth permits NoAuth, PasswordAuth, TokenAuth {
    }

    /** The server has authentication off (a local InfluxDB on the Pi, loopback only). */
    public record NoAuth() implements Auth {
    }

    /**
     * InfluxDB 1.x user and password.
     *
     * @param username the InfluxDB user
     * @param password its password, from the secrets file
     */
    public record PasswordAuth(String username, Secret password) implements Auth {
        public PasswordAuth {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /**
     * A token ({@code Authorization: Token ...}), as InfluxDB 1.8+ and 2.x compatibility endpoints accept.
     *
     * @param token the token, from the secrets file
     */
    public record TokenAuth(Secret token) implements Auth {
        public TokenAuth {
            Objects.requireNonNull(token, "token");
        }
    }

    public InfluxConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(retentionPolicy, "retentionPolicy");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(auth, "auth");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("influx url " + url + " is not http://HOST[:PORT] or https://HOST[:PORT]");
        }
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("influx database '" + database + "' is not a plain name");
        }
        if (caFile.isPresent() && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("influx ca_file needs an https url, not " + url);
        }
    }

    /** @return true when the connection is TLS */
    public boolean tls() {
        return "https".equals(url.getScheme());
    }
}
