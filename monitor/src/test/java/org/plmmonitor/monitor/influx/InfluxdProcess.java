package org.plmmonitor.monitor.influx;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real influxd (Debian's 1.6.7) for tests: loopback ports, a temporary data directory, no
 * reporting. {@link #stop()} kills it (SIGKILL); {@link #start()} again reuses the same ports and data.
 */
public final class InfluxdProcess implements AutoCloseable {
    private static final Path INFLUXD = Path.of("/usr/bin/influxd");

    private final Path dir;
    private final int httpPort;
    private final Path config;
    private Process process;

    private final boolean https;

    private InfluxdProcess(Path dir, Path certificate, Path privateKey, boolean auth) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.https = certificate != null;
        this.httpPort = LoopbackPorts.free();
        int rpcPort = LoopbackPorts.free();
        this.config = dir.resolve("influxdb.conf");
        Files.writeString(config, String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[http]",
                "  bind-address = \"127.0.0.1:" + httpPort + "\"",
                "  log-enabled = false",
                "  auth-enabled = " + auth,
                "  https-enabled = " + https,
                https ? "  https-certificate = \"" + certificate + "\"" : "",
                https ? "  https-private-key = \"" + privateKey + "\"" : "",
                "[monitor]",
                "  store-enabled = false",
                "[continuous_queries]",
                "  enabled = false",
                ""));
    }

    /** @return true when Debian's influxd is installed (test.sh installs it) */
    public static boolean available() {
        return Files.isExecutable(INFLUXD);
    }

    /**
     * Creates the configuration (free loopback ports) without starting.
     *
     * @param dir an empty temporary directory for data, WAL, meta and the log
     */
    public static InfluxdProcess create(Path dir) throws IOException {
        return new InfluxdProcess(dir, null, null, false);
    }

    /**
     * Creates an HTTPS server requiring authentication, as a clinic's would be.
     *
     * @param dir         an empty temporary directory
     * @param certificate PEM server certificate
     * @param privateKey  PEM private key
     */
    public static InfluxdProcess createSecure(Path dir, Path certificate, Path privateKey) throws IOException {
        return new InfluxdProcess(dir, certificate, privateKey, true);
    }

    /**
     * Creates a plain-HTTP server requiring authentication (a lab's, or a clinic's behind a VPN).
     *
     * @param dir an empty temporary directory
     */
    public static InfluxdProcess createWithAuth(Path dir) throws IOException {
        return new InfluxdProcess(dir, null, null, true);
    }

    /** Starts influxd and waits (up to 20 s) until /ping answers 204. */
    public InfluxdProcess start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return this;
        }
        process = new ProcessBuilder(INFLUXD.toString(), "run", "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("influxd exited with " + process.exitValue() + "; see " + dir.resolve("influxd.log"));
            }
            if (pingOk()) {
                return this;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // readiness poll of an external process
        }
        stop();
        throw new IOException("influxd did not answer /ping within 20 s; see " + dir.resolve("influxd.log"));
    }

    private boolean pingOk() {
        if (https) {
            // Readiness only: is the port accepting connections? (TLS trust is what the tests examine.)
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", httpPort), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url() + "/ping").openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(500);
            try {
                return c.getResponseCode() == 204;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills influxd (SIGKILL) and waits for it to exit. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return {@code http://127.0.0.1:PORT} (or https) */
    public String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + httpPort;
    }

    /**
     * Runs one InfluxQL query and returns the first value of the first series (a count, a sum), or 0
     * when there is no series (nothing matched).
     */
    public double scalar(String database, String influxQl) {
        try (InfluxDB db = InfluxDBFactory.connect(url())) {
            QueryResult r = db.query(new Query(influxQl, database));
            if (r.hasError() || r.getResults().get(0).hasError()) {
                throw new IllegalStateException("query '" + influxQl + "' failed: " + r.getError() + " "
                        + r.getResults().get(0).getError());
            }
            List<QueryResult.Series> series = r.getResults().get(0).getSeries();
            if (series == null || series.isEmpty()) {
                return 0;
            }
            List<Object> row = series.get(0).getValues().get(0);
            return ((Number) row.get(1)).doubleValue(); // 1.6 returns Double for counts and sums
        }
    }

    /**
     * The {@code plm_report} pieces of one night joined in {@code part} order, each checked to be one point that
     * says the same number of parts (docs/influxdb-schema.md); null when the night has none.
     */
    public String reportText(String database, String patient, String nightId) {
        try (InfluxDB db = InfluxDBFactory.connect(url())) {
            QueryResult r = db.query(new Query("SELECT report_json, parts FROM plm_report WHERE patient = '" + patient
                    + "' AND night = '" + nightId + "' GROUP BY part", database));
            List<QueryResult.Series> found = r.getResults().get(0).getSeries();
            if (found == null) {
                return null;
            }
            List<QueryResult.Series> series = new java.util.ArrayList<>(found);
            series.sort(java.util.Comparator.comparingInt(x -> Integer.parseInt(x.getTags().get("part"))));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < series.size(); i++) {
                QueryResult.Series x = series.get(i);
                if (!x.getTags().get("part").equals(Integer.toString(i)) || x.getValues().size() != 1
                        || ((Number) x.getValues().get(0).get(2)).intValue() != series.size()) {
                    throw new IllegalStateException("night " + nightId + ": piece " + i + " is not what the schema says: " + x);
                }
                text.append((String) x.getValues().get(0).get(1));
            }
            return text.toString();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
