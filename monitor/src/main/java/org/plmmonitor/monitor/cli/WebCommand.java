package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.WebUsers;
import org.plmmonitor.monitor.web.PasswordHasher;
import org.plmmonitor.monitor.web.WebSite;
import org.plmmonitor.monitor.web.WebServer;
import org.plmmonitor.monitor.web.WebStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
                + "reports, delete all my data. It needs a login (plm user set); there is no default password. With --dir "
                + "(a store without its configuration) it serves plain HTTP on loopback only.",
                "Exit status: 2 when it refuses to start (no web user, plain HTTP on a network address, unusable "
                        + "certificate or key, address in use, no store)."})
public final class WebCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreLocation where = new StoreLocation();
    @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default: web.bind, else 127.0.0.1).")
    String bind;
    @Option(names = "--port", paramLabel = "N", description = "The TCP port, 1-65535 (default: web.port, else 8080).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        if (port != null) {
            OptionRanges.check(spec, "--port", port, 1, 65535);
        }
        // With --dir no settings are known: the web's defaults (plain HTTP on loopback only), the system's zone.
        Optional<MonitorConfig> cfg = where.settings();
        WebConfig web = cfg.map(MonitorConfig::web).orElse(WebConfig.DEFAULT);
        ZoneId zone = cfg.map(MonitorConfig::timeZone).orElse(ZoneId.systemDefault());
        String patient = cfg.map(MonitorConfig::patientId).orElse(MonitorConfig.DEFAULT_PATIENT_ID);
        String hint = where.asOption();
        web = web.at(bind != null ? bind : web.bind(), port != null ? port : web.port());
        Path db = where.db();
        PrintWriter err = spec.commandLine().getErr();
        LocalStore store = where.openForReading(Clock.systemUTC());
        DiaryStore diary;
        try {
            diary = DiaryStore.open(db, Clock.systemUTC());
        } catch (StoreException e) {
            store.close();
            throw new InputException(db.toString(), 0, "cannot open the diary: " + e.getMessage(), e);
        }
        try {
            WebServer server;
            try {
                server = WebServer.start(web, new WebSite(store, diary, where.dataDir(), zone, patient, Optional::empty), new WebUsers(db),
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
