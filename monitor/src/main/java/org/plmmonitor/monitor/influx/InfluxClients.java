package org.plmmonitor.monitor.influx;

import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the influxdb-java client: timeouts, TLS trust (JVM store or a given CA), credentials. */
final class InfluxClients {
    private InfluxClients() {
    }

    static InfluxDB connect(InfluxConfig cfg) {
        long ms = cfg.timeout().toMillis();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(ms, TimeUnit.MILLISECONDS)
                .readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS);
        if (cfg.caCertificate() != null) {
            X509TrustManager tm = trustManager(cfg);
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {tm}, null);
                http.sslSocketFactory(ctx.getSocketFactory(), tm);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS with CA " + cfg.caCertificate() + ": " + e.getMessage(), e);
            }
        }
        String url = cfg.url().toString();
        InfluxDB db = cfg.username().isEmpty()
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, cfg.username(), cfg.password(), http);
        // The client's HTTP logging would print the query string, which carries the password.
        db.setLogLevel(InfluxDB.LogLevel.NONE);
        db.enableGzip();
        return db;
    }

    private static X509TrustManager trustManager(InfluxConfig cfg) {
        try (InputStream in = Files.newInputStream(cfg.caCertificate())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("CA file " + cfg.caCertificate() + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X.509 trust manager available");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read CA certificate " + cfg.caCertificate() + ": " + e.getMessage(), e);
        }
    }
}
