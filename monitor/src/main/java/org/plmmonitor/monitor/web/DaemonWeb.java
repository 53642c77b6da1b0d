package org.plmmonitor.monitor.web;

import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.WebUsers;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The daemon's web interface: started with the store when {@code web.enabled = true}. Whatever keeps it
 * from starting (no user, a certificate that cannot be read, a port in use) is logged once as a warning
 * and shown in the status; the daemon measures on, since a monitor must not lose a night over a web setting.
 */
public final class DaemonWeb implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DaemonWeb.class.getName());

    private final WebServer server;
    private final DiaryStore diary;
    private final WebStatus status;

    private DaemonWeb(WebServer server, DiaryStore diary, WebStatus status) {
        this.server = server;
        this.diary = diary;
        this.status = status;
    }

    /**
     * @param cfg       the daemon's configuration ({@code web.*}, the store's path)
     * @param store     the daemon's open store (shared: the pages read what the daemon wrote)
     * @param wall      the wall clock
     * @param recording the night being recorded now, if any (deleting all data waits for its close)
     * @return the started (or refused) web; never throws for a web reason
     */
    public static DaemonWeb start(MonitorConfig cfg, LocalStore store, Clock wall, Supplier<Optional<String>> recording) {
        if (!cfg.web().enabled()) {
            return new DaemonWeb(null, null, WebStatus.DISABLED);
        }
        var db = cfg.store().path();
        String hint = db.getFileName().toString().equals("plm.db") ? "--dir " + cfg.store().dataDir()
                : "--config <the daemon's plm.conf>";
        DiaryStore diary = null;
        try {
            diary = DiaryStore.open(db, wall);
            WebSite site = new WebSite(store, diary, cfg.store().dataDir(), cfg.timeZone(), cfg.patientId(), recording);
            WebServer s = WebServer.start(cfg.web(), site, new WebUsers(db),
                    new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new SecureRandom()), wall, hint);
            return new DaemonWeb(s, diary, new WebStatus(WebStatus.State.SERVING, s.url().toString(), ""));
        } catch (WebStartException e) {
            LOG.log(System.Logger.Level.WARNING, "web interface not started (the monitor measures on): " + e.getMessage());
            closeQuietly(diary);
            return new DaemonWeb(null, null, new WebStatus(WebStatus.State.NOT_STARTED, null, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "web interface not started (the monitor measures on): " + e, e);
            closeQuietly(diary);
            return new DaemonWeb(null, null, new WebStatus(WebStatus.State.NOT_STARTED, null, String.valueOf(e.getMessage())));
        }
    }

    private static void closeQuietly(DiaryStore diary) {
        if (diary != null) {
            diary.close();
        }
    }

    /** @return what status shows */
    public WebStatus status() {
        return status;
    }

    /** Stops serving (before the store closes). */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (diary != null) {
            diary.close();
        }
    }
}
