package org.plmmonitor.monitor.cli;

import org.plmmonitor.monitor.influx.ForwarderHealth;

import org.plmmonitor.monitor.config.ConfigLoader;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.daemon.ClockTrust;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.DaemonOptions;
import org.plmmonitor.monitor.daemon.MonitorDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code plm monitor}: the daemon. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Run the monitor: read the configured sensors (I2C, simulator, replayed CSV), detect and score "
                + "leg movements as they happen, store them night by night (and forward them to InfluxDB when "
                + "configured). A configured cuff controller (cuff.type) is connected and watched, its limits sent on "
                + "every connection; it inflates only under a therapy policy (cuff.policy), and vents it at stop if it holds air. "
                + "Stops on SIGTERM/Ctrl-C after closing the open night.",
                "Status: 'plm status --config FILE'. Night reports: <store dir>/nights/<night>.json."})
public final class MonitorCommand implements Callable<Integer> {
    /** Exit status of a {@code --once} run whose night is stored but did not all reach InfluxDB. */
    static final int UNDELIVERED = 3;
    @Spec
    CommandSpec spec;
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;
    @Option(names = "--once", description = "Stop after one night: when it closes, or when the sources (simulator, replay) end.")
    boolean once;
    @Option(names = "--fast", description = "Play simulator and replay sources as fast as possible, whatever their speed.")
    boolean fast;
    @Option(names = "--hours", paramLabel = "H", description = "Length of a simulated night in hours, 0.1-48 (default: the night window).")
    Double hours;

    @Override
    public Integer call() throws Exception {
        if (hours != null) {
            // In the option's own words, before the daemon's builder names its internal field.
            OptionRanges.check(spec, "--hours", hours, 0.1, 48);
        }
        MonitorConfig cfg = ConfigLoader.load(config);
        DaemonOptions opt = DaemonOptions.builder().once(once).fast(fast).simulatedHours(hours).build();
        PrintWriter out = spec.commandLine().getOut();
        try (Pi4jBuses buses = new Pi4jBuses()) {
            MonitorDaemon d = new MonitorDaemon(cfg, opt, Clock.systemUTC(), System::nanoTime, ClockTrust.system(), buses::open);
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                d.stop();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "plm-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("plm monitor: data in " + d.dataDir() + " (status: plm status --config " + config + ")");
            out.flush();
            List<ClosedNight> nights;
            try {
                nights = d.run();
            } finally {
                done.countDown();
            }
            for (ClosedNight n : nights) {
                out.println("night " + n.nightId() + ": report " + n.report());
                out.print(n.analysis().summaryText());
            }
            out.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and returns now that done is counted down
            }
            // A one-night run promises the night in InfluxDB too: say so when it is not all there.
            ForwarderHealth influx = d.status() == null ? null : d.status().influx();
            if (once && influx != null && influx.backlog() > 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("plm monitor: " + influx.backlog() + " stored row(s) did not reach InfluxDB at " + cfg.influx()
                        .map(i -> i.url().toString()).orElse("?") + (influx.lastError().isEmpty() ? ""
                        : " (last error: " + influx.lastError() + ")")
                        + "; the local store keeps them and the next run forwards them");
                err.flush();
                return UNDELIVERED;
            }
        }
        return 0;
    }
}
