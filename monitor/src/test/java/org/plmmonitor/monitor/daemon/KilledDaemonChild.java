package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Run in a child JVM by {@link KillScheduleTest}: the real daemon on a simulated two-ankle night, paced at a
 * multiple of real time, into a data directory (and InfluxDB when a URL is given), until the night closes or
 * the process is killed. Prints "closed" when its night closed.
 */
public final class KilledDaemonChild {
    /** The fixed wall clock: every restart resumes the same night. */
    static final Instant WALL = Instant.parse("2026-07-02T09:00:00Z");

    private KilledDaemonChild() {
    }

    /**
     * @param args data directory, night length h, speed (multiple of real time), InfluxDB URL or {@code -}
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        double hours = Double.parseDouble(args[1]);
        double speed = Double.parseDouble(args[2]);
        MonitorConfig.Builder b = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Simulator(4, speed, 25))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(4, speed, 25))
                .store(StoreConfig.builder().path(data.resolve("plm.db")).build())
                .timeZone(ZoneOffset.UTC);
        if (!args[3].equals("-")) {
            b.influx(InfluxConfig.builder().url(args[3]).patientId("p-0012").deviceId("pi-kill").build())
                    .patientId("p-0012").deviceId("pi-kill");
        }
        MonitorDaemon d = new MonitorDaemon(b.build(), DaemonOptions.builder().once(true).simulatedHours(hours)
                .statusInterval(Duration.ofMillis(100)).build(), Clock.fixed(WALL, ZoneOffset.UTC), System::nanoTime,
                t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
        System.out.println(d.run().isEmpty() ? "no night" : "closed");
        System.out.flush();
    }
}
