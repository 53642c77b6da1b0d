package org.plmmonitor.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real influxd 1.x on loopback ports with its data in a temporary directory. */
final class Influxd implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/influxd");

    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Influxd(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    private static int nextPort = -1;

    /**
     * A loopback port below the kernel's ephemeral range, checked free. A port from {@code new ServerSocket(0)}
     * is ephemeral: between its release and influxd's bind, an outgoing connection may be given it as its
     * local end, and CI saw influxd fail with "bind: address already in use" that way. Ports below the range
     * are never given to outgoing connections. (monitor's tests have the same rule in LoopbackPorts.)
     */
    private static synchronized int freePort() throws IOException {
        // readAllLines, not readString: a /proc file reports size 0 and readString then returns one byte.
        int top = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                .trim().split("\\s+")[0]) - 1;
        int lowest = 10_000;
        if (nextPort < 0) {
            nextPort = top - (int) (ProcessHandle.current().pid() * 61 % (top - lowest));
        }
        for (int tries = 0; tries < top - lowest; tries++) {
            int port = nextPort;
            nextPort = port <= lowest ? top : port - 1;
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try the next one down
            }
        }
        throw new IOException("no free loopback port between " + lowest + " and " + top);
    }

    /**
     * Starts influxd, or skips the calling test when it is not installed.
     *
     * @param dir  where its configuration, data and log go
     * @param auth whether authentication is on
     */
    static Influxd start(Path dir, boolean auth) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "influxd is not installed (test.sh installs the influxdb package)");
        int httpPort = freePort();
        int rpcPort = freePort();
        Path conf = dir.resolve("influxd.conf");
        Files.writeString(conf, String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]", "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[http]", "  bind-address = \"127.0.0.1:" + httpPort + "\"", "  auth-enabled = " + auth,
                "  log-enabled = false", ""));
        Path log = dir.resolve("influxd.log");
        Process p = new ProcessBuilder(BINARY.toString(), "run", "-config", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Influxd influxd = new Influxd(p, "http://127.0.0.1:" + httpPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (influxd.http.send(HttpRequest.newBuilder(URI.create(influxd.url + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return influxd;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    influxd.close();
                    throw new AssertionError("influxd did not answer:\n" + Files.readString(log), notYet);
                }
                Thread.sleep(100); // polling a real server's start: there is no event to wait on
            }
        }
    }

    String url() {
        return url;
    }

    /**
     * @param userPassword {@code user:password}, or null
     * @param q            InfluxQL
     * @return the JSON answer (statement errors are inside it, with HTTP 200)
     */
    String query(String userPassword, String q) throws IOException, InterruptedException {
        return query(userPassword, null, q);
    }

    /**
     * @param userPassword {@code user:password}, or null
     * @param db           the database the statement runs in, or null
     * @param q            InfluxQL
     * @return the JSON answer
     */
    String query(String userPassword, String db, String q) throws IOException, InterruptedException {
        String path = db == null ? "/query" : "/query?db=" + URLEncoder.encode(db, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
        if (userPassword != null) {
            b.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), q + ": " + r.body());
        return r.body();
    }

    /** @return the HTTP status of writing line protocol to {@code /write?QUERY} */
    HttpResponse<String> write(String queryString, String lines) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/write?" + queryString))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
