package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.monitor.influx.InfluxConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code influx.*} keys of a configuration file: the InfluxDB 1.x server, its database and the
 * credentials (the password from the secrets file). Read by the daemon's whole configuration and alone by
 * a command that uses nothing else ({@code plm export --source influx} on a clinic's machine that has no
 * sensor).
 */
final class InfluxSection {
    /** What every key of the section starts with. */
    static final String PREFIX = "influx.";

    private InfluxSection() {
    }

    /**
     * Reads the {@code influx.*} keys, recording every problem in {@code conf}.
     *
     * @param conf    the configuration file's entries
     * @param patient the pseudonymous patient id the points are tagged with ({@link InfluxConfig#ID})
     * @param device  the monitor unit's id the points are tagged with ({@link InfluxConfig#ID})
     * @return the InfluxDB settings, or empty when {@code influx.url} is not set or a key was refused
     */
    static Optional<InfluxConfig> read(ConfigEntries conf, String patient, String device) {
        Optional<String> urlText = conf.string("influx.url");
        if (urlText.isEmpty()) {
            return Optional.empty();
        }
        int before = conf.problemCount();
        URI url = null;
        try {
            url = new URI(urlText.get());
            boolean httpish = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            boolean bare = url.getPath() == null || url.getPath().isEmpty() || "/".equals(url.getPath());
            if (url.getRawUserInfo() != null) {
                // A password in the URL must not reach the log through this message.
                conf.problem("influx.url", "holds a user (and maybe a password): put the user in influx.username and "
                        + "the password in the secrets file");
                url = null;
            } else if (!httpish || url.getHost() == null || !bare || url.getQuery() != null) {
                conf.problem("influx.url", InputText.quote(urlText.get()) + " is not http://HOST[:PORT] or https://HOST[:PORT]"
                        + " (no path, no user: the user goes in influx.username)");
                url = null;
            }
        } catch (URISyntaxException notAUrl) {
            // Mask a user:password part, should the malformed URL hold one.
            String shown = urlText.get().replaceFirst("//[^/]*@", "//***@");
            conf.problem("influx.url", InputText.quote(shown) + " is not a URL: " + notAUrl.getReason());
        }
        String database = conf.name("influx.database").orElse(InfluxConfig.DEFAULT_DATABASE);
        Optional<String> policy = conf.name("influx.retention_policy");
        boolean createDatabase = conf.bool("influx.create_database", true);
        Optional<String> username = conf.name("influx.username");
        boolean plaintextOk = conf.bool("influx.allow_plaintext", false);
        Optional<Path> ca = conf.path("influx.ca_file");
        ca.ifPresent(c -> conf.readable("influx.ca_file", c));
        if (url != null && "http".equals(url.getScheme())) {
            if (ca.isPresent()) {
                conf.problem("influx.ca_file", "is set but influx.url is http: use https://");
            }
            if (!plaintextOk && !WebConfig.loopback(url.getHost())) {
                conf.problem("influx.url", "plain http to " + url.getHost() + " would send patient data and the password "
                        + "unencrypted: use https:// (docs/install.md), or set influx.allow_plaintext = true on a "
                        + "network you trust");
            }
        }
        boolean secretsNamed = conf.has("influx.secrets_file");
        Path secretsPath = conf.path("influx.secrets_file").orElse(ConfigLoader.DEFAULT_SECRETS);
        int beforeSecrets = conf.problemCount();
        Map<String, Secret> secrets = SecretsFile.read(secretsPath, secretsNamed || username.isPresent(), conf.sink());
        boolean secretsRefused = conf.problemCount() != beforeSecrets;
        Secret password = secrets.get("influx.password");
        String secretsName = secretsPath.toString();
        boolean authOk = true;
        if (username.isPresent() && password == null) {
            // When the secrets file itself was refused, its own problems are reported already.
            authOk = false;
            if (!secretsRefused) {
                conf.problem("influx.username", "is set, but " + secretsName + " has no influx.password");
            }
        } else if (username.isEmpty() && password != null) {
            conf.add(new ConfigProblem(secretsName, 0, "influx.password",
                    "is set, but plm.conf has no influx.username to go with it"));
        }
        if (conf.problemCount() != before || url == null || !authOk) {
            return Optional.empty();
        }
        URI checkedUrl = url;
        return conf.record("influx.url", () -> InfluxConfig.builder().url(checkedUrl.toString()).database(database)
                .retentionPolicy(policy.orElse("")).caCertificate(ca.orElse(null)).patientId(patient).deviceId(device)
                .credentials(username.orElse(""), password == null ? "" : password.reveal())
                .createDatabase(createDatabase).build());
    }
}
