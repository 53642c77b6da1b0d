package org.plmmonitor.monitor.influx;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how to forward to InfluxDB 1.x. Validated once by {@link Builder#build()}. The password
 * is read by the caller from a secrets file; {@link #toString()} never shows it.
 *
 * @param url              server URL, {@code http://} or {@code https://}, e.g. {@code http://127.0.0.1:8086}
 * @param database         database name, {@link #NAME}
 * @param retentionPolicy  retention policy to write into ({@link #NAME}), or empty for the database's default
 * @param username         user name, or empty for none
 * @param password         password, or empty for none (never logged)
 * @param caCertificate    PEM file of the CA that signed a clinic server's certificate, or null to
 *                         use the JVM trust store
 * @param patientId        pseudonymous patient id (tag {@code patient}), {@link #ID}; never a name
 * @param deviceId         id of this monitor unit (tag {@code device}), {@link #ID}
 * @param batchSize        points per write, 1-50,000 (default 5000)
 * @param pollInterval     how often an idle forwarder looks for new rows, 50 ms-1 min (default 1 s)
 * @param initialBackoff   wait after the first failed write, 10 ms-1 min (default 1 s)
 * @param maxBackoff       cap on the doubling wait, {@code >= initialBackoff}, at most 1 h (default 5 min)
 * @param timeout          connect/read/write timeout of one request, 100 ms-5 min (default 10 s)
 * @param createDatabase   true to {@code CREATE DATABASE} on first contact (a local server); false for a
 *                         clinic server where the database is provisioned (default true)
 */
public record InfluxConfig(URI url, String database, String retentionPolicy, String username, String password,
                           Path caCertificate, String patientId, String deviceId, int batchSize, Duration pollInterval,
                           Duration initialBackoff, Duration maxBackoff, Duration timeout, boolean createDatabase) {

    /**
     * Database, retention-policy and user names: InfluxQL identifiers that need no quoting (letters,
     * digits, '_', not starting with a digit, at most 64), as create-database.sh requires too.
     */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** Patient and device ids (tag values): 1-64 letters, digits, '-' or '_', starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** Default database name. */
    public static final String DEFAULT_DATABASE = "plm";
    /** Default patient id. */
    public static final String DEFAULT_PATIENT_ID = "patient";
    /** Default device id. */
    public static final String DEFAULT_DEVICE_ID = "plm-monitor";

    /** Validates every value (also when the record is built directly), naming the bad one. */
    public InfluxConfig {
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("InfluxDB URL '" + url + "' must be http://host[:port] or https://host[:port]");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null) {
            // Whatever is in the URL ends up in logs: credentials belong in the secrets file.
            throw new IllegalArgumentException("InfluxDB URL must not carry credentials or a query (" + url.getScheme() + "://"
                    + url.getHost() + "...): give user name and password separately");
        }
        requireMatch("database", database, NAME);
        if (retentionPolicy == null || !retentionPolicy.isEmpty() && !NAME.matcher(retentionPolicy).matches()) {
            throw new IllegalArgumentException("retention policy '" + retentionPolicy + "' must be empty or match " + NAME.pattern());
        }
        if (username == null || password == null) {
            throw new IllegalArgumentException("InfluxDB user name and password must be given (empty for none)");
        }
        if (!username.isEmpty() && !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("InfluxDB user name '" + username + "' must match " + NAME.pattern());
        }
        if (username.isEmpty() != password.isEmpty()) {
            throw new IllegalArgumentException("InfluxDB user name and password must be given together (user '" + username + "')");
        }
        if (caCertificate != null && !"https".equals(scheme)) {
            throw new IllegalArgumentException("a CA certificate needs an https URL, not " + url);
        }
        if (caCertificate != null && !Files.isReadable(caCertificate)) {
            throw new IllegalArgumentException("CA certificate file " + caCertificate + " is not readable");
        }
        requireMatch("patient id", patientId, ID);
        requireMatch("device id", deviceId, ID);
        if (batchSize < 1 || batchSize > 50_000) {
            throw new IllegalArgumentException("batch size " + batchSize + " is outside 1-50000");
        }
        requireDuration("poll interval", pollInterval, Duration.ofMillis(50), Duration.ofMinutes(1));
        requireDuration("initial backoff", initialBackoff, Duration.ofMillis(10), Duration.ofMinutes(1));
        requireDuration("max backoff", maxBackoff, initialBackoff, Duration.ofHours(1));
        requireDuration("timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    }

    private static void requireMatch(String what, String v, Pattern p) {
        if (v == null || !p.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " " + org.plmmonitor.analysis.io.InputText.quote(v) + " must match " + p.pattern());
        }
    }

    private static void requireDuration(String what, Duration v, Duration min, Duration max) {
        if (v == null || min == null || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + "-" + max);
        }
    }

    /** @return true when the connection is TLS */
    public boolean tls() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "InfluxConfig[url=" + url + ", database=" + database + ", retentionPolicy=" + retentionPolicy
                + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
                + ", caCertificate=" + caCertificate + ", patientId=" + patientId + ", deviceId=" + deviceId
                + ", batchSize=" + batchSize + ", pollInterval=" + pollInterval + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", timeout=" + timeout + ", createDatabase=" + createDatabase + "]";
    }

    /** Builder; {@link #build()} validates and names the bad value. */
    public static final class Builder {
        private String url;
        private String database = DEFAULT_DATABASE;
        private String retentionPolicy = "";
        private String username = "";
        private String password = "";
        private Path caCertificate;
        private String patientId = DEFAULT_PATIENT_ID;
        private String deviceId = DEFAULT_DEVICE_ID;
        private int batchSize = 5000;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Duration timeout = Duration.ofSeconds(10);
        private boolean createDatabase = true;

        private Builder() {
        }

        /** @param v server URL, http or https */
        public Builder url(String v) {
            this.url = v;
            return this;
        }

        /** @param v database name */
        public Builder database(String v) {
            this.database = v;
            return this;
        }

        /** @param v retention policy, or empty for the default */
        public Builder retentionPolicy(String v) {
            this.retentionPolicy = v;
            return this;
        }

        /**
         * @param user user name (empty for none)
         * @param pass password (empty for none); never logged
         */
        public Builder credentials(String user, String pass) {
            this.username = user;
            this.password = pass;
            return this;
        }

        /** @param v PEM CA certificate file, or null for the JVM trust store */
        public Builder caCertificate(Path v) {
            this.caCertificate = v;
            return this;
        }

        /** @param v pseudonymous patient id */
        public Builder patientId(String v) {
            this.patientId = v;
            return this;
        }

        /** @param v this monitor unit's id */
        public Builder deviceId(String v) {
            this.deviceId = v;
            return this;
        }

        /** @param v points per write, 1-50,000 */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** @param v idle poll interval, 50 ms-1 min */
        public Builder pollInterval(Duration v) {
            this.pollInterval = v;
            return this;
        }

        /**
         * @param initial first wait, 10 ms-1 min
         * @param max     cap, from {@code initial} to 1 h
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** @param v per-request timeout, 100 ms-5 min */
        public Builder timeout(Duration v) {
            this.timeout = v;
            return this;
        }

        /** @param v true to create the database on first contact */
        public Builder createDatabase(boolean v) {
            this.createDatabase = v;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the bad value and what is allowed
         */
        public InfluxConfig build() {
            if (url == null) {
                throw new IllegalArgumentException("InfluxDB URL is missing (expected http://host:port or https://host:port)");
            }
            URI uri;
            try {
                uri = new URI(url.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("InfluxDB URL '" + url + "' is not a URL: " + e.getMessage(), e);
            }
            return new InfluxConfig(uri, database, retentionPolicy, username, password, caCertificate, patientId, deviceId,
                    batchSize, pollInterval, initialBackoff, maxBackoff, timeout, createDatabase);
        }
    }
}
