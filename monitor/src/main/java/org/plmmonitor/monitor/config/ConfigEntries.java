package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.bridge.i2c.AccelerometerPart;
import org.plmmonitor.monitor.influx.InfluxConfig;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
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
 * The {@code key = value} lines of one configuration file, read as typed values. A bad value is recorded
 * as a problem naming file, line and key, and the caller gets a fallback so that reading goes on and
 * every problem is found in one pass. Keys never read are reported at the end as unknown or misplaced.
 */
final class ConfigEntries {
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*=\\s*(.*)");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    /** A malformed line that may hold a secret is not quoted back. */
    private static final Pattern SECRET_WORDS = Pattern.compile("(?i).*(pass|token|secret).*");

    private final String file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private record Entry(int line, String value) {
    }

    ConfigEntries(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    void add(ConfigProblem problem) {
        problems.add(problem);
    }

    /** @return the problem list itself, for readers of other files (the secrets) to add to */
    List<ConfigProblem> sink() {
        return problems;
    }

    int problemCount() {
        return problems.size();
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    void split(String text) {
        // A leading byte order mark (some Windows editors write one) is not part of the first key.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add(new ConfigProblem(file, lineNo, "", SECRET_WORDS.matcher(line).matches()
                        ? "line is not 'key = value' (its text is not shown: it may hold a secret)"
                        : InputText.quote(line) + " is not 'key = value'"));
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


    Optional<String> string(String key) {
        used.add(key);
        Entry e = entries.get(key);
        return e == null || e.value.isEmpty() ? Optional.empty() : Optional.of(e.value);
    }

    /** Marks a section's keys as read: after a bad type, "does not apply" for each of them is noise. */
    void silence(String prefix) {
        entries.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(used::add);
    }

    void problem(String key, String message) {
        Entry e = entries.get(key);
        String hint = e != null && e.value.contains(" #") ? " (a comment goes on a line of its own)" : "";
        problems.add(new ConfigProblem(file, e == null ? 0 : e.line, key, message + hint));
    }

    Optional<Path> required(String key, String what) {
        Optional<Path> p = path(key);
        if (p.isEmpty() && !entries.containsKey(key)) {
            problem(key, "missing: " + what);
        }
        return p;
    }

    Optional<Path> path(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text.get()));
        } catch (InvalidPathException e) {
            problem(key, InputText.quote(text.get()) + " is not a file path: " + e.getReason());
            return Optional.empty();
        }
    }

    /**
     * Builds a subsystem's config record; its own validation failing becomes a problem on {@code key}'s line.
     * The loader checks each value first with a message of its own, so this is the net under those checks.
     */
    <T> Optional<T> record(String key, java.util.function.Supplier<T> build) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException invalid) {
            problem(key, invalid.getMessage());
            return Optional.empty();
        }
    }

    void readable(String key, Path path) {
        if (!Files.isRegularFile(path)) {
            problem(key, "'" + InputText.escape(path.toString()) + "'" + " does not exist or is not a file");
        } else if (!Files.isReadable(path)) {
            problem(key, "'" + InputText.escape(path.toString()) + "'" + " cannot be read by user " + System.getProperty("user.name"));
        }
    }

    Optional<String> name(String key) {
        Optional<String> text = string(key);
        if (text.isPresent() && !InfluxConfig.NAME.matcher(text.get()).matches()) {
            problem(key, InputText.quote(text.get()) + " is not a plain name (letters, digits and '_', not starting with a "
                    + "digit; at most 64)");
            return Optional.empty();
        }
        return text;
    }

    <T> T choice(String key, T fallback, Map<String, T> options) {
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

    static String notOneOf(String text, Set<String> allowed) {
        return InputText.quote(text) + " is not one of " + String.join(", ", allowed)
                + ConfigKeys.closest(text, allowed).map(a -> "; did you mean '" + a + "'?").orElse("");
    }

    static <E> Map<String, E> enumNames(E[] values, Function<E, String> name) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E v : values) {
            map.put(name.apply(v), v);
        }
        return map;
    }

    boolean bool(String key, boolean fallback) {
        Map<String, Boolean> options = new LinkedHashMap<>();
        options.put("true", true);
        options.put("false", false);
        return choice(key, fallback, options);
    }

    Optional<Long> integer(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            problem(key, InputText.quote(text.get()) + " is not a whole number");
            return Optional.empty();
        }
    }

    long longValue(String key, long fallback) {
        return integer(key).orElse(fallback);
    }

    int intRange(String key, int fallback, int min, int max) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            problem(key, v.get() + " is not between " + min + " and " + max);
            return fallback;
        }
        return v.map(Long::intValue).orElse(fallback);
    }

    int intOneOf(String key, int fallback, List<Integer> allowed) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && (v.get() != v.get().intValue() || !allowed.contains(v.get().intValue()))) {
            problem(key, v.get() + " is not one of " + Checks.join(allowed));
            return fallback;
        }
        return v.map(Long::intValue).orElse(fallback);
    }

    double doubleRange(String key, double fallback, double min, double max) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(text.get());
        } catch (NumberFormatException e) {
            problem(key, InputText.quote(text.get()) + " is not a number");
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

    Optional<LocalTime> time(String key, LocalTime fallback) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.of(fallback);
        }
        Matcher m = TIME.matcher(text.get());
        if (!m.matches()) {
            problem(key, InputText.quote(text.get()) + " is not a 24-hour time HH:MM (e.g. 21:30)");
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    int address(String key, AccelerometerPart chip) {
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
            problem(key, InputText.quote(text.get()) + " is not an address like 0x53");
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            problem(key, text.get() + " is not one of " + allowedText + " (the " + chip.name() + "'s addresses)");
            return allowed.get(0);
        }
        return value;
    }

    /**
     * Reports the keys never read: unknown ones always, known ones only within the scope of what was read.
     *
     * @param scope the known keys the reader is responsible for (a reader of one section leaves the others'
     *              keys alone)
     */
    void reportUnused(java.util.function.Predicate<String> scope) {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            String key = e.getKey();
            if (used.contains(key) || ConfigKeys.known(key) && !scope.test(key)) {
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
    }}
