package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A serial board's night through the daemon (the device simulator on a real socat pty pair, the daemon's
 * own {@link SerialBoard}, {@code SerialSensorSource} and {@code DeviceClock}) gives the same whole report
 * as {@code plm analyze} fed the samples the daemon's feeds delivered.
 *
 * <p>How the stamps are made identical: they are taken, not recomputed. The board sends int16 counts and
 * stamps each sample by its counter over its rate; the daemon moves that device time onto its monotonic
 * line with a {@code DeviceClock}, which starts the line at the host's time of the first sample, so the
 * line's origin differs from run to run and neither the stored raw signal (whole UTC ms, counts of 1/4096
 * g) nor the EDF+ keeps the stamps exactly. So the daemon's legs are opened by its own
 * {@link ConfiguredFeeds} behind a {@link FeedRecording}, which keeps every block a feed hands to its
 * leg's route, and those samples are written as {@code t,x,y,z} in the shortest decimals that read back to the
 * same doubles ({@link Double#toString}) for {@code plm analyze} (a count times 0.001 g often needs 17
 * digits, {@code -0.47100000000000003}: such values once read back with their sign flipped, which this test
 * found). What the recording holds is pinned to
 * what the board sent, independently: every sample of the synthetic night arrives once, as its count
 * times the board's scale, exactly, stamped at the first stamp plus counter / rate (a simulator played 60
 * times faster than real time is not a drifting oscillator, so {@code DeviceClock} corrects nothing).
 * Everything after the feed (route, clock gate, night session, raw recorder, the night pipeline with its
 * live lag bound, the report) is then compared by the whole parsed report.
 */
class SerialEqualsAnalyzeTest {
    private static final double RATE_HZ = 25;
    private static final double DURATION_S = 600;
    private static final double SPEED = 60;

    @TempDir
    Path dir;

    @Test
    void aSerialBoardsNightEqualsAnalyzeOnWhatItsFeedsDelivered() throws Exception {
        Assumptions.assumeTrue(socatInstalled(), "socat is not installed (./test.sh installs it)");
        NightSpec spec = NightSpec.builder().seed(4).durationS(DURATION_S).rateHz(RATE_HZ).bilateral(true)
                .plmPerHour(120).build();
        SimulatorConfig simCfg = SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(SPEED).batchSamples(25).build();
        double scale = simCfg.scaleMicroG() / 1e6;
        Map<Leg, List<double[]>> sent = new EnumMap<>(Leg.class);
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            sent.put(leg, asBoardSends(SyntheticNight.generate(spec).source(leg), scale));
        }
        int perLeg = sent.get(Leg.LEFT).size();
        assertEquals(perLeg, sent.get(Leg.RIGHT).size(), "both legs send as many samples");

        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Path db = dir.resolve("data/plm.db");
        Process socatProc = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        DeviceSimulator sim = null;
        FeedRecording rec = new FeedRecording();
        ClosedNight night;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(dev) && Files.exists(host)) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            SyntheticNight synthetic = SyntheticNight.generate(spec);
            sim = DeviceSimulator.overSerial(dev.toString(), simCfg,
                    List.of(synthetic.source(Leg.LEFT), synthetic.source(Leg.RIGHT)));
            LocalTime now = LocalTime.now(ZoneOffset.UTC);
            MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                    .sensor(Leg.LEFT, new SensorConfig.Serial(host, 115200))
                    .sensor(Leg.RIGHT, new SensorConfig.Serial(host, 115200))
                    .night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                    .store(StoreConfig.builder().path(db).build())
                    .timeZone(ZoneOffset.UTC)
                    .build();
            DaemonOptions opt = DaemonOptions.builder().statusInterval(Duration.ofMillis(100)).build();
            ConfiguredFeeds feeds = new ConfiguredFeeds(cfg, opt, bus -> {
                throw new AssertionError("no bus");
            }, System::nanoTime);
            MonitorDaemon d = new MonitorDaemon(cfg, opt, Clock.systemUTC(), System::nanoTime, t -> true,
                    rec.around(feeds));
            Future<List<ClosedNight>> run = pool.submit(d::run);
            sim.start();
            // The feeds record on the processing thread: once both legs are complete, the same loop step hands
            // them to the night, and stop() closes it after that step. The bound only keeps a broken link from hanging.
            assertTrue(rec.await(perLeg, Duration.ofSeconds(120)), "both legs' samples arrived: " + rec.counts());
            d.stop();
            List<ClosedNight> nights = run.get(60, TimeUnit.SECONDS);
            assertEquals(1, nights.size(), "the night opened and closed on stop");
            night = nights.get(0);
        } finally {
            if (sim != null) {
                sim.close();
            }
            pool.shutdownNow();
            socatProc.destroy();
            socatProc.waitFor(5, TimeUnit.SECONDS);
        }

        // What the feeds delivered is what the board sent: every sample once, its counts times the scale,
        // stamped on the line at counter / rate from the first stamp.
        double origin = rec.samples(Leg.LEFT).get(0)[0];
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            List<double[]> got = rec.samples(leg);
            List<double[]> want = sent.get(leg);
            assertEquals(want.size(), got.size(), leg + " samples delivered");
            for (int k = 0; k < got.size(); k++) {
                double[] g = got.get(k);
                assertEquals(origin + k / RATE_HZ, g[0], 1e-9, leg + " stamp of sample " + k);
                for (int a = 1; a <= 3; a++) {
                    assertEquals(want.get(k)[a], g[a], leg + " axis " + a + " of sample " + k);
                }
            }
        }
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            assertEquals(2L * perLeg * 3, store.rawFootprint(night.nightId()).counts(),
                    "the night held every sample the board sent, both legs");
        }

        SameReport.assertDaemonEqualsAnalyze(rec, night, dir, 15);
    }

    /** Each sample as the board sends it: {@code {counter, x, y, z}}, each axis its int16 count times the scale, g. */
    private static List<double[]> asBoardSends(SampleSource src, double scale) {
        List<double[]> out = new ArrayList<>();
        double[] s = new double[4];
        while (src.next(s)) {
            double[] row = {out.size(), 0, 0, 0};
            for (int a = 1; a <= 3; a++) {
                row[a] = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(s[a] / scale))) * scale;
            }
            out.add(row);
        }
        return out;
    }

    private static boolean socatInstalled() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                return true;
            }
        }
        return false;
    }
}
