package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.report.StoredTrends;
import java.nio.charset.StandardCharsets;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.DaemonOptions;
import org.plmmonitor.monitor.daemon.MonitorDaemon;
import org.plmmonitor.monitor.store.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plm demo}: the real daemon on a seeded simulated two-ankle night at full speed, into the
 * embedded store in a demo directory (no InfluxDB), then checked against the simulation's truth.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the monitor daemon on a simulated night (seeded, two ankles, with distractors) as fast as "
                + "possible into the embedded store under --dir (no InfluxDB needed), add two weeks of earlier simulated "
                + "nights with an evening diary and a ferritin result, write the night's morning report and the trends "
                + "page (HTML, open offline), print the night's summary, how it compares with the simulation's truth, and "
                + "where the results are.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--hours", defaultValue = "8", description = "Length in hours, 0.1-10 (default ${DEFAULT-VALUE}).")
    double hours;
    @Option(names = "--plm-per-hour", defaultValue = "25", description = "Target periodic movements per hour (default ${DEFAULT-VALUE}).")
    double plmPerHour;
    @Option(names = "--history-days", defaultValue = "14", description = "Earlier simulated nights (with an evening diary) "
            + "stored before the demo's night for the trends page, 0-60 (default ${DEFAULT-VALUE}).")
    int historyDays;
    @Option(names = "--dir", defaultValue = "night-demo", description = "Directory for the store, night report and status (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!(hours >= 0.1 && hours <= 10)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hours " + hours + " is outside 0.1-10");
        }
        if (historyDays < 0 || historyDays > 60) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history-days " + historyDays + " is outside 0-60");
        }
        OutputFiles.checkDirectory("--dir", dir);
        Path data = dir.toAbsolutePath().normalize();
        Path db = data.resolve("plm.db");
        clearPreviousDemo(db);
        // The night window 21:30-07:30 holds a night of up to 10 h that starts at 21:30.
        MonitorConfig cfg = MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(seed, SensorConfig.MAX_SPEED, 50))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(seed, SensorConfig.MAX_SPEED, 50))
                .store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneId.systemDefault())
                .patientId("demo").deviceId("demo")
                .web(WebConfig.OFF) // a run of seconds: plm web serves the demo's store afterwards
                .build();
        DaemonOptions opt = DaemonOptions.builder().once(true).fast(true).simulatedHours(hours).plmPerHour(plmPerHour).build();
        NightSpec ns = MonitorDaemon.simulatorSpec(cfg, opt).orElseThrow();
        MonitorDaemon daemon = new MonitorDaemon(cfg, opt, Clock.systemUTC(), System::nanoTime, t -> true,
                bus -> {
                    throw new IllegalStateException("the demo uses no I2C bus");
                });
        long t0 = System.nanoTime();
        List<ClosedNight> nights = daemon.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (nights.isEmpty()) {
            throw new IllegalStateException("the simulated night produced no night (nothing fell in the night window)");
        }
        ClosedNight n = nights.get(0);
        long samples = Math.round(ns.durationS() * ns.rateHz()) * 2;
        out.printf(Locale.ROOT, "Simulated night %s: seed %d, %.1f h, two ankles at %.0f Hz, about %d samples, "
                        + "through the monitor daemon in %.1f s%n", n.nightId(), seed, hours, ns.rateHz(), samples, secs);
        out.print(n.analysis().summaryText());
        SyntheticNight truth = SyntheticNight.generate(ns);
        List<LegMovement> detected = new ArrayList<>();
        for (ScoredMovement m : n.analysis().result().movements()) {
            if (m.movement().leg() != Leg.BILATERAL) {
                detected.add(m.movement());
            }
        }
        for (Leg l : truth.legs()) {
            Evaluation.Agreement ag = Evaluation.compare(detected, truth.legMovements(l, true), l);
            out.printf(Locale.ROOT, "%s ankle vs the movements the simulated sensor could see: %s%n", l.jsonName(), ag);
        }
        // What a person looks at in the morning: the night's report as one page that opens offline.
        Path html = n.report().resolveSibling(n.nightId() + ".html");
        byte[] page = MorningReport.document(StoredNightReport.load(db, n.nightId())).getBytes(StandardCharsets.UTF_8);
        OutputFiles.write("--dir", html, os -> os.write(page));
        // Two weeks before it, so that the trends and the factors have nights to show.
        long h0 = System.nanoTime();
        LocalDate evening = LocalDate.parse(n.nightId());
        int earlier;
        try (LocalStore store = LocalStore.open(db, StoreConfig.forReading(db), Clock.systemUTC())) {
            earlier = DemoHistory.fill(db, n.report().getParent(), cfg.timeZone(), evening, seed, historyDays, store);
        }
        LocalDate from = evening.minusDays(historyDays);
        Path trends = n.report().resolveSibling("trends-" + from + "_" + evening + ".html");
        long r0 = System.nanoTime();
        byte[] trendsPage = TrendsReport.document(StoredTrends.load(db, from, evening)).getBytes(StandardCharsets.UTF_8);
        double trendsS = (System.nanoTime() - r0) / 1e9;
        OutputFiles.write("--dir", trends, os -> os.write(trendsPage));
        out.printf(Locale.ROOT, "Earlier nights: %d simulated nights of the %d evenings before, with an evening diary and a "
                        + "ferritin result, stored the daemon's way in %.1f s; trends page of %s to %s built in %.2f s%n",
                earlier, historyDays, (r0 - h0) / 1e9, from, evening, trendsS);
        out.println("Results:");
        out.println("  morning report:      " + html + "   (open it in a browser; it needs no network)");
        out.println("  trends and factors:  " + trends + "   (open it in a browser)");
        out.println("  night report (JSON): " + n.report());
        out.println("  raw signal (EDF+):   " + n.report().resolveSibling(n.nightId() + "-left.edf") + ", "
                + n.report().resolveSibling(n.nightId() + "-right.edf").getFileName());
        out.println("  local store (SQLite): " + db);
        out.println("  daemon status:        ./plm status --dir " + dir + "   (or --json)");
        out.println("  diary as CSV:         ./plm diary export --dir " + dir);
        out.println("  the same in a browser: ./plm user set NAME --password-stdin --dir " + dir + " && ./plm web --dir " + dir
                + "   (then open http://127.0.0.1:8080/)");
        out.flush();
        return 0;
    }

    /** A rerun replaces the previous demo rather than adding a second night's movements to the same night. */
    private static void clearPreviousDemo(Path db) throws IOException {
        for (Path p : new Path[] {db, LocalStore.rawFile(db)}) {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(p.resolveSibling(p.getFileName() + suffix));
            }
        }
    }
}
