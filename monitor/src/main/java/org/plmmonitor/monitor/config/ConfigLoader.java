package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code plm.conf} into a {@link MonitorConfig}.
 *
 * <p>Format: one {@code key = value} per line; blank lines and lines starting with {@code #} or {@code ;}
 * are ignored; a value runs to the end of the line (no inline comments, so paths and URLs need no
 * quoting). Each key may appear once. Every key is optional; a missing key takes the default documented
 * in {@code deploy/plm.conf}. Every problem found is collected and reported together.
 */
public final class ConfigLoader {
    /** Where the package installs the configuration. */
    public static final Path DEFAULT_PATH = Path.of("/etc/plm-monitor/plm.conf");
    /** Where the package installs the secrets file. */
    public static final Path DEFAULT_SECRETS = Path.of("/etc/plm-monitor/secrets");

    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*=\\s*(.*)");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    private final String file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private record Entry(int line, String value) {
    }

    private ConfigLoader(String file) {
        this.file = file;
    }

    /**
     * Reads and validates a configuration file, and the secrets file it names when InfluxDB is configured.
     *
     * @param path the configuration file
     * @return the validated configuration
     * @throws ConfigException every problem found, each naming file, line and key
     */
    public static MonitorConfig load(Path path) throws ConfigException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(path.toString(), 0, "",
                    "cannot read the configuration file: " + e), e);
        }
        return parse(path.toString(), text);
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
        loader.split(text);
        MonitorConfig config = loader.build();
        loader.reportUnused();
        if (!loader.problems.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(loader.problems);
            sorted.sort(Comparator.comparing((ConfigProblem p) -> !p.file().equals(fileName))
                    .thenComparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
            throw new ConfigException(sorted);
        }
        return config;
    }

    private void split(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add(new ConfigProblem(file, lineNo, "", "'" + line + "' is not 'key = value'"));
                continue;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).strip();
            Entry previous = entries.get(key);
            if (previous != null) {
                problems.add(new ConfigProblem(file, lineNo, key, "set again (first set on line " + previous.line + ")"));
            } else if (value.isEmpty()) {
                problems.add(new ConfigProblem(file, lineNo, key, "empty value: remove the line to use the default"));
                entries.put(key, new Entry(lineNo, value));
                used.add(key);
            } else {
                entries.put(key, new Entry(lineNo, value));
            }
        }
    }

    // ---- building -------------------------------------------------------------------------------

    private MonitorConfig build() {
        MonitorConfig.Builder b = MonitorConfig.builder();
        b.timeZone(timeZone());
        String patient = string("patient.id").orElse(MonitorConfig.DEFAULT_PATIENT_ID);
        if (MonitorConfig.ID.matcher(patient).matches()) {
            b.patientId(patient);
        } else {
            problem("patient.id", "'" + patient + "' is not a pseudonym of 1-64 letters, digits, '-' or '_'"
                    + " (it is sent to InfluxDB as a tag: never use a name)");
        }
        String device = string("device.id").orElse(MonitorConfig.DEFAULT_DEVICE_ID);
        if (MonitorConfig.ID.matcher(device).matches()) {
            b.deviceId(device);
        } else {
            problem("device.id", "'" + device + "' is not 1-64 letters, digits, '-' or '_'");
        }
        night().ifPresent(b::night);
        b.standard(choice("analysis.standard", ScoringStandard.WASM2016, enumNames(ScoringStandard.values(),
                ScoringStandard::cliName)));
        store().ifPresent(b::store);

        Map<Leg, SensorConfig> sensors = new LinkedHashMap<>();
        for (String leg : ConfigKeys.LEGS) {
            sensor(leg).ifPresent(s -> sensors.put(Leg.parse(leg), s));
        }
        sensors.forEach(b::sensor);
        checkDistinctDevices(sensors);
        Optional<CuffConfig> cuff = cuff();
        cuff.ifPresent(b::cuff);
        cuff.flatMap(CuffConfig::path).ifPresent(cuffPath -> sensors.values().forEach(s -> {
            if (s instanceof SensorConfig.Serial serial && serial.path().equals(cuffPath) && serial.baud() != cuffBaud(cuff)) {
                problem("cuff.baud", cuffBaud(cuff) + " differs from the baud of the sensor on the same device "
                        + cuffPath + " (" + serial.baud() + ")");
            }
        }));
        if (sensors.isEmpty() && cuff.isEmpty() && problems.isEmpty()) {
            problems.add(new ConfigProblem(file, 0, "", "nothing to monitor: set sensor.left.type and/or "
                    + "sensor.right.type (or cuff.type)"));
        }
        influx().ifPresent(b::influx);
        web().ifPresent(b::web);
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // The checks above mirror the records' invariants; this catches a mismatch between the two.
            problems.add(new ConfigProblem(file, 0, "", e.getMessage()));
            return null;
        }
    }

    private ZoneId timeZone() {
        Optional<String> text = string("time_zone");
        if (text.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text.get());
        } catch (DateTimeException e) {
            problem("time_zone", "'" + text.get() + "' is not a time zone id"
                    + ConfigKeys.closest(text.get(), ZoneId.getAvailableZoneIds())
                    .map(z -> "; did you mean '" + z + "'?").orElse(" (e.g. Europe/Berlin, UTC)"));
            return ZoneId.systemDefault();
        }
    }

    private Optional<NightConfig> night() {
        NightConfig.Mode mode = choice("night.mode", NightConfig.DEFAULT.mode(),
                enumNames(NightConfig.Mode.values(), NightConfig.Mode::configName));
        Optional<LocalTime> start = time("night.start", NightConfig.DEFAULT.start());
        Optional<LocalTime> end = time("night.end", NightConfig.DEFAULT.end());
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        if (start.get().equals(end.get())) {
            problem(entries.containsKey("night.end") ? "night.end" : "night.start",
                    "night.start and night.end are both " + start.get() + ": a night needs a window");
            return Optional.empty();
        }
        return Optional.of(new NightConfig(mode, start.get(), end.get()));
    }

    private Optional<StoreConfig> store() {
        int before = problems.size();
        Optional<Path> path = path("store.path");
        int days = intRange("store.retention_days", StoreConfig.DEFAULT.retentionDays(), 1,
                StoreConfig.MAX_RETENTION_DAYS);
        int rawDays = intRange("store.raw_retention_days", Math.min(days, StoreConfig.DEFAULT.rawRetentionDays()), 1,
                StoreConfig.MAX_RETENTION_DAYS);
        long maxMib = longValue("store.max_database_mb", 0);
        if (path.isPresent() && !path.get().isAbsolute()) {
            problem("store.path", "'" + path.get() + "' is not an absolute path");
        }
        if (rawDays > days) {
            problem("store.raw_retention_days", rawDays + " is more than store.retention_days (" + days
                    + "): raw signal cannot outlive its night");
        }
        if (maxMib != 0 && (maxMib < 1 || maxMib > StoreConfig.MAX_DATABASE_MIB)) {
            problem("store.max_database_mb", maxMib + " is not 0 (no cap) or between 1 and " + StoreConfig.MAX_DATABASE_MIB);
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new StoreConfig(path.orElse(StoreConfig.DEFAULT.path()), days, rawDays, maxMib << 20));
    }

    private Optional<SensorConfig> sensor(String leg) {
        String p = "sensor." + leg + ".";
        Map<String, String> types = new LinkedHashMap<>();
        for (SensorConfig.Chip chip : SensorConfig.Chip.values()) {
            types.put(chip.typeName(), chip.typeName());
        }
        types.put("serial", "serial");
        types.put("simulator", "simulator");
        types.put("replay", "replay");
        Optional<String> typeText = string(p + "type");
        if (typeText.isEmpty()) {
            return Optional.empty();
        }
        String type = types.get(typeText.get().toLowerCase(Locale.ROOT));
        if (type == null) {
            problem(p + "type", notOneOf(typeText.get(), types.keySet()));
            silence(p);
            return Optional.empty();
        }
        int before = problems.size();
        SensorConfig sensor;
        switch (type) {
            case "serial" -> {
                int baud = intOneOf(p + "baud", SensorConfig.DEFAULT_BAUD, SensorConfig.BAUD_RATES);
                Optional<Path> path = required(p + "path", "the serial device, e.g. /dev/plm-sensor");
                sensor = path.map(d -> new SensorConfig.Serial(d, baud)).orElse(null);
            }
            case "simulator" -> {
                int rate = intOneOf(p + "rate_hz", SensorConfig.DEFAULT_RATE_HZ, SensorConfig.RATES_HZ);
                long seed = longValue(p + "seed", 1L);
                double speed = doubleRange(p + "speed", 1.0, SensorConfig.MIN_SPEED, SensorConfig.MAX_SPEED);
                sensor = new SensorConfig.Simulator(seed, speed, rate);
            }
            case "replay" -> {
                double speed = doubleRange(p + "speed", 1.0, SensorConfig.MIN_SPEED, SensorConfig.MAX_SPEED);
                Optional<Path> f = required(p + "file", "the recording to replay");
                f.ifPresent(x -> readable(p + "file", x));
                sensor = f.map(x -> new SensorConfig.Replay(x, speed)).orElse(null);
            }
            default -> {
                SensorConfig.Chip chip = SensorConfig.Chip.valueOf(
                        type.substring("i2c-".length()).toUpperCase(Locale.ROOT));
                int rate = intOneOf(p + "rate_hz", SensorConfig.DEFAULT_RATE_HZ, SensorConfig.RATES_HZ);
                int bus = intRange(p + "bus", SensorConfig.I2c.DEFAULT_BUS, 0, 31);
                int address = address(p + "address", chip);
                int range = intOneOf(p + "range_g", SensorConfig.I2c.DEFAULT_RANGE_G, chip.rangesG());
                sensor = new SensorConfig.I2c(chip, bus, address, rate, range);
            }
        }
        return problems.size() == before ? Optional.ofNullable(sensor) : Optional.empty();
    }

    private static int cuffBaud(Optional<CuffConfig> cuff) {
        return cuff.map(CuffConfig::baud).orElse(SensorConfig.DEFAULT_BAUD);
    }

    /** One serial board may carry both legs (and the cuff); one I2C address holds one chip only. */
    private void checkDistinctDevices(Map<Leg, SensorConfig> sensors) {
        if (sensors.get(Leg.LEFT) instanceof SensorConfig.Serial l && sensors.get(Leg.RIGHT) instanceof SensorConfig.Serial r
                && l.path().equals(r.path()) && l.baud() != r.baud()) {
            problem("sensor.right.baud", r.baud() + " differs from sensor.left.baud (" + l.baud() + ") on the same device "
                    + r.path());
        }
        if (sensors.get(Leg.LEFT) instanceof SensorConfig.I2c l && sensors.get(Leg.RIGHT) instanceof SensorConfig.I2c r
                && l.bus() == r.bus() && l.address() == r.address()) {
            int other = r.chip().addresses().stream().filter(a -> a != r.address()).findFirst().orElseThrow();
            problem("sensor.right.address", String.format("bus %d address 0x%02x is also the left sensor's: "
                    + "strap one chip to its other address (0x%02x)", r.bus(), r.address(), other));
        }
    }

    private Optional<CuffConfig> cuff() {
        Map<String, Optional<CuffConfig.Link>> links = new LinkedHashMap<>();
        links.put("none", Optional.empty());
        links.put("serial", Optional.of(CuffConfig.Link.SERIAL));
        links.put("simulator", Optional.of(CuffConfig.Link.SIMULATOR));
        int atStart = problems.size();
        Optional<CuffConfig.Link> link = choice("cuff.type", Optional.empty(), links);
        if (problems.size() != atStart) {
            silence("cuff.");
        }
        if (link.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.size();
        Optional<Path> path = Optional.empty();
        int baud = SensorConfig.DEFAULT_BAUD;
        if (link.get() == CuffConfig.Link.SERIAL) {
            path = required("cuff.path", "the cuff controller's serial device, e.g. /dev/plm-cuff");
            baud = intOneOf("cuff.baud", SensorConfig.DEFAULT_BAUD, SensorConfig.BAUD_RATES);
        }
        int pressure = intRange("cuff.max_pressure_mmhg", CuffConfig.DEFAULT_MAX_PRESSURE_MMHG,
                CuffConfig.MIN_PRESSURE_MMHG, CuffConfig.HARD_MAX_PRESSURE_MMHG);
        int inflation = intRange("cuff.max_inflation_s", CuffConfig.DEFAULT_MAX_INFLATION_S,
                CuffConfig.MIN_INFLATION_S, CuffConfig.MAX_INFLATION_S);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new CuffConfig(link.get(), path, baud, pressure, Duration.ofSeconds(inflation)));
    }

    private Optional<InfluxConfig> influx() {
        Optional<String> urlText = string("influx.url");
        if (urlText.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.size();
        URI url = null;
        try {
            url = new URI(urlText.get());
            boolean httpish = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            boolean bare = url.getPath() == null || url.getPath().isEmpty() || "/".equals(url.getPath());
            if (url.getRawUserInfo() != null) {
                // A password in the URL must not reach the log through this message.
                problem("influx.url", "holds a user (and maybe a password): put the user in influx.username and "
                        + "the password in the secrets file");
                url = null;
            } else if (!httpish || url.getHost() == null || !bare || url.getQuery() != null) {
                problem("influx.url", "'" + urlText.get() + "' is not http://HOST[:PORT] or https://HOST[:PORT]"
                        + " (no path, no user: the user goes in influx.username)");
                url = null;
            }
        } catch (URISyntaxException e) {
            // Mask a user:password part, should the malformed URL hold one.
            String shown = urlText.get().replaceFirst("//[^/]*@", "//***@");
            problem("influx.url", "'" + shown + "' is not a URL: " + e.getReason());
        }
        String database = name("influx.database").orElse(InfluxConfig.DEFAULT_DATABASE);
        Optional<String> policy = name("influx.retention_policy");
        boolean createDatabase = bool("influx.create_database", true);
        Optional<String> username = name("influx.username");
        boolean plaintextOk = bool("influx.allow_plaintext", false);
        Optional<Path> ca = path("influx.ca_file");
        ca.ifPresent(c -> readable("influx.ca_file", c));
        if (url != null && "http".equals(url.getScheme())) {
            if (ca.isPresent()) {
                problem("influx.ca_file", "is set but influx.url is http: use https://");
            }
            if (!plaintextOk && !loopback(url.getHost())) {
                problem("influx.url", "plain http to " + url.getHost() + " would send patient data and the password "
                        + "unencrypted: use https:// (docs/install.md), or set influx.allow_plaintext = true on a "
                        + "network you trust");
            }
        }
        boolean secretsNamed = entries.containsKey("influx.secrets_file");
        Path secretsPath = path("influx.secrets_file").orElse(DEFAULT_SECRETS);
        int beforeSecrets = problems.size();
        Map<String, Secret> secrets = SecretsFile.read(secretsPath, secretsNamed || username.isPresent(), problems);
        boolean secretsRefused = problems.size() != beforeSecrets;
        Secret password = secrets.get("influx.password");
        Secret token = secrets.get("influx.token");
        InfluxConfig.Auth auth = new InfluxConfig.NoAuth();
        String secretsName = secretsPath.toString();
        if (password != null && token != null) {
            problems.add(new ConfigProblem(secretsName, 0, "", "holds both influx.password and influx.token: keep one"));
        } else if (username.isPresent()) {
            if (password != null) {
                auth = new InfluxConfig.PasswordAuth(username.get(), password);
            } else if (secretsRefused) {
                // The secrets file's own problems are reported already.
                auth = null;
            } else {
                problem("influx.username", "is set, but " + secretsName + " has no influx.password");
            }
        } else if (password != null) {
            problems.add(new ConfigProblem(secretsName, 0, "influx.password",
                    "is set, but plm.conf has no influx.username to go with it"));
        } else if (token != null) {
            auth = new InfluxConfig.TokenAuth(token);
        }
        if (problems.size() != before || url == null || auth == null) {
            return Optional.empty();
        }
        return Optional.of(new InfluxConfig(url, database, policy, ca, auth, createDatabase));
    }

    private Optional<WebConfig> web() {
        boolean enabled = bool("web.enabled", WebConfig.DEFAULT.enabled());
        if (!enabled) {
            return Optional.of(new WebConfig(false, WebConfig.DEFAULT.bind(), WebConfig.DEFAULT.port(), Optional.empty()));
        }
        int before = problems.size();
        String bind = string("web.bind").orElse(WebConfig.DEFAULT.bind());
        int port = intRange("web.port", WebConfig.DEFAULT.port(), 1, 65535);
        boolean plaintextOk = bool("web.allow_plaintext", false);
        Optional<Path> cert = path("web.https.certificate");
        Optional<Path> key = path("web.https.key");
        cert.ifPresent(c -> readable("web.https.certificate", c));
        key.ifPresent(k -> readable("web.https.key", k));
        if (cert.isPresent() != key.isPresent()) {
            problem(cert.isPresent() ? "web.https.certificate" : "web.https.key",
                    "web.https.certificate and web.https.key go together: set both or neither");
        }
        if (cert.isEmpty() && !plaintextOk && !loopback(bind)) {
            problem("web.bind", "'" + bind + "' serves patient data over plain HTTP on the network: set "
                    + "web.https.certificate and web.https.key, or web.allow_plaintext = true");
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        Optional<WebConfig.Https> https = cert.map(c -> new WebConfig.Https(c, key.orElseThrow()));
        return Optional.of(new WebConfig(true, bind, port, https));
    }

    // ---- typed values ---------------------------------------------------------------------------

    private Optional<String> string(String key) {
        used.add(key);
        Entry e = entries.get(key);
        return e == null || e.value.isEmpty() ? Optional.empty() : Optional.of(e.value);
    }

    /** Marks a section's keys as read: after a bad type, "does not apply" for each of them is noise. */
    private void silence(String prefix) {
        entries.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(used::add);
    }

    private void problem(String key, String message) {
        Entry e = entries.get(key);
        String hint = e != null && e.value.contains(" #") ? " (a comment goes on a line of its own)" : "";
        problems.add(new ConfigProblem(file, e == null ? 0 : e.line, key, message + hint));
    }

    private Optional<Path> required(String key, String what) {
        Optional<Path> p = path(key);
        if (p.isEmpty() && !entries.containsKey(key)) {
            problem(key, "missing: " + what);
        }
        return p;
    }

    private Optional<Path> path(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text.get()));
        } catch (InvalidPathException e) {
            problem(key, "'" + text.get() + "' is not a file path: " + e.getReason());
            return Optional.empty();
        }
    }

    private void readable(String key, Path path) {
        if (!Files.isRegularFile(path)) {
            problem(key, "'" + path + "' does not exist or is not a file");
        } else if (!Files.isReadable(path)) {
            problem(key, "'" + path + "' cannot be read by user " + System.getProperty("user.name"));
        }
    }

    private Optional<String> name(String key) {
        Optional<String> text = string(key);
        if (text.isPresent() && !InfluxConfig.NAME.matcher(text.get()).matches()) {
            problem(key, "'" + text.get() + "' is not a plain name (letters, digits and '_', not starting with a "
                    + "digit; at most 64)");
            return Optional.empty();
        }
        return text;
    }

    private <T> T choice(String key, T fallback, Map<String, T> options) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return fallback;
        }
        T value = options.get(text.get().toLowerCase(Locale.ROOT));
        if (value == null) {
            problem(key, notOneOf(text.get(), options.keySet()));
            return fallback;
        }
        return value;
    }

    private static String notOneOf(String text, Set<String> allowed) {
        return "'" + text + "' is not one of " + String.join(", ", allowed)
                + ConfigKeys.closest(text, allowed).map(a -> "; did you mean '" + a + "'?").orElse("");
    }

    private static <E> Map<String, E> enumNames(E[] values, Function<E, String> name) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E v : values) {
            map.put(name.apply(v), v);
        }
        return map;
    }

    private boolean bool(String key, boolean fallback) {
        Map<String, Boolean> options = new LinkedHashMap<>();
        options.put("true", true);
        options.put("false", false);
        return choice(key, fallback, options);
    }

    private Optional<Long> integer(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            problem(key, "'" + text.get() + "' is not a whole number");
            return Optional.empty();
        }
    }

    private long longValue(String key, long fallback) {
        return integer(key).orElse(fallback);
    }

    private int intRange(String key, int fallback, int min, int max) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            problem(key, v.get() + " is not between " + min + " and " + max);
            return fallback;
        }
        return v.map(Long::intValue).orElse(fallback);
    }

    private int intOneOf(String key, int fallback, List<Integer> allowed) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && (v.get() != v.get().intValue() || !allowed.contains(v.get().intValue()))) {
            problem(key, v.get() + " is not one of " + Checks.join(allowed));
            return fallback;
        }
        return v.map(Long::intValue).orElse(fallback);
    }

    private double doubleRange(String key, double fallback, double min, double max) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(text.get());
        } catch (NumberFormatException e) {
            problem(key, "'" + text.get() + "' is not a number");
            return fallback;
        }
        if (!(v >= min && v <= max)) {
            problem(key, text.get() + " is not between " + fmt(min) + " and " + fmt(max));
            return fallback;
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private Optional<LocalTime> time(String key, LocalTime fallback) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.of(fallback);
        }
        Matcher m = TIME.matcher(text.get());
        if (!m.matches()) {
            problem(key, "'" + text.get() + "' is not a 24-hour time HH:MM (e.g. 21:30)");
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    private int address(String key, SensorConfig.Chip chip) {
        List<Integer> allowed = chip.addresses();
        String allowedText = allowed.stream().map(a -> String.format("0x%02x", a)).collect(Collectors.joining(", "));
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return allowed.get(0);
        }
        String t = text.get().toLowerCase(Locale.ROOT);
        int value;
        try {
            value = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            problem(key, "'" + text.get() + "' is not an address like 0x53");
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            problem(key, text.get() + " is not one of " + allowedText + " (the " + chip.name() + "'s addresses)");
            return allowed.get(0);
        }
        return value;
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    // ---- keys nobody read --------------------------------------------------------------------------

    private void reportUnused() {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            String key = e.getKey();
            if (used.contains(key)) {
                continue;
            }
            String message;
            if (!ConfigKeys.known(key)) {
                message = "unknown key" + ConfigKeys.suggest(key).map(s -> "; did you mean '" + s + "'?")
                        .orElse(" (deploy/plm.conf lists every key)");
            } else if (ConfigKeys.usedWhen(key).isEmpty()) {
                continue; // always read unless its section was refused, and that is reported already
            } else {
                message = "not used here: it applies only when " + ConfigKeys.usedWhen(key);
            }
            problems.add(new ConfigProblem(file, e.getValue().line, key, message));
        }
    }
}
