package org.plmmonitor.monitor.web;

import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.influx.ForwarderScheduler;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.WebUsers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The daemon's web interface: started with the store when {@code web.enabled = true}. Whatever keeps it
 * from starting (no user, a certificate that cannot be read, a port in use) is logged once as a warning
 * and shown in the status; the daemon measures on, since a monitor must not lose a night over a web setting.
 * Without a user it waits for one: a new monitor runs before anyone has set a login, and restarting the
 * daemon for its web would interrupt what it records. The look for a user (a short SQLite read that may
 * wait for the store's writer) runs on a thread of its own, never on the daemon's processing thread.
 */
public final class DaemonWeb implements AutoCloseable {
    /** How often a web that waits for its first user looks at the store for one. */
    public static final Duration USER_CHECK = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(DaemonWeb.class.getName());

    private final MonitorConfig cfg;
    private final LocalStore store;
    private final Clock wall;
    private final Supplier<Optional<String>> recording;
    private final Consumer<WebStatus> statusSink;
    private final Supplier<ForwarderScheduler> schedulers;
    private final WebUsers users;
    private final String hint;
    private WebServer server;
    private DiaryStore diary;
    private WebStatus status = WebStatus.DISABLED;
    /** True while it waits for a first user, looking every {@link #USER_CHECK} on {@link #scheduler}. */
    private boolean waiting;
    private ForwarderScheduler scheduler;

    private DaemonWeb(MonitorConfig cfg, LocalStore store, Clock wall, Supplier<Optional<String>> recording,
                      Consumer<WebStatus> statusSink, Supplier<ForwarderScheduler> schedulers) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.store = Objects.requireNonNull(store, "store");
        this.wall = Objects.requireNonNull(wall, "wall");
        this.recording = Objects.requireNonNull(recording, "recording");
        this.statusSink = Objects.requireNonNull(statusSink, "statusSink");
        this.schedulers = Objects.requireNonNull(schedulers, "schedulers");
        var db = cfg.store().path();
        this.users = new WebUsers(db);
        this.hint = db.getFileName().toString().equals("plm.db") ? "--dir " + cfg.store().dataDir()
                : "--config <the daemon's plm.conf>";
    }

    /**
     * @param cfg        the daemon's configuration ({@code web.*}, the store's path)
     * @param store      the daemon's open store (shared: the pages read what the daemon wrote)
     * @param wall       the wall clock
     * @param recording  the night being recorded now, if any (deleting all data waits for its close)
     * @param statusSink told the status now and at each change (a waiting web's start comes from its own
     *                   thread), e.g. the daemon's status reporter
     * @return the started (or refused, or waiting) web; never throws for a web reason
     */
    public static DaemonWeb start(MonitorConfig cfg, LocalStore store, Clock wall, Supplier<Optional<String>> recording,
                                  Consumer<WebStatus> statusSink) {
        return start(cfg, store, wall, recording, statusSink, () -> ForwarderScheduler.singleThread("plm-web-user-check"));
    }

    /**
     * As {@link #start(MonitorConfig, LocalStore, Clock, Supplier, Consumer)}, with the scheduler of the look
     * for a first user given (made only when the web waits for one).
     *
     * @param schedulers makes the scheduler that runs each look {@link #USER_CHECK} after the previous one
     */
    static DaemonWeb start(MonitorConfig cfg, LocalStore store, Clock wall, Supplier<Optional<String>> recording,
                           Consumer<WebStatus> statusSink, Supplier<ForwarderScheduler> schedulers) {
        DaemonWeb web = new DaemonWeb(cfg, store, wall, recording, statusSink, schedulers);
        synchronized (web) {
            if (cfg.web().enabled()) {
                web.attempt(true);
            }
            statusSink.accept(web.status);
            if (web.waiting) {
                web.scheduler = schedulers.get();
                web.scheduler.schedule(web::lookForAUser, USER_CHECK);
            }
        }
        return web;
    }

    /** Runs on the scheduler's thread: starts the web once a user exists, else looks again later. */
    private void lookForAUser() {
        synchronized (this) {
            if (!waiting) {
                return;
            }
        }
        int count;
        try {
            count = users.count(); // outside the lock: a read of the store file (it no longer waits for the writer, but is I/O)
        } catch (StoreException e) {
            count = 0; // the store's trouble is the status's store section; look again next time
        }
        synchronized (this) {
            if (!waiting) {
                return; // closed meanwhile
            }
            if (count > 0) {
                attempt(false);
                statusSink.accept(status);
                if (server != null) {
                    LOG.log(System.Logger.Level.INFO, "web interface started: a web user has been set");
                }
            }
            if (waiting) {
                scheduler.schedule(this::lookForAUser, USER_CHECK);
            }
        }
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
    public void close() {
        ForwarderScheduler s;
        synchronized (this) {
            waiting = false;
            s = scheduler;
            scheduler = null;
            if (server != null) {
                server.close();
                server = null;
            }
            closeDiary();
        }
        if (s != null) {
            s.close(); // outside the lock: it waits for a look in progress, which takes the lock to finish
        }
    }
}
