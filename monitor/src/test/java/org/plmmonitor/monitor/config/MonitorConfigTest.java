package org.plmmonitor.monitor.config;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;

import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The records' own invariants, for configs built in code rather than loaded. */
class MonitorConfigTest {

    @Test
    void builderNeedsSomethingToMonitor() {
        assertEquals("nothing to monitor: configure a sensor or a cuff",
                assertThrows(IllegalArgumentException.class, () -> MonitorConfig.builder().build()).getMessage());
        assertEquals("a sensor belongs to the left or right leg, not BILATERAL",
                assertThrows(IllegalArgumentException.class, () -> MonitorConfig.builder()
                        .sensor(Leg.BILATERAL, new SensorConfig.Simulator(1, 1, 50)).build()).getMessage());
    }

    @Test
    void builtSensorsAreAnImmutableCopy() {
        MonitorConfig c = MonitorConfig.builder().sensor(Leg.RIGHT, new SensorConfig.Simulator(1, 1, 50)).build();
        assertThrows(UnsupportedOperationException.class, () -> c.sensors().clear());
    }

    @Test
    void recordsRejectValuesOutsideTheirLimits() {
        assertEquals("rate_hz 120 is not one of 25, 50, 100", assertThrows(IllegalArgumentException.class,
                () -> new SensorConfig.Simulator(1, 1, 120)).getMessage());
        assertEquals("address 84 is not one of 83, 29", assertThrows(IllegalArgumentException.class,
                () -> new SensorConfig.I2c(org.plmmonitor.bridge.i2c.AccelerometerPart.ADXL345, 1, 0x54, 50, 4)).getMessage());
        assertEquals("max_pressure_mmhg 61 is not between 10 and 60", assertThrows(IllegalArgumentException.class,
                () -> new CuffConfig(CuffConfig.Link.SIMULATOR, Optional.empty(), 115200, 61, Duration.ofSeconds(5)))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CuffConfig(CuffConfig.Link.SERIAL, Optional.empty(),
                115200, 40, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new NightConfig(NightConfig.Mode.SCHEDULE,
                LocalTime.NOON, LocalTime.NOON));
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.builder().path(Path.of("rel.db")).build());
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.builder().path(Path.of("/a.db"))
                .retentionDays(30).rawRetentionDays(60).build());
        assertThrows(IllegalArgumentException.class, () -> InfluxConfig.builder().url("http://h:8086")
                .caCertificate(Path.of("/ca.pem")).build());
        assertThrows(IllegalArgumentException.class, () -> MonitorConfig.builder().cuff(
                new CuffConfig(CuffConfig.Link.SIMULATOR, Optional.empty(), 115200, 40, Duration.ofSeconds(5)))
                .patientId("Jane Doe").build());
    }

    @Test
    void aSecretNeverPrintsItsValue() {
        Secret s = Secret.of("pa55");
        assertEquals("pa55", s.reveal());
        assertEquals("Secret[****]", s.toString());
        assertFalse(InfluxConfig.builder().url("https://h:8086").credentials("u", s.reveal()).build().toString()
                .contains("pa55"));
        assertThrows(IllegalArgumentException.class, () -> Secret.of(""));
    }

    @Test
    void modeIsPrintedInOctal() {
        assertEquals("0640", SecretsFile.mode(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----")));
        assertEquals("0600", SecretsFile.mode(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    }
}
