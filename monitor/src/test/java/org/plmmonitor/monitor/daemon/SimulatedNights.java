package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fixture of every test that needs a night the real daemon stored: the daemon run once, as fast as it goes,
 * on two simulated ankles into a temporary data directory, the morning after the night. The commands' tests
 * ({@code plm report}, {@code reanalyze}, {@code export}, the web) read what it stored, so they all start from
 * the same daemon run rather than each assembling one.
 */
public final class SimulatedNights {
    /** A morning, 09:00 UTC on 2 July 2026: a run then records the night of 1 July from 21:30 in Berlin. */
    public static final Clock MORNING = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);
    /** The night {@link #MORNING} follows, named by its evening's local date. */
    public static final String NIGHT = "2026-07-01";
    /** The zone the simulated monitor stands in. */
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private SimulatedNights() {
    }

    /**
     * @param data the data directory (the store is {@code data/plm.db})
     * @param seed the simulated sensors' seed, the same for both legs
     * @return a configuration to add to: both ankles simulated at 25 Hz, 1000 times real time, in Berlin, the web
     *         off (these tests read the store; the web's own tests serve it)
     */
    public static MonitorConfig.Builder config(Path data, long seed) {
        return MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(seed, 1000, 25))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(seed, 1000, 25))
                .store(StoreConfig.builder().path(data.resolve("plm.db")).build())
                .timeZone(BERLIN)
                .web(WebConfig.OFF);
    }

    /**
     * Records a two-hour night of {@link #config} into {@code data} on {@link #MORNING}.
     *
     * @param data the data directory
     * @param seed the sensors' seed
     * @return the closed night, {@link #NIGHT}
     */
    public static ClosedNight record(Path data, long seed) throws Exception {
        ClosedNight n = record(config(data, seed).build(), DaemonOptions.builder().simulatedHours(2.0), MORNING);
        assertEquals(NIGHT, n.nightId());
        return n;
    }

    /**
     * Runs the daemon once ({@code --once}, fast) and asserts it closed exactly one night.
     *
     * @param cfg     the configuration (simulated sensors: the run uses no bus)
     * @param options the run's options; once and fast are set here
     * @param wall    the wall clock (a fixed morning)
     * @return the closed night
     */
    public static ClosedNight record(MonitorConfig cfg, DaemonOptions.Builder options, Clock wall) throws Exception {
        List<ClosedNight> nights = new MonitorDaemon(cfg, options.once(true).fast(true).build(), wall, System::nanoTime,
                t -> true, bus -> {
                    throw new AssertionError("no bus");
                }).run();
        assertEquals(1, nights.size(), "the run closed one night");
        return nights.get(0);
    }
}
