package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.bridge.i2c.AccelerometerPart;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.analysis.io.IoErrors;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code plm.conf} into a {@link MonitorConfig}.
 *
 * <p>Format: one {@code key = value} per line; blank lines and lines starting with {@code #} or {@code ;}
 * are ignored; a value runs to the end of the line (no inline comments, so paths and URLs need no
 * quoting). Each key may appear once. Every key is optional; a missing key takes the default documented
 * in {@code deploy/plm.conf}. Every problem found is collected and reported together.
 */
public final class ConfigLoader {
    /** {@code cuff.quiet_hours}: two 24-hour times. */
    private static final Pattern QUIET = Pattern.compile("((?:[01]?\\d|2[0-3]):[0-5]\\d)\\s*-\\s*((?:[01]?\\d|2[0-3]):[0-5]\\d)");
    /** Where the package installs the configuration. */
    public static final Path DEFAULT_PATH = Path.of("/etc/plm-monitor/plm.conf");
    /** Where the package installs the secrets file. */
    public static final Path DEFAULT_SECRETS = Path.of("/etc/plm-monitor/secrets");


    private final ConfigEntries conf;

    private ConfigLoader(String file) {
        this.conf = new ConfigEntries(file);
    }

    /**
     * Reads and validates a configuration file, and the secrets file it names when InfluxDB is configured.
     *
     * @param path the configuration file
     * @return the validated configuration
     * @throws ConfigException every problem found, each naming file, line and key
     */
    public static MonitorConfig load(Path path) throws ConfigException {
        return parse(path.toString(), read(path));
    }

    /**
     * Reads and validates only the InfluxDB part of a configuration file ({@code influx.*} and the secrets
     * file it names), for a command that reads one patient's points from the server and uses nothing else
     * ({@code plm export --source influx} on a clinic's machine: no sensor, no store). The keys of the other
     * sections are not checked (they are not this command's); a key no section knows is still refused, as
     * it is most likely a mistyped influx key.
     *
     * @param path    the configuration file
     * @param patient the pseudonymous id of the patient whose points are read ({@link InfluxConfig#ID}); a
     *                reader writes no point, so the device tag is left at its default
     * @return the server's settings, or empty when the file sets no {@code influx.url}
     * @throws ConfigException every problem found, each naming file, line and key
     */
    public static Optional<InfluxConfig> loadInflux(Path path, String patient) throws ConfigException {
        return parseInflux(path.toString(), read(path), patient);
    }

    /**
     * Validates the InfluxDB part of configuration text, as {@link #loadInflux} does.
     *
     * @param fileName how to name the source in messages
     * @param text     the file's content
     * @param patient  the pseudonymous id of the patient whose points are read
     * @return the server's settings, or empty when the text sets no {@code influx.url}
     * @throws ConfigException every problem found
     */
    public static Optional<InfluxConfig> parseInflux(String fileName, String text, String patient) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(fileName);
        loader.conf.split(text);
        Optional<InfluxConfig> influx = InfluxSection.read(loader.conf, patient, InfluxConfig.DEFAULT_DEVICE_ID);
        loader.conf.reportUnused(key -> key.startsWith(InfluxSection.PREFIX));
        loader.refuseProblems();
        return influx;
    }

    private static String read(Path path) throws ConfigException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigProblem(path.toString(), (int) InputText.firstNonUtf8Line(path), "",
                    "not UTF-8 text: the configuration file must be UTF-8 (or plain ASCII)"), e);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(path.toString(), 0, "",
                    "cannot read the configuration file: " + (Files.isDirectory(path) ? "is a directory"
                            : IoErrors.reason(e))), e);
        }
    }

    /**
     * Validates configuration text. Files the text names (secrets, CA, certificates, replay) are read or
     * checked as {@link #load} does.
     *
     * @param fileName how to name the source in messages
     * @param text     the file's content
     * @return the validated configuration
     * @throws ConfigException every problem found
     */
    public static MonitorConfig parse(String fileName, String text) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(fileName);
        loader.conf.split(text);
        MonitorConfig config = loader.build();
        loader.conf.reportUnused(key -> true);
        loader.refuseProblems();
        return config;
    }

    /** @throws ConfigException every problem recorded, this file's first, in line order */
    private void refuseProblems() throws ConfigException {
        if (conf.problemCount() != 0) {
            List<ConfigProblem> sorted = new ArrayList<>(conf.problems());
            sorted.sort(Comparator.comparing((ConfigProblem p) -> !p.file().equals(conf.file()))
                    .thenComparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
            throw new ConfigException(sorted);
        }
    }
    // ---- building -------------------------------------------------------------------------------

    private MonitorConfig build() {
        MonitorConfig.Builder b = MonitorConfig.builder();
        b.timeZone(timeZone());
        String patientText = conf.string("patient.id").orElse(MonitorConfig.DEFAULT_PATIENT_ID);
        String patient = MonitorConfig.DEFAULT_PATIENT_ID;
        if (MonitorConfig.ID.matcher(patientText).matches()) {
            patient = patientText;
            b.patientId(patient);
        } else {
            conf.problem("patient.id", InputText.quote(patientText) + " is not a pseudonym of 1-64 letters, digits, '-' or '_'"
                    + " (it is sent to InfluxDB as a tag: never use a name)");
        }
        String deviceText = conf.string("device.id").orElse(MonitorConfig.DEFAULT_DEVICE_ID);
        String device = MonitorConfig.DEFAULT_DEVICE_ID;
        if (MonitorConfig.ID.matcher(deviceText).matches()) {
            device = deviceText;
            b.deviceId(device);
        } else {
            conf.problem("device.id", InputText.quote(deviceText) + " is not 1-64 letters, digits, '-' or '_'");
        }
        night().ifPresent(b::night);
        b.standard(conf.choice("analysis.standard", ScoringStandard.WASM2016, ConfigEntries.enumNames(ScoringStandard.values(),
                ScoringStandard::cliName)));
        Optional<StoreConfig> storeConfig = store();
        storeConfig.ifPresent(b::store);

        Map<Leg, SensorConfig> sensors = new LinkedHashMap<>();
        for (String leg : ConfigKeys.LEGS) {
            sensor(leg).ifPresent(s -> sensors.put(Leg.parse(leg), s));
        }
        sensors.forEach(b::sensor);
        checkDistinctDevices(sensors);
        checkSimulatorPair(sensors);
        storeConfig.ifPresent(st -> checkStoreIsNoInput(st.path(), sensors));
        MonitorConfig.mixedSources(sensors).ifPresent(m -> conf.problem("sensor.right.type", m));
        Optional<CuffConfig> cuff = cuff();
        cuff.ifPresent(b::cuff);
        cuff.flatMap(CuffConfig::path).ifPresent(cuffPath -> sensors.values().stream()
                .filter(s -> s instanceof SensorConfig.Serial serial && serial.path().equals(cuffPath)
                        && serial.baud() != cuffBaud(cuff))
                .findFirst()
                .ifPresent(s -> conf.problem("cuff.baud", cuffBaud(cuff) + " differs from the baud of the sensor on "
                        + "the same device " + cuffPath + " (" + ((SensorConfig.Serial) s).baud() + ")")));
        if (sensors.isEmpty() && cuff.isEmpty() && conf.problemCount() == 0) {
            conf.add(new ConfigProblem(conf.file(), 0, "", "nothing to monitor: set sensor.left.type and/or "
                    + "sensor.right.type (or cuff.type)"));
        }
        InfluxSection.read(conf, patient, device).ifPresent(b::influx);
        web().ifPresent(b::web);
        if (conf.problemCount() != 0) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException mismatch) {
            // The checks above mirror the records' invariants; this catches a mismatch between the two.
            conf.add(new ConfigProblem(conf.file(), 0, "", mismatch.getMessage()));
            return null;
        }
    }

    private ZoneId timeZone() {
        Optional<String> text = conf.string("time_zone");
        if (text.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text.get());
        } catch (DateTimeException notAZone) {
            conf.problem("time_zone", InputText.quote(text.get()) + " is not a time zone id"
                    + ConfigKeys.closest(text.get(), ZoneId.getAvailableZoneIds())
                    .map(z -> "; did you mean '" + z + "'?").orElse(" (e.g. Europe/Berlin, UTC)"));
            return ZoneId.systemDefault();
        }
    }

    private Optional<NightConfig> night() {
        NightConfig.Mode mode = conf.choice("night.mode", NightConfig.DEFAULT.mode(),
                ConfigEntries.enumNames(NightConfig.Mode.values(), NightConfig.Mode::configName));
        Optional<LocalTime> start = conf.time("night.start", NightConfig.DEFAULT.start());
        Optional<LocalTime> end = conf.time("night.end", NightConfig.DEFAULT.end());
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        if (start.get().equals(end.get())) {
            conf.problem(conf.has("night.end") ? "night.end" : "night.start",
                    "night.start and night.end are both " + start.get() + ": a night needs a window");
            return Optional.empty();
        }
        return Optional.of(new NightConfig(mode, start.get(), end.get()));
    }

    private Optional<StoreConfig> store() {
        int before = conf.problemCount();
        StoreConfig defaults = StoreConfig.defaults();
        Optional<Path> path = conf.path("store.path");
        int days = conf.intRange("store.retention_days", defaults.retentionDays(), 1, StoreConfig.MAX_RETENTION_DAYS);
        int rawDays = conf.intRange("store.raw_retention_days", Math.min(days, defaults.rawRetentionDays()), 1,
                StoreConfig.MAX_RETENTION_DAYS);
        long maxMib = conf.longValue("store.max_database_mb", 0);
        long maxMibAllowed = StoreConfig.MAX_DATABASE_BYTES >> 20;
        if (path.isPresent() && !path.get().isAbsolute()) {
            conf.problem("store.path", "'" + InputText.escape(path.get().toString()) + "' is not an absolute path");
        }
        if (rawDays > days) {
            conf.problem("store.raw_retention_days", rawDays + " is more than store.retention_days (" + days
                    + "): raw signal cannot outlive its night");
        }
        if (maxMib != 0 && (maxMib < 1 || maxMib > maxMibAllowed)) {
            conf.problem("store.max_database_mb", maxMib + " is not 0 (no cap) or between 1 and " + maxMibAllowed);
        }
        if (conf.problemCount() != before) {
            return Optional.empty();
        }
        return conf.record("store.path", () -> StoreConfig.builder().path(path.orElse(StoreConfig.DEFAULT_PATH))
                .retentionDays(days).rawRetentionDays(rawDays).maxDatabaseBytes(maxMib << 20).build());
    }

    private Optional<SensorConfig> sensor(String leg) {
        String p = "sensor." + leg + ".";
        Map<String, String> types = new LinkedHashMap<>();
        for (AccelerometerPart chip : AccelerometerPart.values()) {
            types.put(SensorConfig.typeName(chip), SensorConfig.typeName(chip));
        }
        types.put("serial", "serial");
        types.put("simulator", "simulator");
        types.put("replay", "replay");
        Optional<String> typeText = conf.string(p + "type");
        if (typeText.isEmpty()) {
            return Optional.empty();
        }
        String type = types.get(typeText.get().toLowerCase(Locale.ROOT));
        if (type == null) {
            conf.problem(p + "type", ConfigEntries.notOneOf(typeText.get(), types.keySet()));
            conf.silence(p);
            return Optional.empty();
        }
        int before = conf.problemCount();
        SensorConfig sensor;
        switch (type) {
            case "serial" -> {
                int baud = conf.intOneOf(p + "baud", SensorConfig.DEFAULT_BAUD, SensorConfig.BAUD_RATES);
                Optional<Path> path = conf.required(p + "path", "the serial device, e.g. /dev/plm-sensor");
                sensor = path.map(d -> new SensorConfig.Serial(d, baud)).orElse(null);
            }
            case "simulator" -> {
                int rate = conf.intOneOf(p + "rate_hz", SensorConfig.DEFAULT_RATE_HZ, SensorConfig.RATES_HZ);
                long seed = conf.longValue(p + "seed", 1L);
                double speed = conf.doubleRange(p + "speed", 1.0, SensorConfig.MIN_SPEED, SensorConfig.MAX_SPEED);
                sensor = new SensorConfig.Simulator(seed, speed, rate);
            }
            case "replay" -> {
                double speed = conf.doubleRange(p + "speed", 1.0, SensorConfig.MIN_SPEED, SensorConfig.MAX_SPEED);
                Optional<Path> f = conf.required(p + "file", "the recording to replay");
                f.ifPresent(x -> conf.readable(p + "file", x));
                sensor = f.map(x -> new SensorConfig.Replay(x, speed)).orElse(null);
            }
            default -> {
                AccelerometerPart chip = AccelerometerPart.valueOf(
                        type.substring("i2c-".length()).toUpperCase(Locale.ROOT));
                int rate = conf.intOneOf(p + "rate_hz", SensorConfig.DEFAULT_RATE_HZ, SensorConfig.RATES_HZ);
                int bus = conf.intRange(p + "bus", SensorConfig.I2c.DEFAULT_BUS, 0, 31);
                int address = conf.address(p + "address", chip);
                int range = conf.intOneOf(p + "range_g", SensorConfig.I2c.DEFAULT_RANGE_G, chip.rangesG());
                sensor = new SensorConfig.I2c(chip, bus, address, rate, range);
            }
        }
        return conf.problemCount() == before ? Optional.ofNullable(sensor) : Optional.empty();
    }

    private static int cuffBaud(Optional<CuffConfig> cuff) {
        return cuff.map(CuffConfig::baud).orElse(SensorConfig.DEFAULT_BAUD);
    }

    /** One serial board may carry both legs (and the cuff); one I2C address holds one chip only. */
    /**
     * Two simulated legs are one two-ankle night, generated from the left section's seed and rate: a
     * right section that asks for another seed or rate would be silently ignored, so it is refused.
     */
    private void checkSimulatorPair(Map<Leg, SensorConfig> sensors) {
        if (sensors.get(Leg.LEFT) instanceof SensorConfig.Simulator l && sensors.get(Leg.RIGHT) instanceof SensorConfig.Simulator r) {
            if (conf.has("sensor.right.seed") && r.seed() != l.seed()) {
                conf.problem("sensor.right.seed", r.seed() + " differs from sensor.left.seed (" + l.seed() + "): two "
                        + "simulated legs are one two-ankle night made from the left section's seed; set the same or "
                        + "remove the line");
            }
            if (conf.has("sensor.right.rate_hz") && r.rateHz() != l.rateHz()) {
                conf.problem("sensor.right.rate_hz", r.rateHz() + " differs from sensor.left.rate_hz (" + l.rateHz()
                        + "): two simulated legs are one two-ankle night at the left section's rate; set the same or "
                        + "remove the line");
            }
        }
    }

    /** The store is written: it must not be the configuration file or a recording the daemon replays. */
    private void checkStoreIsNoInput(Path store, Map<Leg, SensorConfig> sensors) {
        List<Path> inputs = new ArrayList<>();
        try {
            inputs.add(Path.of(conf.file()));
        } catch (java.nio.file.InvalidPathException e) {
            // a name given to parse() that is no path: nothing to compare
        }
        sensors.values().forEach(s -> {
            if (s instanceof SensorConfig.Replay r) {
                inputs.add(r.file());
            }
        });
        for (Path in : inputs) {
            try {
                if (Files.exists(store) && Files.exists(in) && Files.isSameFile(store, in)) {
                    conf.problem("store.path", "'" + InputText.escape(store.toString()) + "' is the input file " + in
                            + ": the store would write over it; choose another path");
                }
            } catch (IOException e) {
                // cannot be compared: opening the store reports its own problem
            }
        }
    }

    private void checkDistinctDevices(Map<Leg, SensorConfig> sensors) {
        if (sensors.get(Leg.LEFT) instanceof SensorConfig.Serial l && sensors.get(Leg.RIGHT) instanceof SensorConfig.Serial r
                && l.path().equals(r.path()) && l.baud() != r.baud()) {
            conf.problem("sensor.right.baud", r.baud() + " differs from sensor.left.baud (" + l.baud() + ") on the same device "
                    + r.path());
        }
        if (sensors.get(Leg.LEFT) instanceof SensorConfig.I2c l && sensors.get(Leg.RIGHT) instanceof SensorConfig.I2c r
                && l.bus() == r.bus() && l.address() == r.address()) {
            int other = r.chip().addresses().stream().filter(a -> a != r.address()).findFirst().orElseThrow();
            conf.problem("sensor.right.address", String.format("bus %d address 0x%02x is also the left sensor's: "
                    + "strap one chip to its other address (0x%02x)", r.bus(), r.address(), other));
        }
    }

    private Optional<CuffConfig> cuff() {
        Map<String, Optional<CuffConfig.Link>> links = new LinkedHashMap<>();
        links.put("none", Optional.empty());
        links.put("serial", Optional.of(CuffConfig.Link.SERIAL));
        links.put("simulator", Optional.of(CuffConfig.Link.SIMULATOR));
        int atStart = conf.problemCount();
        Optional<CuffConfig.Link> link = conf.choice("cuff.type", Optional.empty(), links);
        if (conf.problemCount() != atStart) {
            conf.silence("cuff.");
        }
        if (link.isEmpty()) {
            return Optional.empty();
        }
        int before = conf.problemCount();
        Optional<Path> path = Optional.empty();
        int baud = SensorConfig.DEFAULT_BAUD;
        if (link.get() == CuffConfig.Link.SERIAL) {
            path = conf.required("cuff.path", "the cuff controller's serial device, e.g. /dev/plm-cuff");
            baud = conf.intOneOf("cuff.baud", SensorConfig.DEFAULT_BAUD, SensorConfig.BAUD_RATES);
        }
        int pressure = conf.intRange("cuff.max_pressure_mmhg", CuffConfig.DEFAULT_MAX_PRESSURE_MMHG,
                CuffConfig.MIN_PRESSURE_MMHG, CuffConfig.HARD_MAX_PRESSURE_MMHG);
        int inflation = conf.intRange("cuff.max_inflation_s", CuffConfig.DEFAULT_MAX_INFLATION_S,
                CuffConfig.MIN_INFLATION_S, CuffConfig.MAX_INFLATION_S);
        Map<String, Leg> legs = new LinkedHashMap<>();
        legs.put("left", Leg.LEFT);
        legs.put("right", Leg.RIGHT);
        Leg leg = conf.choice("cuff.leg", Leg.LEFT, legs);
        Optional<CuffTherapy> therapy = therapy(pressure, inflation);
        Optional<TrialConfig> trial = trial(therapy.map(CuffTherapy::policy).orElse(CuffTherapy.Policy.OFF));
        if (conf.problemCount() != before || therapy.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> p = path;
        int b = baud;
        return conf.record("cuff.policy", () -> new CuffConfig(link.get(), p, b, pressure, Duration.ofSeconds(inflation),
                therapy.get(), leg, trial));
    }

    /** The cuff's therapy policy; a declared contraindication refuses every policy but off. */
    private Optional<CuffTherapy> therapy(int ceilingMmHg, int maxInflationS) {
        int before = conf.problemCount();
        CuffTherapy d = CuffTherapy.OFF;
        CuffTherapy.Policy policy = conf.choice("cuff.policy", CuffTherapy.Policy.OFF,
                ConfigEntries.enumNames(CuffTherapy.Policy.values(), CuffTherapy.Policy::configName));
        Set<CuffTherapy.Contraindication> contra = contraindications();
        if (policy != CuffTherapy.Policy.OFF && !contra.isEmpty()) {
            conf.problem("cuff.policy", policy.configName() + " refused: cuff.contraindication declares "
                    + String.join(", ", contra.stream().map(CuffTherapy.Contraindication::configName).toList())
                    + "; with a contraindication to compression only off is allowed");
        }
        int target = conf.intRange("cuff.target_mmhg", d.targetMmHg(), CuffTherapy.MIN_TARGET_MMHG, CuffConfig.HARD_MAX_PRESSURE_MMHG);
        if (policy != CuffTherapy.Policy.OFF && target >= ceilingMmHg) {
            conf.problem(conf.has("cuff.target_mmhg") ? "cuff.target_mmhg" : "cuff.max_pressure_mmhg", "cuff.target_mmhg "
                    + target + " is not below cuff.max_pressure_mmhg " + ceilingMmHg
                    + " (the controller refuses a target at its ceiling)");
        }
        int inflationS = conf.intRange("cuff.inflation_s", d.inflationS(), 1, CuffConfig.MAX_INFLATION_S);
        if (policy != CuffTherapy.Policy.OFF && inflationS > maxInflationS) {
            conf.problem(conf.has("cuff.inflation_s") ? "cuff.inflation_s" : "cuff.max_inflation_s", "cuff.inflation_s "
                    + inflationS + " is more than cuff.max_inflation_s " + maxInflationS);
        }
        int cycleS = conf.intRange("cuff.cycle_s", d.cycleS(), 5, 600);
        if (cycleS <= inflationS) {
            conf.problem("cuff.cycle_s", cycleS + " is not longer than cuff.inflation_s (" + inflationS + ")");
        }
        int sessionMin = conf.intRange("cuff.session_min", d.sessionMin(), 1, 240);
        // Read (and checked) under every policy, so that switching policies never makes the file wrong.
        Optional<LocalTime> onset = conf.has("cuff.symptom_onset") ? conf.time("cuff.symptom_onset", LocalTime.MIDNIGHT)
                : Optional.empty();
        if (policy == CuffTherapy.Policy.SCHEDULED && !conf.has("cuff.symptom_onset")) {
            conf.problem("cuff.symptom_onset", "missing: the usual symptom onset HH:MM, where the scheduled session ends");
        }
        if (policy != CuffTherapy.Policy.SCHEDULED) {
            onset = Optional.empty();
        }
        CuffTherapy.Trigger trigger = conf.choice("cuff.trigger", d.trigger(),
                ConfigEntries.enumNames(CuffTherapy.Trigger.values(), CuffTherapy.Trigger::configName));
        int movements = conf.intRange("cuff.trigger_movements", d.triggerMovements(), 2, 20);
        int windowMin = conf.intRange("cuff.trigger_window_min", d.triggerWindowMin(), 1, 60);
        Optional<CuffTherapy.QuietHours> quiet = quietHours();
        int refractory = conf.intRange("cuff.refractory_min", d.refractoryMin(), 0, 720);
        int maxSessions = conf.intRange("cuff.max_sessions_per_night", d.maxSessionsPerNight(), 1, 10);
        if (conf.problemCount() != before) {
            return Optional.empty();
        }
        Optional<LocalTime> o = onset;
        return conf.record("cuff.policy", () -> new CuffTherapy(policy, contra, target, inflationS, cycleS, sessionMin, o,
                trigger, movements, windowMin, quiet, refractory, maxSessions));
    }

    /** The n-of-1 trial ({@code cuff.trial = on}); its keys are read either way, so a stray one is not "unknown". */
    private Optional<TrialConfig> trial(CuffTherapy.Policy policy) {
        int before = conf.problemCount();
        Map<String, Boolean> onOff = new LinkedHashMap<>();
        onOff.put("off", false);
        onOff.put("on", true);
        boolean on = conf.choice("cuff.trial", false, onOff);
        Map<String, TrialConfig.Arm> arms = new LinkedHashMap<>();
        arms.put("cuff/none", TrialConfig.Arm.NONE);
        arms.put("cuff/sham", TrialConfig.Arm.SHAM);
        TrialConfig.Arm control = conf.choice("cuff.trial_arms", TrialConfig.Arm.NONE, arms);
        int block = conf.intRange("cuff.trial_block_nights", TrialConfig.DEFAULT_BLOCK, TrialConfig.MIN_BLOCK,
                TrialConfig.MAX_BLOCK);
        if (block % 2 != 0) {
            conf.problem("cuff.trial_block_nights", block + " is odd: half of each block gets the cuff");
        }
        int nights = conf.intRange("cuff.trial_nights", TrialConfig.DEFAULT_NIGHTS, TrialConfig.MIN_NIGHTS,
                TrialConfig.MAX_NIGHTS);
        if (block % 2 == 0 && nights % block != 0) {
            conf.problem(conf.has("cuff.trial_nights") ? "cuff.trial_nights" : "cuff.trial_block_nights", nights
                    + " nights are not a whole number of blocks of " + block);
        }
        Optional<Long> seed = conf.integer("cuff.trial_seed");
        Optional<String> startText = conf.string("cuff.trial_start");
        Optional<LocalDate> start = Optional.empty();
        if (startText.isPresent()) {
            try {
                start = Optional.of(LocalDate.parse(startText.get()));
            } catch (java.time.format.DateTimeParseException e) {
                conf.problem("cuff.trial_start", InputText.quote(startText.get()) + " is not a date YYYY-MM-DD");
            }
        }
        if (!on) {
            return Optional.empty();
        }
        if (policy == CuffTherapy.Policy.OFF) {
            conf.problem("cuff.trial", "on needs cuff.policy scheduled or closed-loop: the cuff arm's nights run it");
        }
        if (seed.isEmpty() && !conf.has("cuff.trial_seed")) {
            conf.problem("cuff.trial", "cuff.trial_seed is missing: the schedule is drawn from it (any whole number)");
        }
        if (startText.isEmpty() && !conf.has("cuff.trial_start")) {
            conf.problem("cuff.trial", "cuff.trial_start is missing: the trial's first night, YYYY-MM-DD");
        }
        if (conf.problemCount() != before) {
            return Optional.empty();
        }
        LocalDate first = start.orElseThrow();
        long s = seed.orElseThrow();
        return conf.record("cuff.trial", () -> new TrialConfig(control, block, nights, s, first));
    }

    private Set<CuffTherapy.Contraindication> contraindications() {
        Optional<String> text = conf.string("cuff.contraindication");
        Set<CuffTherapy.Contraindication> out = EnumSet.noneOf(CuffTherapy.Contraindication.class);
        if (text.isEmpty() || text.get().trim().equalsIgnoreCase("none")) {
            return out;
        }
        Map<String, CuffTherapy.Contraindication> words = ConfigEntries.enumNames(CuffTherapy.Contraindication.values(),
                CuffTherapy.Contraindication::configName);
        for (String w : text.get().split(",")) {
            CuffTherapy.Contraindication c = words.get(w.trim().toLowerCase(Locale.ROOT));
            if (c == null) {
                Set<String> allowed = new java.util.LinkedHashSet<>(List.of("none"));
                allowed.addAll(words.keySet());
                // An unreadable declaration is still a declaration: no policy may run on it.
                conf.problem("cuff.contraindication", ConfigEntries.notOneOf(w.trim(), allowed));
                return out;
            }
            out.add(c);
        }
        return out;
    }

    private Optional<CuffTherapy.QuietHours> quietHours() {
        Optional<String> text = conf.string("cuff.quiet_hours");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = QUIET.matcher(text.get().trim());
        if (!m.matches() || m.group(1).equals(m.group(2))) {
            conf.problem("cuff.quiet_hours", InputText.quote(text.get()) + " is not two different 24-hour times "
                    + "HH:MM-HH:MM (e.g. 02:00-06:00)");
            return Optional.empty();
        }
        return Optional.of(new CuffTherapy.QuietHours(LocalTime.parse(pad(m.group(1))), LocalTime.parse(pad(m.group(2)))));
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    private Optional<WebConfig> web() {
        boolean enabled = conf.bool("web.enabled", WebConfig.DEFAULT.enabled());
        if (!enabled) {
            return Optional.of(WebConfig.OFF);
        }
        int before = conf.problemCount();
        String bind = conf.string("web.bind").orElse(WebConfig.DEFAULT.bind());
        int port = conf.intRange("web.port", WebConfig.DEFAULT.port(), 1, 65535);
        boolean plaintextOk = conf.bool("web.allow_plaintext", false);
        Optional<Path> cert = conf.path("web.https.certificate");
        Optional<Path> key = conf.path("web.https.key");
        cert.ifPresent(c -> conf.readable("web.https.certificate", c));
        key.ifPresent(k -> conf.readable("web.https.key", k));
        if (cert.isPresent() != key.isPresent()) {
            conf.problem(cert.isPresent() ? "web.https.certificate" : "web.https.key",
                    "web.https.certificate and web.https.key go together: set both or neither");
        }
        if (cert.isEmpty() && !plaintextOk && !WebConfig.loopback(bind)) {
            conf.problem("web.bind", InputText.quote(bind) + " serves patient data over plain HTTP on the network: set "
                    + "web.https.certificate and web.https.key, or web.allow_plaintext = true");
        }
        if (conf.problemCount() != before) {
            return Optional.empty();
        }
        Optional<WebConfig.Https> https = cert.map(c -> new WebConfig.Https(c, key.orElseThrow()));
        return Optional.of(new WebConfig(true, bind, port, https, plaintextOk));
    }
}
