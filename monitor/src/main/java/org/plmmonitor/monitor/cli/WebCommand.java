package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.WebUsers;
import org.plmmonitor.monitor.web.PasswordHasher;
import org.plmmonitor.monitor.web.WebSite;
import org.plmmonitor.monitor.web.WebServer;
import org.plmmonitor.monitor.web.WebStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code plm web}: serve the web interface of a store (the daemon's, or a copy) until stopped. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = {"Serve the web interface of a store until stopped (Ctrl-C): the nights calendar, the morning "
                + "reports, delete all my data. It needs a login (plm user set); there is no default password.",
                "Exit status: 2 when it refuses to start (no web user, plain HTTP on a network address, unusable "
                        + "certificate or key, address in use, no store)."})
public final class WebCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file (default ${DEFAULT-VALUE}): its store and web.* keys.")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--dir", paramLabel = "DIR", description = "A data directory instead of --config (holds plm.db and nights/); plain HTTP on loopback only.")
    Path dir;
    @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default: web.bind, else 127.0.0.1).")
    String bind;
    @Option(names = "--port", paramLabel = "N", description = "The TCP port, 1-65535 (default: web.port, else 8080).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        if (port != null) {
            OptionRanges.check(spec, "--port", port, 1, 65535);
        }
        DaemonDir.refuseBoth(spec, dir);
        Path db;
        WebConfig web;
        String hint;
        ZoneId zone = ZoneId.systemDefault();
        String patient = MonitorConfig.DEFAULT_PATIENT_ID;
        if (dir != null) {
            db = dir.resolve("plm.db");
            web = WebConfig.DEFAULT;
            hint = "--dir " + dir;
        } else {
            MonitorConfig cfg = ConfigLoader.load(config);
            db = cfg.store().path();
            web = cfg.web();
            hint = "--config " + config;
            zone = cfg.timeZone();
            patient = cfg.patientId();
        }
        web = web.at(bind != null ? bind : web.bind(), port != null ? port : web.port());
        if (!Files.isRegularFile(db)) {
            throw new InputException(db.toString(), 0, "no store here: has plm monitor (or plm demo) run with this "
                    + (dir != null ? "data directory" : "configuration") + "?");
        }
        StoreConfig sc = StoreConfig.forReading(db); // retention is the daemon's, with its own settings
        PrintWriter err = spec.commandLine().getErr();
        LocalStore store;
        DiaryStore diary;
        try {
            store = LocalStore.open(db, sc, Clock.systemUTC());
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot open the store: " + e.getMessage(), e);
        }
        try {
            diary = DiaryStore.open(db, Clock.systemUTC());
        } catch (StoreException e) {
            store.close();
            throw new InputException(db.toString(), 0, "cannot open the diary: " + e.getMessage(), e);
        }
        try {
            WebServer server;
            try {
                server = WebServer.start(web, new WebSite(store, diary, sc.dataDir(), zone, patient, Optional::empty), new WebUsers(db),
                        new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new SecureRandom()), Clock.systemUTC(), hint);
            } catch (WebStartException e) {
                err.println("plm web: " + e.getMessage());
                err.flush();
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // The JVM halts once the hooks are done: close the store here, not after the wait below.
                server.close();
                diary.close();
                store.close();
                stopped.countDown();
            }, "plm-web-stop"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("plm web: serving " + db.getParent() + " at " + server.url() + " (Ctrl-C stops)");
            out.flush();
            stopped.await();
            return 0;
        } finally {
            diary.close();
            store.close();
        }
    }
}
