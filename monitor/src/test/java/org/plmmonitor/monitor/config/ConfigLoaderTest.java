package org.plmmonitor.monitor.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.bridge.i2c.AccelerometerPart;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static MonitorConfig parse(String... lines) throws ConfigException {
        return ConfigLoader.parse("plm.conf", String.join("\n", lines) + "\n");
    }

    /** Parses text that must fail; returns the problems as printed. */
    private static List<String> problems(String... lines) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(lines));
        assertEquals(e.getMessage(), String.join("\n", e.problems().stream().map(ConfigProblem::toString).toList()));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static String problem(String... lines) {
        List<String> p = problems(lines);
        assertEquals(1, p.size(), "expected exactly one problem, got " + p);
        return p.get(0);
    }

    // ---- defaults and good configs ----------------------------------------------------------------

    @Test
    void oneSimulatedLegTakesEveryDefault() throws ConfigException {
        MonitorConfig c = parse("sensor.left.type = simulator", "time_zone = UTC");
        assertEquals(Map.of(Leg.LEFT, new SensorConfig.Simulator(1, 1.0, 50)), c.sensors());
        assertEquals(Optional.empty(), c.cuff());
        assertEquals(NightConfig.DEFAULT, c.night());
        assertEquals(new NightConfig(NightConfig.Mode.SCHEDULE, LocalTime.of(21, 30), LocalTime.of(7, 30)), c.night());
        assertEquals(ScoringStandard.WASM2016, c.standard());
        assertEquals(StoreConfig.builder().path(Path.of("/var/lib/plm-monitor/plm.db")).retentionDays(400).rawRetentionDays(60)
                .build(), c.store());
        assertEquals(Optional.empty(), c.influx());
        assertEquals("patient", c.patientId());
        assertEquals("plm-monitor", c.deviceId());
        assertEquals(ZoneId.of("UTC"), c.timeZone());
        assertEquals(WebConfig.DEFAULT, c.web());
    }

    @Test
    void everySensorKindAndSectionReadsItsKeys() throws IOException, ConfigException {
        Path csv = Files.writeString(dir.resolve("left.csv"), "t,x,y,z\n");
        MonitorConfig c = parse(
                "# comment", "; other comment", "",
                "sensor.left.type = i2c-lis3dh",
                "sensor.right.type = I2C-ADXL345", "sensor.right.address = 0x1D", "sensor.right.bus = 0",
                "sensor.right.rate_hz = 100", "sensor.right.range_g = 16",
                "cuff.type = serial", "cuff.path = /dev/plm-cuff", "cuff.baud = 57600",
                "cuff.max_pressure_mmhg = 60", "cuff.max_inflation_s = 5",
                "night.mode = both", "night.start = 9:05", "night.end = 23:59",
                "analysis.standard = AASM", "store.path = /tmp/x.db", "store.retention_days = 365",
                "store.raw_retention_days = 365", "store.max_database_mb = 2048",
                "patient.id = p-01_a", "device.id = pi-bedroom", "time_zone = Europe/Berlin",
                "web.enabled = false");
        assertEquals(new SensorConfig.I2c(AccelerometerPart.LIS3DH, 1, 0x18, 50, 4), c.sensors().get(Leg.LEFT));
        assertEquals(new SensorConfig.I2c(AccelerometerPart.ADXL345, 0, 0x1d, 100, 16), c.sensors().get(Leg.RIGHT));
        // A replay is simulated: it cannot share a run with a live leg, so it gets a config of its own.
        assertEquals(new SensorConfig.Replay(csv, 60), parse("sensor.left.type = replay", "sensor.left.file = " + csv,
                "sensor.left.speed = 60").sensors().get(Leg.LEFT));
        assertEquals(List.of(Leg.LEFT, Leg.RIGHT), List.copyOf(c.sensors().keySet()));
        assertEquals(new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(Path.of("/dev/plm-cuff")), 57600, 60,
                Duration.ofSeconds(5)), c.cuff().orElseThrow());
        assertEquals(new NightConfig(NightConfig.Mode.BOTH, LocalTime.of(9, 5), LocalTime.of(23, 59)), c.night());
        assertEquals(ScoringStandard.AASM, c.standard());
        assertEquals(StoreConfig.builder().path(Path.of("/tmp/x.db")).retentionDays(365).rawRetentionDays(365)
                .maxDatabaseBytes(2048L << 20).build(), c.store());
        assertEquals("p-01_a", c.patientId());
        assertEquals("pi-bedroom", c.deviceId());
        assertEquals(ZoneId.of("Europe/Berlin"), c.timeZone());
        assertFalse(c.web().enabled());
    }

    @Test
    void serialSensorAndSimulatedCuff() throws ConfigException {
        MonitorConfig c = parse("sensor.right.type = serial", "sensor.right.path = /dev/serial/by-id/usb-1a86_x",
                "sensor.right.baud = 921600", "cuff.type = simulator");
        assertEquals(new SensorConfig.Serial(Path.of("/dev/serial/by-id/usb-1a86_x"), 921600),
                c.sensors().get(Leg.RIGHT));
        assertEquals(new SensorConfig.Simulator(-42, 1000, 50), parse("sensor.left.type = simulator",
                "sensor.left.seed = -42", "sensor.left.speed = 1000").sensors().get(Leg.LEFT));
        assertEquals(new CuffConfig(CuffConfig.Link.SIMULATOR, Optional.empty(), 115200, 40, Duration.ofSeconds(30)),
                c.cuff().orElseThrow());
    }

    @Test
    void aCuffAloneIsSomethingToMonitor() throws ConfigException {
        assertTrue(parse("cuff.type = simulator").sensors().isEmpty());
    }

    @Test
    void theDocumentedExampleFileLoadsAndListsEveryKey() throws IOException, ConfigException {
        Path example = Path.of("..", "deploy", "plm.conf");
        String text = Files.readString(example);
        MonitorConfig c = ConfigLoader.load(example);
        assertInstanceOf(SensorConfig.I2c.class, c.sensors().get(Leg.LEFT));
        for (String key : ConfigKeys.names()) {
            assertTrue(text.matches("(?s).*\\n(# )?" + java.util.regex.Pattern.quote(key) + " = .*"),
                    "deploy/plm.conf does not show key " + key);
        }
    }

    // ---- the message format, several problems at once ----------------------------------------------

    @Test
    void aValueOutsideItsSetNamesFileLineKeyAndAllowedValues() {
        assertEquals("plm.conf:2: key 'sensor.left.rate_hz': 120 is not one of 25, 50, 100",
                problem("sensor.left.type = i2c-adxl345", "sensor.left.rate_hz = 120"));
    }

    @Test
    void everyProblemIsReportedTogetherInLineOrder() {
        List<String> p = problems(
                "sensor.left.type = simulator",
                "sensor.left.rate_hz = 120",
                "night.strat = 21:00",
                "cuff.type = simulator",
                "cuff.max_pressure_mmhg = 80",
                "analysis.standard = rechtschaffen");
        assertEquals(List.of(
                "plm.conf:2: key 'sensor.left.rate_hz': 120 is not one of 25, 50, 100",
                "plm.conf:3: key 'night.strat': unknown key; did you mean 'night.start'?",
                "plm.conf:5: key 'cuff.max_pressure_mmhg': 80 is not between 10 and 60",
                "plm.conf:6: key 'analysis.standard': 'rechtschaffen' is not one of wasm2016, aasm"), p);
    }

    @Test
    void unknownKeysAreRefusedWithASuggestionWhenOneIsClose() {
        assertEquals("plm.conf:2: key 'sensor.lft.type': unknown key; did you mean 'sensor.left.type'?",
                problem("cuff.type = simulator", "sensor.lft.type = simulator"));
        assertEquals("plm.conf:2: key 'colour': unknown key (deploy/plm.conf lists every key)",
                problem("cuff.type = simulator", "colour = blue"));
    }

    @Test
    void aKnownKeyThatDoesNotApplySaysWhenItWould() {
        assertEquals("plm.conf:2: key 'sensor.left.seed': not used here: it applies only when sensor.left.type = simulator",
                problem("sensor.left.type = i2c-adxl345", "sensor.left.seed = 3"));
        assertEquals("plm.conf:2: key 'influx.database': not used here: it applies only when influx.url is set",
                problem("cuff.type = simulator", "influx.database = plm"));
        assertEquals("plm.conf:2: key 'cuff.path': not used here: it applies only when cuff.type = serial",
                problem("cuff.type = simulator", "cuff.path = /dev/ttyUSB0"));
    }

    @Test
    void malformedDuplicateAndEmptyLines() {
        assertEquals(List.of(
                "plm.conf:2: 'just words' is not 'key = value'",
                "plm.conf:3: key 'cuff.type': set again (first set on line 1)",
                "plm.conf:4: key 'patient.id': empty value: remove the line to use the default"),
                problems("cuff.type = simulator", "just words", "cuff.type = serial", "patient.id ="));
    }

    @Test
    void aTrailingCommentIsPointedOut() {
        assertEquals("plm.conf:2: key 'sensor.left.rate_hz': '50  # Hz' is not a whole number (a comment goes on a "
                        + "line of its own)",
                problem("sensor.left.type = simulator", "sensor.left.rate_hz = 50  # Hz"));
    }

    @Test
    void aMalformedLineThatMayHoldASecretIsNotQuoted() {
        String p = problem("cuff.type = simulator", "influx password hunter2");
        assertEquals("plm.conf:2: line is not 'key = value' (its text is not shown: it may hold a secret)", p);
    }

    @Test
    void nothingToMonitor() {
        assertEquals("plm.conf: nothing to monitor: set sensor.left.type and/or sensor.right.type (or cuff.type)",
                problem("# empty", "cuff.type = none"));
    }

    // ---- sensors ----------------------------------------------------------------------------------

    @Test
    void aBadSensorTypeSuggestsTheNearestAndSilencesItsSection() {
        assertEquals("plm.conf:1: key 'sensor.left.type': 'i2c-adxl354' is not one of i2c-adxl345, i2c-lis3dh, "
                        + "serial, simulator, replay; did you mean 'i2c-adxl345'?",
                problem("sensor.left.type = i2c-adxl354", "sensor.left.address = 0x53"));
    }

    @Test
    void i2cAddressBusAndRangeAreChecked() {
        assertEquals(List.of(
                "plm.conf:2: key 'sensor.left.address': 0x54 is not one of 0x53, 0x1d (the ADXL345's addresses)",
                "plm.conf:3: key 'sensor.left.bus': 32 is not between 0 and 31",
                "plm.conf:4: key 'sensor.left.range_g': 3 is not one of 2, 4, 8, 16",
                "plm.conf:5: key 'sensor.right.address': 'fifty' is not an address like 0x53",
                "plm.conf:6: key 'sensor.right.bus': 'one' is not a whole number"),
                problems("sensor.left.type = i2c-adxl345", "sensor.left.address = 0x54", "sensor.left.bus = 32",
                        "sensor.left.range_g = 3", "sensor.right.address = fifty", "sensor.right.bus = one",
                        "sensor.right.type = i2c-adxl345"));
    }

    @Test
    void aLis3dhTakesItsOwnAddresses() throws ConfigException {
        MonitorConfig c = parse("sensor.left.type = i2c-lis3dh", "sensor.left.address = 0x19",
                "sensor.right.type = i2c-adxl345");
        assertEquals(new SensorConfig.I2c(AccelerometerPart.LIS3DH, 1, 0x19, 50, 4), c.sensors().get(Leg.LEFT));
        assertEquals("plm.conf:2: key 'sensor.left.address': 0x53 is not one of 0x18, 0x19 (the LIS3DH's addresses)",
                problem("sensor.left.type = i2c-lis3dh", "sensor.left.address = 0x53"));
    }

    @Test
    void twoLegsCannotShareOneDevice() {
        assertEquals("plm.conf:3: key 'sensor.right.address': bus 1 address 0x53 is also the left sensor's: "
                        + "strap one chip to its other address (0x1d)",
                problem("sensor.left.type = i2c-adxl345", "sensor.right.type = i2c-adxl345", "sensor.right.address = 83"));
    }

    @Test
    void oneSerialBoardMayCarryBothLegsAndTheCuffAtOneSpeed() throws ConfigException {
        MonitorConfig c = parse("sensor.left.type = serial", "sensor.left.path = /dev/plm-sensor",
                "sensor.right.type = serial", "sensor.right.path = /dev/plm-sensor",
                "cuff.type = serial", "cuff.path = /dev/plm-sensor");
        assertEquals(c.sensors().get(Leg.LEFT), c.sensors().get(Leg.RIGHT));
        assertEquals(Optional.of(Path.of("/dev/plm-sensor")), c.cuff().orElseThrow().path());
        assertEquals("plm.conf:5: key 'sensor.right.baud': 9600 differs from sensor.left.baud (115200) on the same "
                        + "device /dev/ttyUSB0",
                problem("sensor.left.type = serial", "sensor.left.path = /dev/ttyUSB0",
                        "sensor.right.type = serial", "sensor.right.path = /dev/ttyUSB0", "sensor.right.baud = 9600"));
        assertEquals("plm.conf:7: key 'cuff.baud': 57600 differs from the baud of the sensor on the same device "
                        + "/dev/ttyUSB0 (115200)",
                problem("sensor.left.type = serial", "sensor.left.path = /dev/ttyUSB0",
                        "sensor.right.type = serial", "sensor.right.path = /dev/ttyUSB0",
                        "cuff.type = serial", "cuff.path = /dev/ttyUSB0", "cuff.baud = 57600"));
        assertEquals("plm.conf:3: key 'sensor.left.rate_hz': not used here: it applies only when sensor.left.type "
                        + "is i2c-* or simulator",
                problem("sensor.left.type = serial", "sensor.left.path = /dev/ttyUSB0", "sensor.left.rate_hz = 50"));
    }

    @Test
    void serialNeedsAPathAndAKnownBaudRate() {
        assertEquals(List.of(
                "plm.conf:2: key 'sensor.left.baud': 100000 is not one of 9600, 19200, 38400, 57600, 115200, "
                        + "230400, 460800, 921600",
                "plm.conf: key 'sensor.left.path': missing: the serial device, e.g. /dev/plm-sensor"),
                problems("sensor.left.type = serial", "sensor.left.baud = 100000"));
    }

    @Test
    void simulatorSpeedAndSeedAreChecked() {
        assertEquals(List.of(
                "plm.conf:2: key 'sensor.left.speed': 0.5 is not between 1 and 1000",
                "plm.conf:3: key 'sensor.left.seed': '1.5' is not a whole number"),
                problems("sensor.left.type = simulator", "sensor.left.speed = 0.5", "sensor.left.seed = 1.5"));
        assertEquals("plm.conf:2: key 'sensor.left.speed': 'fast' is not a number",
                problem("sensor.left.type = simulator", "sensor.left.speed = fast"));
    }

    @Test
    void replayNeedsAnExistingFile() {
        Path missing = dir.resolve("nope.csv");
        assertEquals("plm.conf:2: key 'sensor.left.file': '" + missing + "' does not exist or is not a file",
                problem("sensor.left.type = replay", "sensor.left.file = " + missing));
        assertEquals("plm.conf: key 'sensor.left.file': missing: the recording to replay",
                problem("sensor.left.type = replay"));
    }

    // ---- cuff -------------------------------------------------------------------------------------

    @Test
    void cuffLimitsAreHardCapped() {
        assertEquals("plm.conf:3: key 'cuff.max_pressure_mmhg': 61 is not between 10 and 60",
                problem("cuff.type = simulator", "cuff.max_inflation_s = 120", "cuff.max_pressure_mmhg = 61"));
        assertEquals("plm.conf:2: key 'cuff.max_inflation_s': 0 is not between 1 and 120",
                problem("cuff.type = simulator", "cuff.max_inflation_s = 0"));
        assertEquals("plm.conf: key 'cuff.path': missing: the cuff controller's serial device, e.g. /dev/plm-cuff",
                problem("cuff.type = serial"));
        assertEquals("plm.conf:1: key 'cuff.type': 'pump' is not one of none, serial, simulator",
                problem("cuff.type = pump", "cuff.max_pressure_mmhg = 30", "sensor.left.type = simulator"));
    }

    // ---- night, zone, patient, store ----------------------------------------------------------------

    @Test
    void nightTimesAndMode() {
        assertEquals("plm.conf:2: key 'night.start': '9pm' is not a 24-hour time HH:MM (e.g. 21:30)",
                problem("cuff.type = simulator", "night.start = 9pm"));
        assertEquals("plm.conf:2: key 'night.end': '24:00' is not a 24-hour time HH:MM (e.g. 21:30)",
                problem("cuff.type = simulator", "night.end = 24:00"));
        assertEquals("plm.conf:3: key 'night.end': night.start and night.end are both 22:00: a night needs a window",
                problem("cuff.type = simulator", "night.start = 22:00", "night.end = 22:00"));
        assertEquals("plm.conf:2: key 'night.mode': 'lying' is not one of schedule, posture, both",
                problem("cuff.type = simulator", "night.mode = lying"));
    }

    @Test
    void timeZoneTypoSuggestsTheZone() {
        assertEquals("plm.conf:2: key 'time_zone': 'Europe/Berln' is not a time zone id; did you mean 'Europe/Berlin'?",
                problem("cuff.type = simulator", "time_zone = Europe/Berln"));
    }

    @Test
    void patientIdMustBeAPseudonym() {
        assertEquals("plm.conf:2: key 'patient.id': 'Jane Doe' is not a pseudonym of 1-64 letters, digits, '-' or '_'"
                        + " (it is sent to InfluxDB as a tag: never use a name)",
                problem("cuff.type = simulator", "patient.id = Jane Doe"));
        assertEquals("plm.conf:2: key 'device.id': 'pi/1' is not 1-64 letters, digits, '-' or '_'",
                problem("cuff.type = simulator", "device.id = pi/1"));
    }

    @Test
    void storePathMustBeAbsoluteAndRetentionBounded() {
        assertEquals(List.of(
                "plm.conf:2: key 'store.path': 'plm.db' is not an absolute path",
                "plm.conf:3: key 'store.retention_days': 0 is not between 1 and 36500",
                "plm.conf:4: key 'store.max_database_mb': -5 is not 0 (no cap) or between 1 and 1048576"),
                problems("cuff.type = simulator", "store.path = plm.db", "store.retention_days = 0",
                        "store.max_database_mb = -5"));
        assertEquals("plm.conf:3: key 'store.raw_retention_days': 90 is more than store.retention_days (30): raw "
                        + "signal cannot outlive its night",
                problem("cuff.type = simulator", "store.retention_days = 30", "store.raw_retention_days = 90"));
        assertEquals(StoreConfig.builder().retentionDays(30).rawRetentionDays(30).build(),
                assertDoesNotThrow(() -> parse("cuff.type = simulator", "store.retention_days = 30")).store());
    }

    @Test
    void liveAndSimulatedLegsAreRefusedAtLoadOnTheRightSensorsLine() {
        // Refused only when the daemon opened its feeds before, as file "config", line 0.
        assertEquals("plm.conf:3: key 'sensor.right.type': 'simulator' on the right cannot run with 'serial' on the "
                        + "left: live sensors (i2c-*, serial) and simulated ones (simulator, replay) cannot be mixed in one run",
                problem("sensor.left.type = serial", "sensor.left.path = /dev/plm-sensor", "sensor.right.type = simulator"));
        assertThrows(IllegalArgumentException.class, () -> MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Serial(Path.of("/dev/x"), 115200))
                .sensor(Leg.RIGHT, new SensorConfig.Replay(Path.of("/r.csv"), 1)).build());
    }

    @Test
    void theStoreAndForwarderConfigsAreTheSubsystemsOwnBuiltAtLoad() throws ConfigException {
        MonitorConfig local = parse("cuff.type = simulator", "store.path = /srv/plm/plm.db");
        assertEquals(Path.of("/srv/plm"), local.store().dataDir());
        assertFalse(local.store().forwardingEnabled(), "nothing accumulates for a forwarder that never comes");
        MonitorConfig forwarding = parse("cuff.type = simulator", "influx.url = http://localhost:8086",
                "patient.id = p-9", "device.id = pi-9");
        assertTrue(forwarding.store().forwardingEnabled());
        assertEquals("p-9", forwarding.influx().orElseThrow().patientId());
        assertEquals("pi-9", forwarding.influx().orElseThrow().deviceId());
    }

    @Test
    void influxNamesFollowOneRuleEverywhere() {
        // The forwarder used to accept '-' and '.' that the loader and create-database.sh refuse.
        assertEquals("plm.conf:2: key 'influx.database': 'plm-night.db' is not a plain name (letters, digits and '_', "
                        + "not starting with a digit; at most 64)",
                problem("cuff.type = simulator", "influx.database = plm-night.db", "influx.url = http://localhost:8086"));
        assertThrows(IllegalArgumentException.class, () -> InfluxConfig.builder().url("http://localhost:8086")
                .database("plm-night.db").build());
    }

    // ---- influx and secrets -------------------------------------------------------------------------

    private Path secrets(String text, String mode) throws IOException {
        Path s = dir.resolve("secrets");
        Files.writeString(s, text);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString(mode));
        return s;
    }

    @Test
    void localInfluxWithoutAuthNeedsNoSecretsFile() throws ConfigException {
        MonitorConfig c = parse("cuff.type = simulator", "influx.url = http://localhost:8086",
                "influx.retention_policy = plm_1y",
                "influx.database = plm_test");
        InfluxConfig i = c.influx().orElseThrow();
        assertEquals("http://localhost:8086", i.url().toString());
        assertEquals("plm_test", i.database());
        assertEquals("plm_1y", i.retentionPolicy());
        assertEquals("", i.username());
        assertEquals("", i.password());
        assertEquals("patient", i.patientId());
        assertFalse(i.tls());
        assertTrue(i.createDatabase());
    }

    @Test
    void passwordComesFromThePrivateSecretsFileAndNeverPrints() throws IOException, ConfigException {
        Path s = secrets("# influx\ninflux.password = s3cret-Pa55 word\n", "rw-------");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        MonitorConfig c = parse("cuff.type = simulator", "influx.url = https://influx.clinic.example:8086",
                "influx.username = pi01", "influx.secrets_file = " + s, "influx.ca_file = " + ca,
                "influx.create_database = false");
        InfluxConfig i = c.influx().orElseThrow();
        assertEquals("pi01", i.username());
        assertEquals("s3cret-Pa55 word", i.password());
        assertEquals(ca, i.caCertificate());
        assertTrue(i.tls());
        assertFalse(i.createDatabase());
        for (String printed : List.of(c.toString(), i.toString())) {
            assertFalse(printed.contains("s3cret"), printed);
        }
        assertTrue(i.toString().contains("password=***"), i.toString());
    }

    // ---- the InfluxDB part alone (plm export --source influx on a clinic's machine) --------------------

    private static Optional<InfluxConfig> influxOnly(String... lines) throws ConfigException {
        return ConfigLoader.parseInflux("clinic.conf", String.join("\n", lines) + "\n", "p-0007");
    }

    private static List<String> influxProblems(String... lines) {
        ConfigException e = assertThrows(ConfigException.class, () -> influxOnly(lines));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void theInfluxPartAloneNeedsNoSensorAndCarriesTheServerAndCredentials() throws IOException, ConfigException {
        // The whole loader refuses this file (nothing to monitor); the influx part alone takes it.
        Path s = secrets("influx.password = clinic-Pa55\n", "rw-------");
        String[] lines = {"# the clinic's central machine", "influx.url = https://influx.clinic.example:8086",
                "influx.database = plm_clinic", "influx.username = reader", "influx.secrets_file = " + s};
        assertTrue(problem(lines).contains("nothing to monitor"));
        InfluxConfig i = influxOnly(lines).orElseThrow();
        assertEquals("https://influx.clinic.example:8086", i.url().toString());
        assertEquals("plm_clinic", i.database());
        assertEquals("reader", i.username());
        assertEquals("clinic-Pa55", i.password());
        assertEquals("p-0007", i.patientId(), "the patient read, not the file's patient.id");
        assertEquals(Optional.empty(), influxOnly("# no influx.url", "patient.id = p-1"), "no server: nothing to read");
    }

    @Test
    void theInfluxPartAloneLeavesTheOtherSectionsUncheckedButNotItsOwnKeysOrUnknownOnes() throws ConfigException {
        // A monitor's file with a sensor value the daemon would refuse: not this reader's concern.
        assertEquals("http://127.0.0.1:8086", influxOnly("sensor.left.type = simulator", "sensor.left.rate_hz = 5000",
                "influx.url = http://127.0.0.1:8086").orElseThrow().url().toString());
        assertEquals(List.of("clinic.conf:2: key 'influx.database': 'plm-night' is not a plain name (letters, digits and "
                        + "'_', not starting with a digit; at most 64)"),
                influxProblems("influx.url = http://127.0.0.1:8086", "influx.database = plm-night"));
        assertEquals(List.of("clinic.conf:2: key 'influx.databse': unknown key; did you mean 'influx.database'?"),
                influxProblems("influx.url = http://127.0.0.1:8086", "influx.databse = plm"));
        assertEquals(List.of("clinic.conf:1: key 'influx.database': not used here: it applies only when influx.url is set"),
                influxProblems("influx.database = plm"));
        assertEquals(List.of("clinic.conf:1: key 'influx.url': plain http to influx.clinic.example would send patient data "
                        + "and the password unencrypted: use https:// (docs/install.md), or set influx.allow_plaintext = true "
                        + "on a network you trust"),
                influxProblems("influx.url = http://influx.clinic.example:8086"));
    }

    @Test
    void aTokenIsRefusedAtLoadNamingTheSecretsFileLineAndKey() throws IOException {
        // The forwarder speaks InfluxDB 1.x (user and password): a token used to pass the loader and be refused
        // at start-up, with a made-up file name and no line.
        Path s = secrets("# clinic\ninflux.token = tok-123\n", "r--------");
        String p = problem("cuff.type = simulator", "influx.url = http://127.0.0.1:8086", "influx.secrets_file = " + s);
        assertEquals(s + ":2: key 'influx.token': token authentication is not supported: the forwarder speaks "
                + "InfluxDB 1.x; set influx.username in plm.conf and influx.password here instead", p);
        assertFalse(p.contains("tok-123"));
    }

    @Test
    void aSecretsFileOthersCanReadIsRefused() throws IOException {
        Path s = secrets("influx.password = hunter2\n", "rw-r--r--");
        String p = problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.username = pi01",
                "influx.secrets_file = " + s);
        assertEquals(s + ": secrets file has mode 0644: only its owner (the service user) may read it; run: "
                + "chown plm:plm " + s + " && chmod 600 " + s, p);
        assertFalse(p.contains("hunter2"));
        assertTrue(problem("cuff.type = simulator", "influx.url = http://localhost:8086",
                "influx.secrets_file = " + secrets("influx.token = x\n", "rw--w----")).contains("mode 0620"));
    }

    @Test
    void secretsFileProblemsNeverQuoteItsLines() throws IOException {
        Path s = secrets("hunter2\ninflux.pasword = hunter3\ninflux.password =\n", "rw-------");
        List<String> p = problems("cuff.type = simulator", "influx.url = http://localhost:8086",
                "influx.secrets_file = " + s);
        assertEquals(List.of(
                s + ":1: line is not 'key = value' (its text is not shown: it may be a secret)",
                s + ":2: key 'influx.pasword': unknown key; did you mean 'influx.password'?",
                s + ":3: key 'influx.password': empty value"), p);
        assertFalse(String.join("\n", p).contains("hunter"));
    }

    @Test
    void usernameNeedsAPasswordAndAPasswordNeedsAUsername() throws IOException {
        Path missing = dir.resolve("absent");
        assertEquals(missing + ": secrets file does not exist",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.username = pi01",
                        "influx.secrets_file = " + missing));
        Path token = secrets("influx.token = t\n", "rw-------");
        assertEquals(token + ":1: key 'influx.token': token authentication is not supported: the forwarder speaks "
                        + "InfluxDB 1.x; set influx.username in plm.conf and influx.password here instead",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.username = pi01",
                        "influx.secrets_file = " + token));
        Path empty = secrets("# nothing yet\n", "rw-------");
        assertEquals(List.of(
                "plm.conf:2: key 'influx.url': 'ftp://h' is not http://HOST[:PORT] or https://HOST[:PORT] (no path, "
                        + "no user: the user goes in influx.username)",
                "plm.conf:3: key 'influx.username': is set, but " + empty + " has no influx.password"),
                problems("cuff.type = simulator", "influx.url = ftp://h", "influx.username = pi01",
                        "influx.secrets_file = " + empty));
        Path pw = secrets("influx.password = p\n", "rw-------");
        assertEquals(pw + ": key 'influx.password': is set, but plm.conf has no influx.username to go with it",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.secrets_file = " + pw));
        Path both = secrets("influx.password = p\ninflux.token = t\n", "rw-------");
        assertEquals(both + ":2: key 'influx.token': token authentication is not supported: the forwarder speaks "
                        + "InfluxDB 1.x; set influx.username in plm.conf and influx.password here instead",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.username = u",
                        "influx.secrets_file = " + both));
    }

    @Test
    void plainHttpLeavesTheMachineOnlyWhenAllowed() throws ConfigException {
        assertEquals("plm.conf:2: key 'influx.url': plain http to influx.clinic.example would send patient data and "
                        + "the password unencrypted: use https:// (docs/install.md), or set influx.allow_plaintext = "
                        + "true on a network you trust",
                problem("cuff.type = simulator", "influx.url = http://influx.clinic.example:8086"));
        MonitorConfig c = parse("cuff.type = simulator", "influx.url = http://192.0.2.7:8086",
                "influx.allow_plaintext = true");
        assertEquals("192.0.2.7", c.influx().orElseThrow().url().getHost());
    }

    @Test
    void influxUrlCaFileAndNamesAreChecked() {
        assertEquals("plm.conf:2: key 'influx.url': 'https://h:8086/write?db=x' is not http://HOST[:PORT] or "
                        + "https://HOST[:PORT] (no path, no user: the user goes in influx.username)",
                problem("cuff.type = simulator", "influx.url = https://h:8086/write?db=x"));
        assertEquals("plm.conf:2: key 'influx.url': 'ftp://h' is not http://HOST[:PORT] or https://HOST[:PORT] "
                        + "(no path, no user: the user goes in influx.username)",
                problem("cuff.type = simulator", "influx.url = ftp://h"));
        Path ca = dir.resolve("missing-ca.pem");
        assertEquals(List.of(
                "plm.conf:3: key 'influx.ca_file': '" + ca + "' does not exist or is not a file",
                "plm.conf:3: key 'influx.ca_file': is set but influx.url is http: use https://"),
                problems("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.ca_file = " + ca));
        assertEquals("plm.conf:3: key 'influx.database': 'plm-db' is not a plain name (letters, digits and '_', not "
                        + "starting with a digit; at most 64)",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.database = plm-db"));
        assertEquals("plm.conf:2: key 'influx.url': 'http://a b' is not a URL: Illegal character in authority",
                problem("cuff.type = simulator", "influx.url = http://a b"));
    }

    // ---- web --------------------------------------------------------------------------------------

    @Test
    void webOnTheNetworkNeedsHttps() throws IOException, ConfigException {
        assertEquals("plm.conf:2: key 'web.bind': '0.0.0.0' serves patient data over plain HTTP on the network: set "
                        + "web.https.certificate and web.https.key, or web.allow_plaintext = true",
                problem("cuff.type = simulator", "web.bind = 0.0.0.0"));
        Path cert = Files.writeString(dir.resolve("cert.pem"), "c");
        Path key = Files.writeString(dir.resolve("key.pem"), "k");
        assertEquals("plm.conf:2: key 'web.https.certificate': web.https.certificate and web.https.key go together: "
                        + "set both or neither",
                problem("cuff.type = simulator", "web.https.certificate = " + cert));
        MonitorConfig c = parse("cuff.type = simulator", "web.bind = 0.0.0.0", "web.port = 8443",
                "web.https.certificate = " + cert, "web.https.key = " + key);
        assertEquals(new WebConfig(true, "0.0.0.0", 8443, Optional.of(new WebConfig.Https(cert, key)), false), c.web());
        assertEquals(new WebConfig(true, "0.0.0.0", 8080, Optional.empty(), true),
                parse("cuff.type = simulator", "web.bind = 0.0.0.0", "web.allow_plaintext = true").web());
        assertEquals("plm.conf:2: key 'web.port': 70000 is not between 1 and 65535",
                problem("cuff.type = simulator", "web.port = 70000"));
        assertEquals("plm.conf:2: key 'web.enabled': 'yes' is not one of true, false",
                problem("cuff.type = simulator", "web.enabled = yes"));
        assertEquals("plm.conf:3: key 'web.port': not used here: it applies only when web.enabled = true",
                problem("cuff.type = simulator", "web.enabled = false", "web.port = 1"));
    }

    // ---- files --------------------------------------------------------------------------------------

    @Test
    void loadNamesTheFileItReadsAndAnUnreadableOne() throws IOException, ConfigException {
        Path f = Files.writeString(dir.resolve("plm.conf"), "cuff.type = simulator\nfoo = 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals(f + ":2: key 'foo': unknown key (deploy/plm.conf lists every key)", e.getMessage());
        Path missing = dir.resolve("none.conf");
        ConfigException m = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertTrue(m.getMessage().startsWith(missing + ": cannot read the configuration file: "), m.getMessage());
        assertInstanceOf(java.nio.file.NoSuchFileException.class, m.getCause());
        Files.writeString(f, "\r\nsensor.left.type = simulator\r\n");
        assertEquals(1, ConfigLoader.load(f).sensors().size());
    }

    @Test
    void remainingValuePaths() throws IOException {
        assertEquals("plm.conf:2: key 'time_zone': 'Mars/Olympus' is not a time zone id (e.g. Europe/Berlin, UTC)",
                problem("cuff.type = simulator", "time_zone = Mars/Olympus"));
        assertEquals("plm.conf:3: key 'cuff.baud': 1200 is not one of 9600, 19200, 38400, 57600, 115200, 230400, "
                        + "460800, 921600",
                problem("cuff.type = serial", "cuff.path = /dev/plm-cuff", "cuff.baud = 1200"));
        assertEquals("plm.conf:2: key 'influx.url': holds a user (and maybe a password): put the user in "
                        + "influx.username and the password in the secrets file",
                problem("cuff.type = simulator", "influx.url = https://pi01:s3cret@h:8086"));
        assertEquals("plm.conf:2: key 'influx.url': 'https://***@h b' is not a URL: Illegal character in authority",
                problem("cuff.type = simulator", "influx.url = https://pi01:s3cret@h b"));
        assertEquals("plm.conf:3: key 'influx.retention_policy': 'one year' is not a plain name (letters, digits "
                        + "and '_', not starting with a digit; at most 64)",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.retention_policy = one year"));
        Path s = secrets("influx.password = a\ninflux.password = b\n", "rw-------");
        assertEquals(s + ":2: key 'influx.password': set twice",
                problem("cuff.type = simulator", "influx.url = http://localhost:8086", "influx.username = u",
                        "influx.secrets_file = " + s));
        Path key = Files.writeString(dir.resolve("k.pem"), "k");
        Path cert = dir.resolve("missing-cert.pem");
        assertEquals("plm.conf:2: key 'web.https.certificate': '" + cert + "' does not exist or is not a file",
                problem("cuff.type = simulator", "web.https.certificate = " + cert, "web.https.key = " + key));
    }

    // ---- the cuff's therapy policy -----------------------------------------------------------------

    @Test
    void aCuffIsWatchedOnlyUnlessAPolicyIsChosen() throws ConfigException {
        assertEquals(CuffTherapy.OFF, parse("cuff.type = simulator").cuff().orElseThrow().therapy());
    }

    @Test
    void theScheduledPolicyTakesThePublishedDoseByDefault() throws ConfigException {
        CuffTherapy t = parse("cuff.type = simulator", "cuff.policy = scheduled", "cuff.symptom_onset = 21:15")
                .cuff().orElseThrow().therapy();
        assertEquals(CuffTherapy.Policy.SCHEDULED, t.policy());
        assertEquals(Optional.of(LocalTime.of(21, 15)), t.symptomOnset());
        // About 40 cmH2O (29.4 mmHg), 5 s of each minute, for an hour.
        assertEquals(29, t.targetMmHg());
        assertEquals(5, t.inflationS());
        assertEquals(60, t.cycleS());
        assertEquals(60, t.sessionMin());
        assertFalse(t.contraindicated());
    }

    @Test
    void theClosedLoopKeysAreRead() throws ConfigException {
        CuffTherapy t = parse("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trigger = movements",
                "cuff.trigger_movements = 6", "cuff.trigger_window_min = 3", "cuff.quiet_hours = 23:30-5:00",
                "cuff.refractory_min = 90", "cuff.max_sessions_per_night = 3", "cuff.session_min = 20",
                "cuff.target_mmhg = 25", "cuff.inflation_s = 8", "cuff.cycle_s = 30", "cuff.contraindication = none")
                .cuff().orElseThrow().therapy();
        assertEquals(new CuffTherapy(CuffTherapy.Policy.CLOSED_LOOP, java.util.Set.of(), 25, 8, 30, 20, Optional.empty(),
                CuffTherapy.Trigger.MOVEMENTS, 6, 3, Optional.of(new CuffTherapy.QuietHours(LocalTime.of(23, 30),
                LocalTime.of(5, 0))), 90, 3), t);
        assertTrue(t.quietHours().orElseThrow().contains(LocalTime.of(0, 10)));
        assertFalse(t.quietHours().orElseThrow().contains(LocalTime.of(5, 0)));
    }

    @Test
    void aDeclaredContraindicationRefusesEveryPolicyButOff() throws ConfigException {
        for (String policy : List.of("scheduled", "closed-loop")) {
            assertEquals("plm.conf:2: key 'cuff.policy': " + policy + " refused: cuff.contraindication declares "
                            + "acute-dvt, fracture; with a contraindication to compression only off is allowed",
                    problem("cuff.type = simulator", "cuff.policy = " + policy, "cuff.symptom_onset = 22:00",
                            "cuff.contraindication = fracture, Acute-DVT"));
        }
        CuffTherapy off = parse("cuff.type = simulator", "cuff.policy = off", "cuff.contraindication = heart-failure")
                .cuff().orElseThrow().therapy();
        assertEquals(java.util.Set.of(CuffTherapy.Contraindication.HEART_FAILURE), off.contraindications());
        assertEquals("plm.conf:3: key 'cuff.contraindication': 'dvt' is not one of none, acute-dvt, thrombophlebitis, "
                        + "pulmonary-embolism, arterial-disease, heart-failure, skin-lesion, fracture",
                problems("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.contraindication = dvt").get(0));
    }

    @Test
    void aDoseOutsideTheHostLimitsIsRefusedNamingItsKey() {
        assertEquals("plm.conf:3: key 'cuff.target_mmhg': cuff.target_mmhg 40 is not below cuff.max_pressure_mmhg 40 "
                        + "(the controller refuses a target at its ceiling)",
                problem("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.target_mmhg = 40"));
        assertEquals("plm.conf:3: key 'cuff.inflation_s': cuff.inflation_s 12 is more than cuff.max_inflation_s 10",
                problem("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.inflation_s = 12",
                        "cuff.max_inflation_s = 10", "cuff.cycle_s = 60"));
        assertEquals("plm.conf:3: key 'cuff.cycle_s': 10 is not longer than cuff.inflation_s (10)",
                problem("cuff.type = simulator", "cuff.inflation_s = 10", "cuff.cycle_s = 10"));
        assertEquals("plm.conf: key 'cuff.symptom_onset': missing: the usual symptom onset HH:MM, where the "
                + "scheduled session ends", problem("cuff.type = simulator", "cuff.policy = scheduled"));
        assertEquals("plm.conf:2: key 'cuff.quiet_hours': '2:00-2:00' is not two different 24-hour times HH:MM-HH:MM "
                + "(e.g. 02:00-06:00)", problem("cuff.type = simulator", "cuff.quiet_hours = 2:00-2:00"));
        assertEquals("plm.conf:2: key 'cuff.policy': 'always' is not one of off, scheduled, closed-loop",
                problem("cuff.type = simulator", "cuff.policy = always"));
    }

    @Test
    void theTrialKeysGiveATrialAndEachMistakeIsNamed() throws ConfigException {
        CuffConfig c = parse("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trial = on", "cuff.trial_arms = cuff/sham",
                "cuff.trial_block_nights = 6", "cuff.trial_nights = 36", "cuff.trial_seed = -4", "cuff.trial_start = 2026-12-08")
                .cuff().orElseThrow();
        assertEquals(Optional.of(new TrialConfig(TrialConfig.Arm.SHAM, 6, 36, -4, java.time.LocalDate.of(2026, 12, 8))), c.trial());
        assertEquals(Optional.empty(), parse("cuff.type = simulator", "cuff.policy = closed-loop").cuff().orElseThrow().trial());
        assertEquals(List.of("plm.conf:2: key 'cuff.trial': on needs cuff.policy scheduled or closed-loop: the cuff arm's "
                        + "nights run it"),
                problems("cuff.type = simulator", "cuff.trial = on", "cuff.trial_seed = 1", "cuff.trial_start = 2026-12-08"));
        assertEquals(List.of("plm.conf:3: key 'cuff.trial': cuff.trial_seed is missing: the schedule is drawn from it "
                        + "(any whole number)", "plm.conf:3: key 'cuff.trial': cuff.trial_start is missing: the trial's first "
                        + "night, YYYY-MM-DD"),
                problems("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trial = on"));
        assertEquals("plm.conf:3: key 'cuff.trial_block_nights': 5 is odd: half of each block gets the cuff",
                problem("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trial_block_nights = 5"));
        assertEquals("plm.conf:3: key 'cuff.trial_nights': 30 nights are not a whole number of blocks of 4",
                problem("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trial_nights = 30"));
        assertEquals("plm.conf:3: key 'cuff.trial_start': '8.12.2026' is not a date YYYY-MM-DD",
                problem("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trial_start = 8.12.2026"));
        assertEquals("plm.conf:3: key 'cuff.trial_arms': 'cuff/placebo' is not one of cuff/none, cuff/sham",
                problem("cuff.type = simulator", "cuff.policy = closed-loop", "cuff.trial_arms = cuff/placebo"));
    }
}
