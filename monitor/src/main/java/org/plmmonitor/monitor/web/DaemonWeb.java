package org.plmmonitor.monitor.web;

import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.WebUsers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The daemon's web interface: started with the store when {@code web.enabled = true}. Whatever keeps it
 * from starting (no user, a certificate that cannot be read, a port in use) is logged once as a warning
 * and shown in the status; the daemon measures on, since a monitor must not lose a night over a web setting.
 * Without a user it waits for one ({@link #retry}): a new monitor runs before anyone has set a login, and
 * restarting the daemon for its web would interrupt what it records.
 */
public final class DaemonWeb implements AutoCloseable {
    /** How often a web that waits for its first user looks at the store for one (a short SQLite read). */
    public static final Duration USER_CHECK = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(DaemonWeb.class.getName());

    private final MonitorConfig cfg;
    private final LocalStore store;
    private final Clock wall;
    private final Supplier<Optional<String>> recording;
    private final WebUsers users;
    private final String hint;
    private WebServer server;
    private DiaryStore diary;
    private WebStatus status = WebStatus.DISABLED;
    /** True while it waits for a first user; then {@link #nextCheck} is when it looks next (daemon nanos). */
    private boolean waiting;
    private Long nextCheck;

    private DaemonWeb(MonitorConfig cfg, LocalStore store, Clock wall, Supplier<Optional<String>> recording) {
        this.cfg = cfg;
        this.store = store;
        this.wall = wall;
        this.recording = recording;
        var db = cfg.store().path();
        this.users = new WebUsers(db);
        this.hint = db.getFileName().toString().equals("plm.db") ? "--dir " + cfg.store().dataDir()
                : "--config <the daemon's plm.conf>";
    }

    /**
     * @param cfg       the daemon's configuration ({@code web.*}, the store's path)
     * @param store     the daemon's open store (shared: the pages read what the daemon wrote)
     * @param wall      the wall clock
     * @param recording the night being recorded now, if any (deleting all data waits for its close)
     * @return the started (or refused, or waiting) web; never throws for a web reason
     */
    public static DaemonWeb start(MonitorConfig cfg, LocalStore store, Clock wall, Supplier<Optional<String>> recording) {
        DaemonWeb web = new DaemonWeb(Objects.requireNonNull(cfg, "cfg"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(wall, "wall"), Objects.requireNonNull(recording, "recording"));
        if (cfg.web().enabled()) {
            web.attempt(true);
        }
        return web;
    }

    /**
     * Starts the web if it waits for its first user and one has been set since ({@code plm user set}). The
     * daemon calls this at each status tick; the store is looked at no more than every {@link #USER_CHECK}.
     * Any other refusal (plain HTTP, certificate, address) is a setting and stays until the daemon restarts.
     *
     * @param nowNanos the daemon's monotonic clock, ns (any origin)
     * @return the status after the check
     */
    public synchronized WebStatus retry(long nowNanos) {
        if (!waiting) {
            return status;
        }
        if (nextCheck == null || nowNanos - nextCheck < 0) {
            nextCheck = nextCheck == null ? nowNanos + USER_CHECK.toNanos() : nextCheck;
            return status;
        }
        nextCheck = nowNanos + USER_CHECK.toNanos();
        int count;
        try {
            count = users.count();
        } catch (StoreException e) {
            return status; // the store's trouble is the status's store section; look again next time
        }
        if (count > 0) {
            attempt(false);
            if (server != null) {
                LOG.log(System.Logger.Level.INFO, "web interface started: a web user has been set");
            }
        }
        return status;
    }

    /** One try at starting; the first failure is logged, a still-missing user is not logged again. */
    private void attempt(boolean first) {
        try {
            diary = DiaryStore.open(cfg.store().path(), wall);
            WebSite site = new WebSite(store, diary, cfg.store().dataDir(), cfg.timeZone(), cfg.patientId(), recording);
            server = WebServer.start(cfg.web(), site, users, new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new SecureRandom()),
                    wall, hint);
            waiting = false;
            status = new WebStatus(WebStatus.State.SERVING, server.url().toString(), "");
        } catch (WebStartException e) {
            closeDiary();
            waiting = e.reason() == WebStartException.Reason.NO_USER;
            String message = waiting ? WebServer.noUser(users, hint) + ", and the web starts by itself within "
                    + USER_CHECK.toSeconds() + " s" : e.getMessage();
            if (first || !waiting) {
                LOG.log(System.Logger.Level.WARNING, "web interface not started (the monitor measures on): " + message);
            }
            status = new WebStatus(WebStatus.State.NOT_STARTED, null, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "web interface not started (the monitor measures on): " + e, e);
            closeDiary();
            waiting = false;
            status = new WebStatus(WebStatus.State.NOT_STARTED, null, String.valueOf(e.getMessage()));
        }
    }

    private void closeDiary() {
        if (diary != null) {
            diary.close();
            diary = null;
        }
    }

    /** @return what status shows */
    public synchronized WebStatus status() {
        return status;
    }

    /** Stops serving (before the store closes); a waiting web stops waiting. */
    @Override
    public synchronized void close() {
        waiting = false;
        if (server != null) {
            server.close();
            server = null;
        }
        closeDiary();
    }
}
