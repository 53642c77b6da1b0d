package org.plmmonitor.monitor.web;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.WebUsers;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web interface: the JDK's own HTTP(S) server (no extra library; a few hundred KB of heap when idle)
 * with two worker threads, serving the pages of {@link WebSite#routes} behind {@link WebApp}'s security rules.
 * It refuses to start without a web user, on a plain-HTTP network address that the settings do not allow,
 * or with unusable TLS files ({@link WebStartException} says which and what to do).
 */
public final class WebServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebServer.class.getName());
    /** Worker threads: a household's few browsers; each page is rendered in tens of ms. */
    static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService pool;
    private final URI url;

    private WebServer(HttpServer server, ExecutorService pool, URI url) {
        this.server = server;
        this.pool = pool;
        this.url = url;
    }

    /**
     * Starts serving.
     *
     * @param settings   address, port, TLS files, plain-HTTP permission
     * @param site       the store, diary and files the pages show and change
     * @param users      the logins
     * @param hasher     verifies passwords
     * @param clock      the wall clock (sessions, login rate limit)
     * @param userHint   how {@code plm user set} names this store, e.g. {@code --config /etc/plm-monitor/plm.conf},
     *                   for the refusal message
     * @return the running server
     * @throws WebStartException when it cannot or must not start, saying why and what to run
     */
    public static WebServer start(WebConfig settings, WebSite site, WebUsers users, PasswordHasher hasher,
                                  Clock clock, String userHint) throws WebStartException {
        Objects.requireNonNull(site, "site");
        var exposed = settings.exposure();
        if (exposed.isPresent()) {
            throw new WebStartException(WebStartException.Reason.PLAINTEXT, exposed.get());
        }
        int count;
        try {
            count = users.count();
        } catch (StoreException e) {
            throw new WebStartException(WebStartException.Reason.STORE, "cannot read the web users: " + e.getMessage(), e);
        }
        if (count == 0) {
            throw new WebStartException(WebStartException.Reason.NO_USER, noUserMessage(users, userHint));
        }
        SSLContext tls = null;
        if (settings.https().isPresent()) {
            try {
                tls = TlsFiles.context(settings.https().get().certificate(), settings.https().get().key());
            } catch (InputException e) {
                throw new WebStartException(WebStartException.Reason.TLS, e.getMessage(), e);
            }
        }
        HttpServer server;
        InetSocketAddress at = new InetSocketAddress(settings.bind(), settings.port());
        if (at.isUnresolved()) {
            throw new WebStartException(WebStartException.Reason.BIND, "web.bind '" + settings.bind()
                    + "' is not an address of this machine (it does not resolve)");
        }
        try {
            if (tls != null) {
                HttpsServer s = HttpsServer.create(at, 16);
                SSLContext ctx = tls;
                s.setHttpsConfigurator(new HttpsConfigurator(ctx) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters p = ctx.getDefaultSSLParameters();
                        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                        params.setSSLParameters(p);
                    }
                });
                server = s;
            } else {
                server = HttpServer.create(at, 16);
            }
        } catch (IOException e) {
            throw new WebStartException(WebStartException.Reason.BIND, "cannot listen on " + settings.bind() + " port "
                    + settings.port() + ": " + e.getMessage(), e);
        }
        Pages pages = new Pages(WebSite.nav());
        WebApp app = new WebApp(site.routes(pages), pages, users, hasher, new Sessions(clock, new SecureRandom(), users::hash),
                new LoginThrottle(clock), tls != null);
        server.createContext("/", app);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "plm-web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.start();
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        URI url = URI.create((tls != null ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + bound.getPort() + "/");
        LOG.log(System.Logger.Level.INFO, "web: serving " + url);
        return new WebServer(server, pool, url);
    }

    /**
     * @param users    the store
     * @param userHint how the store is named on the command line
     * @return the line said when no user exists
     */
    public static String noUserMessage(WebUsers users, String userHint) {
        return noUser(users, userHint) + ", then start the web again";
    }

    /**
     * @param users    the store
     * @param userHint how the store is named on the command line
     * @return what is missing and the command that sets it, without what to do next
     */
    static String noUser(WebUsers users, String userHint) {
        return "no web user in " + users.file() + ", and there is no default password: set one with "
                + "'plm user set NAME --password-stdin " + userHint + "'";
    }

    /** @return where it serves, e.g. {@code http://127.0.0.1:8080/} */
    public URI url() {
        return url;
    }

    /** Stops serving (waits at most 1 s for requests in flight). */
    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }
}
