package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus of malformed inputs (files and argument lists), each run through the real {@code plm}
 * entry point in-process, with the exit status and the message fragment it must give. Every case
 * also checks what holds for all bad input: a message of the expected number of lines (one; two for
 * a refused configuration: the heading and its one problem), short and free of control characters,
 * nothing on standard output, and no file in the case's folder created, changed or removed.
 *
 * <p>Case names are {@code command-what}; add cases to {@link #corpus()} (issue 12 asks for 150).
 */
class BadInputCorpusTest {
    /** No message needs more: anything longer is echoing input. */
    private static final int MAX_MESSAGE = 400;
    private static final String GOOD_CSV = goodCsv(50);

    @TempDir
    Path dir;

    /**
     * @param name     {@code command-what}
     * @param files    files to create in the case's folder before the run (name to content)
     * @param setup    anything else to prepare in the folder (links, times)
     * @param args     the command line; {@code {d}} stands for the case's folder
     * @param exit     expected exit status
     * @param fragment text the message must contain
     * @param lines    lines the message must have
     */
    record Case(String name, Map<String, byte[]> files, Consumer<Path> setup, List<String> args, int exit,
                String fragment, int lines) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // ---- plm analyze: the acceleration file --------------------------------------------------------
        c.add(one("analyze-missing-file", Map.of(), "analyze {d}/nope.csv", "nope.csv: no such file"));
        c.add(one("analyze-empty-file", files("a.csv", ""), "analyze {d}/a.csv", "empty file"));
        c.add(one("analyze-header-only", files("a.csv", "t,x,y,z\n"), "analyze {d}/a.csv", "no samples after the header"));
        c.add(one("analyze-bad-header", files("a.csv", "a,b,c,d\n0,0,0,1\n"), "analyze {d}/a.csv", "header is 'a,b,c,d'"));
        c.add(one("analyze-cr-only-line-ends", files("a.csv", crOnly(30_000)), "analyze {d}/a.csv",
                "header is 't,x,y,z\\r0.000,0,0,1\\r0.010,0,0,1\\r0.020,0,...' (409007 characters)"));
        c.add(one("analyze-binary-garbage", Map.of("a.bin", garbage(7, 20_000)), "analyze {d}/a.bin", "a.bin:1: header is '"));
        c.add(one("analyze-binary-after-header", Map.of("a.csv", concat("t,x,y,z\n0,0,0,1\n".getBytes(StandardCharsets.UTF_8),
                garbage(8, 5000))), "analyze {d}/a.csv", "a.csv:3: "));
        c.add(one("analyze-non-number", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,abc,0,1\n"), "analyze {d}/a.csv",
                "a.csv:3: column x is 'abc'"));
        c.add(one("analyze-control-chars-in-field", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,\u0001\u0007,0,1\n"),
                "analyze {d}/a.csv", "column x is '\\x01\\x07'"));
        c.add(one("analyze-long-field", files("a.csv", "t,x,y,z\n0," + "9".repeat(3000) + "x,0,1\n"), "analyze {d}/a.csv",
                "...' (3001 characters)"));
        c.add(one("analyze-missing-columns", files("a.csv", "t,x,y,z\n0,0,0\n0.01,0,0,1\n"), "analyze {d}/a.csv",
                "a.csv:2: missing columns"));
        c.add(one("analyze-extra-columns", files("a.csv", "t,x,y,z\n0,0,0,1,5\n"), "analyze {d}/a.csv", "more than 4 columns"));
        c.add(one("analyze-truncated-last-line", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0"), "analyze {d}/a.csv",
                "a.csv:3: truncated line"));
        c.add(one("analyze-time-backwards", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0,0,1\n0.005,0,0,1\n"),
                "analyze {d}/a.csv", "times must increase"));
        c.add(one("analyze-nan", files("a.csv", "t,x,y,z\n0,0,0,1\nnan,0,0,1\n"), "analyze {d}/a.csv", "column t is 'nan'"));
        c.add(one("analyze-huge-acceleration", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,100,0,1\n"), "analyze {d}/a.csv",
                "g is outside"));
        c.add(one("analyze-one-sample", files("a.csv", "t,x,y,z\n0,0,0,1\n"), "analyze {d}/a.csv", "two samples"));
        c.add(one("analyze-rate-too-low", files("a.csv", "t,x,y,z\n0,0,0,1\n1,0,0,1\n2,0,0,1\n"), "analyze {d}/a.csv",
                "outside 10-1000 Hz"));
        c.add(one("analyze-bom-then-garbage-header", files("a.csv", "\uFEFFtime,x\n0,1\n"), "analyze {d}/a.csv",
                "header is 'time,x'"));
        c.add(one("analyze-directory-as-input", Map.of(), "analyze {d}", "plm: "));
        // ---- plm analyze: options and outputs -----------------------------------------------------------
        c.add(one("analyze-json-is-the-input", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --json {d}/a.csv",
                "refusing to write over an input"));
        c.add(one("analyze-csv-is-the-input", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --csv {d}/a.csv",
                "refusing to write over an input"));
        c.add(one("analyze-json-is-the-right-input", files("l.csv", GOOD_CSV, "r.csv", GOOD_CSV),
                "analyze --left {d}/l.csv --right {d}/r.csv --json {d}/r.csv", "--json " + "{d}/r.csv: is the input file"));
        c.add(one("analyze-json-same-file-other-spelling", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --json {d}/./a.csv",
                "refusing to write over an input"));
        c.add(new Case("analyze-json-link-to-input", files("a.csv", GOOD_CSV), d -> link(d.resolve("out.json"), d.resolve("a.csv")),
                split("analyze {d}/a.csv --json {d}/out.json"), 2, "refusing to write over an input", 1));
        c.add(one("analyze-json-missing-folder", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --json {d}/no/such/out.json",
                "/no/such does not exist"));
        c.add(one("analyze-csv-missing-folder", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --csv {d}/nope/m.csv",
                "/nope does not exist"));
        c.add(new Case("analyze-json-empty-path", files("a.csv", GOOD_CSV), d -> { },
                List.of("analyze", "{d}/a.csv", "--json", ""), 2, "--json: empty path: expected a file name", 1));
        c.add(one("analyze-json-is-a-directory", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --json {d}",
                "is a directory: expected a file name"));
        c.add(one("analyze-json-full-device", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --json /dev/full",
                "--json /dev/full: cannot write: no space left on device"));
        c.add(one("analyze-csv-full-device", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --csv /dev/full",
                "--csv /dev/full: cannot write: no space left on device"));
        c.add(one("analyze-file-and-left", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --left {d}/a.csv", "not both"));
        c.add(one("analyze-no-input", Map.of(), "analyze", "missing input"));
        c.add(one("analyze-bad-standard", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --standard rk", "--standard"));
        c.add(one("analyze-unknown-option", Map.of(), "analyze --frobnicate", "Unknown option"));
        // ---- plm generate-night -------------------------------------------------------------------------
        c.add(one("generate-night-hours-zero", Map.of(), "generate-night --out {d}/n --hours 0", "--hours 0.0 is outside 0.02-48"));
        c.add(one("generate-night-hours-negative", Map.of(), "generate-night --out {d}/n --hours -3", "--hours -3.0 is outside"));
        c.add(one("generate-night-hours-too-long", Map.of(), "generate-night --out {d}/n --hours 49", "--hours 49.0 is outside"));
        c.add(one("generate-night-hours-not-a-number", Map.of(), "generate-night --out {d}/n --hours many", "--hours"));
        c.add(one("generate-night-rate-too-low", Map.of(), "generate-night --out {d}/n --rate 10", "--rate 10.0 is outside 25-100"));
        c.add(one("generate-night-plm-rate-too-high", Map.of(), "generate-night --out {d}/n --plm-per-hour 500",
                "--plm-per-hour 500.0 is outside 0-120"));
        c.add(one("generate-night-out-is-a-file", files("f.txt", "keep me"), "generate-night --out {d}/f.txt --hours 0.02",
                "f.txt: is a file: expected a directory"));
        c.add(new Case("generate-night-out-empty", Map.of(), d -> { }, List.of("generate-night", "--out", "", "--hours", "0.02"),
                2, "--out: empty path", 1));
        c.add(one("generate-night-out-missing", Map.of(), "generate-night", "--out"));
        // ---- plm status ---------------------------------------------------------------------------------
        c.add(one("status-never-ran", Map.of(), "status --dir {d}", "no status at"));
        c.add(one("status-damaged-text", files("status.txt", "garbage\n"), "status --dir {d}", "damaged status file"));
        c.add(one("status-damaged-json", files("status.json", "{"), "status --dir {d} --json", "damaged status file"));
        c.add(one("status-cut-short", files("status.txt", "updated 2026-05-04T08:00:00Z\nclock: synced\n"),
                "status --dir {d}", "is cut short"));
        c.add(one("status-binary", Map.of("status.txt", garbage(3, 3000)), "status --dir {d}", "damaged status file"));
        c.add(one("status-bad-update-time", files("status.txt", "updated yesterday\ncuff: not configured\n"),
                "status --dir {d}", "no valid update time"));
        c.add(new Case("status-stale", files("status.txt", "updated 2026-05-04T08:00:00Z\ncuff: not configured\n"),
                d -> age(d.resolve("status.txt")), split("status --dir {d}"), 3, "the daemon is not running", 1));
        // ---- configuration (read by plm status --config, which refuses before anything else) ------------
        c.add(one("config-missing", Map.of(), "status --config {d}/nope.conf", 2,
                "nope.conf: cannot read the configuration file: no such file or directory", 2));
        c.add(one("config-is-a-directory", Map.of(), "status --config {d}", 2, "cannot read the configuration file: is a directory", 2));
        c.add(one("config-not-utf8", Map.of("p.conf", concat("time_zone = UTC\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'d', 'e', 'v', 'i', 'c', 'e', '.', 'i', 'd', ' ', '=', ' ', (byte) 0xff, '\n'})),
                "status --config {d}/p.conf", 2, "p.conf:2: not UTF-8 text", 2));
        c.add(one("config-bom-is-accepted", files("p.conf", "\uFEFFsensor.left.type = simulator\nstore.path = {d}/data/plm.db\n"),
                "status --config {d}/p.conf", 2, "no status at", 1));
        c.add(one("config-bom-then-bad-value", files("p.conf", "\uFEFFsensor.left.type = bogus\n"), "status --config {d}/p.conf",
                2, "p.conf:1: key 'sensor.left.type': 'bogus' is not one of", 2));
        c.add(one("config-typo-rate", files("p.conf", "sensor.left.type = simulator\nsensor.left.rate = 50\n"),
                "status --config {d}/p.conf", 2, "did you mean 'sensor.left.rate_hz'?", 2));
        c.add(one("config-simulators-right-seed", files("p.conf",
                "sensor.left.type = simulator\nsensor.right.type = simulator\nsensor.right.seed = 2\n"),
                "status --config {d}/p.conf", 2, "p.conf:3: key 'sensor.right.seed': 2 differs from sensor.left.seed (1)", 2));
        c.add(one("config-simulators-right-rate", files("p.conf",
                "sensor.left.type = simulator\nsensor.left.rate_hz = 100\nsensor.right.type = simulator\nsensor.right.rate_hz = 25\n"),
                "status --config {d}/p.conf", 2, "p.conf:4: key 'sensor.right.rate_hz': 25 differs", 2));
        c.add(one("config-not-key-value", files("p.conf", "this is not a config\n"), "status --config {d}/p.conf", 2,
                "p.conf:1: 'this is not a config' is not 'key = value'", 2));
        c.add(one("config-long-line", files("p.conf", "x".repeat(5000) + " y\n"), "status --config {d}/p.conf", 2,
                "...' (5002 characters) is not 'key = value'", 2));
        c.add(one("config-control-chars", files("p.conf", "sensor.left.type = simulator\ndevice.id = a\u0001b\n"),
                "status --config {d}/p.conf", 2, "'a\\x01b' is not 1-64", 2));
        c.add(one("config-bad-number", files("p.conf", "sensor.left.type = simulator\nstore.retention_days = lots\n"),
                "status --config {d}/p.conf", 2, "'lots' is not a whole number", 2));
        c.add(one("config-unknown-key", files("p.conf", "sensor.left.type = simulator\ncolour = blue\n"),
                "status --config {d}/p.conf", 2, "key 'colour': unknown key", 2));
        c.add(one("config-bad-time", files("p.conf", "sensor.left.type = simulator\nnight.start = 25:00\n"),
                "status --config {d}/p.conf", 2, "'25:00' is not a 24-hour time", 2));
        c.add(one("config-store-is-the-replay-file", files("r.csv", GOOD_CSV, "p.conf",
                "sensor.left.type = replay\nsensor.left.file = {d}/r.csv\nstore.path = {d}/r.csv\n"),
                "status --config {d}/p.conf", 2, "key 'store.path': '{d}/r.csv' is the input file", 2));
        c.add(one("config-store-is-the-config-file", files("p.conf", "sensor.left.type = simulator\nstore.path = {d}/p.conf\n"),
                "status --config {d}/p.conf", 2, "the store would write over it", 2));
        c.add(one("config-empty-value", files("p.conf", "sensor.left.type = simulator\ndevice.id =\n"),
                "status --config {d}/p.conf", 2, "key 'device.id': empty value", 2));
        c.add(one("config-key-twice", files("p.conf", "sensor.left.type = simulator\nsensor.left.type = simulator\n"),
                "status --config {d}/p.conf", 2, "set again (first set on line 1)", 2));
        c.add(one("config-nothing-to-monitor", files("p.conf", "time_zone = UTC\n"), "status --config {d}/p.conf", 2,
                "nothing to monitor", 2));
        c.add(one("config-bad-time-zone", files("p.conf", "sensor.left.type = simulator\ntime_zone = Mars/Olympus\n"),
                "status --config {d}/p.conf", 2, "'Mars/Olympus' is not a time zone id", 2));
        c.add(one("config-typo-in-type-value", files("p.conf", "sensor.left.type = simulater\n"), "status --config {d}/p.conf",
                2, "did you mean 'simulator'?", 2));
        c.add(one("config-replay-file-missing", files("p.conf", "sensor.left.type = replay\nsensor.left.file = {d}/gone.csv\n"),
                "status --config {d}/p.conf", 2, "gone.csv' does not exist or is not a file", 2));
        c.add(new Case("config-secrets-not-utf8", Map.of("p.conf", ("cuff.type = simulator\ninflux.url = http://127.0.0.1:8086\n"
                + "influx.secrets_file = {d}/s\n").getBytes(StandardCharsets.UTF_8), "s", new byte[] {'x', (byte) 0xff, '\n'}),
                d -> owner(d.resolve("s")), split("status --config {d}/p.conf"), 2, "cannot read the secrets file: not UTF-8 text", 2));
        // ---- plm score: event files read through the shared CSV reader ----------------------------------
        c.add(one("score-events-not-utf8", Map.of("e.csv", concat("onset_s,offset_s\n1,2\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, '(', ',', '3', '\n'})), "score {d}/e.csv", "e.csv:3: not UTF-8 text"));
        c.add(one("score-events-control-chars", files("e.csv", "onset_s,offset_s\n1,\u0007\n"), "score {d}/e.csv",
                "e.csv:2: offset_s '\\x07' is not a number"));
        c.add(one("score-events-long-field", files("e.csv", "onset_s,offset_s\n1," + "z".repeat(1000) + "\n"), "score {d}/e.csv",
                "(1000 characters) is not a number"));
        c.add(one("score-events-header-of-another-layout", files("e.csv", "start,end,side\n1,2,L\n"), "score {d}/e.csv",
                "e.csv:1: header is 'start,end,side': expected onset_s,offset_s[,leg]"));
        c.add(one("score-events-time-1e308", files("e.csv", "onset_s,offset_s\n1e308,1e308\n"), "score {d}/e.csv",
                "e.csv:2: onset_s '1e308' is beyond 604800 s (7 days)"));
        c.add(one("score-events-past-duration", files("e.csv", "onset_s,offset_s\n100,101\n5000,5001\n"),
                "score {d}/e.csv --duration 3600", "starts past --duration 3600.000 s"));
        c.add(one("score-sleep-header-of-another-layout", files("e.csv", "onset_s,offset_s\n1,2\n", "s.csv", "from,to\n0,100\n"),
                "score {d}/e.csv --sleep {d}/s.csv", "s.csv:1: header is 'from,to': expected onset_s,offset_s"));
        c.add(one("score-plain-edf-without-annotations", Map.of("p.edf", plainEdf()), "score {d}/p.edf",
                "holds no scored events: expected EDF+ with annotations"));
        c.add(one("simulate-device-pty-is-the-replay-file", files("r.csv", GOOD_CSV),
                "simulate-device --pty {d}/r.csv --replay {d}/r.csv", "refusing to write over an input"));
        c.add(one("simulate-device-pty-is-the-right-replay-file", files("l.csv", GOOD_CSV, "r.csv", GOOD_CSV),
                "simulate-device --pty {d}/r.csv --replay {d}/l.csv --replay-right {d}/r.csv", "refusing to write over an input"));
        c.add(one("simulate-device-hours-zero", Map.of(), "simulate-device --pty /dev/null --night 1 --hours 0",
                "--hours 0.0 is outside 0.02-48"));
        c.add(one("simulate-device-rate-too-high", Map.of(), "simulate-device --pty /dev/null --night 1 --rate 400",
                "--rate 400.0 is outside 25-100"));
        c.add(one("simulate-device-bad-role", Map.of(), "simulate-device --pty /dev/null --night 1 --role pump", "--role"));
        c.add(one("night-bad-word", Map.of(), "night sometimes --dir {d}", "'sometimes' is not start or end"));
        // ---- the rest --------------------------------------------------------------------------------
        c.add(one("simulate-device-no-pty", Map.of(), "simulate-device --pty {d}/nope --night 1", "no such pseudo-terminal"));
        c.add(one("plm-unknown-command", Map.of(), "frobnicate", "Unmatched argument"));
        c.add(one("plm-no-command", Map.of(), "", "a subcommand is required"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputGetsOneClearMessageAndTouchesNothing(Case c) throws Exception {
        Path d = Files.createDirectories(dir.resolve(c.name()));
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Files.write(d.resolve(f.getKey()), new String(f.getValue(), StandardCharsets.ISO_8859_1)
                    .replace("{d}", d.toString()).getBytes(StandardCharsets.ISO_8859_1));
        }
        c.setup().accept(d);
        Map<String, String> before = snapshot(d);
        String[] args = c.args().stream().map(a -> a.replace("{d}", d.toString())).toArray(String[]::new);

        CommandLine cl = PlmCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);

        String msg = err.toString();
        assertEquals(c.exit(), code, "exit status; message: " + msg);
        assertTrue(msg.contains(c.fragment().replace("{d}", d.toString())),
                "message lacks '" + c.fragment() + "': " + msg);
        assertEquals(c.lines(), msg.lines().count(), "lines of: " + msg);
        assertTrue(msg.length() <= MAX_MESSAGE, msg.length() + " characters: " + msg);
        assertTrue(msg.chars().allMatch(ch -> ch == '\n' || ch >= 0x20 && ch != 0x7f), "control character in: " + msg);
        if (c.exit() == 2) {
            assertEquals("", out.toString(), "nothing on standard output");
        }
        assertEquals(before, snapshot(d), "files in the case folder");
    }

    // ---- building cases -----------------------------------------------------------------------------

    private static Case one(String name, Map<String, byte[]> files, String args, String fragment) {
        return one(name, files, args, 2, fragment, 1);
    }

    private static Case one(String name, Map<String, byte[]> files, String args, int exit, String fragment) {
        return one(name, files, args, exit, fragment, 1);
    }

    private static Case one(String name, Map<String, byte[]> files, String args, int exit, String fragment, int lines) {
        return new Case(name, files, d -> { }, split(args), exit, fragment, lines);
    }

    private static List<String> split(String args) {
        return args.isEmpty() ? List.of() : Arrays.asList(args.split(" "));
    }

    private static Map<String, byte[]> files(String... nameThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            m.put(nameThenText[i], nameThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String goodCsv(int rows) {
        StringBuilder b = new StringBuilder("t,x,y,z\n");
        for (int i = 0; i < rows; i++) {
            b.append(i / 50.0).append(",0,0,1\n");
        }
        return b.toString();
    }

    /** A file whose line ends are bare CRs: to a reader of LF lines, one line of the whole file. */
    private static String crOnly(int rows) {
        StringBuilder b = new StringBuilder("t,x,y,z\r");
        for (int i = 0; i < rows; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%.3f,0,0,1\r", i / 100.0));
        }
        return b.toString();
    }

    /** Seeded random bytes, control bytes and all, without a newline (one "line"). */
    private static byte[] garbage(long seed, int n) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            byte v = (byte) r.nextInt(256);
            b[i] = v == '\n' ? 0 : v;
        }
        return b;
    }

    /** A valid plain EDF (not EDF+): one record of one second, one ordinary signal, no annotation signal. */
    private static byte[] plainEdf() {
        StringBuilder h = new StringBuilder();
        h.append(pad("0", 8)).append(pad("X X X X", 80)).append(pad("Startdate X X X X", 80))
                .append(pad("01.01.26", 8)).append(pad("22.00.00", 8)).append(pad("512", 8)).append(pad("", 44))
                .append(pad("1", 8)).append(pad("1", 8)).append(pad("1", 4));
        h.append(pad("EMG", 16)).append(pad("", 80)).append(pad("uV", 8)).append(pad("-100", 8)).append(pad("100", 8))
                .append(pad("-32768", 8)).append(pad("32767", 8)).append(pad("", 80)).append(pad("1", 8)).append(pad("", 32));
        return concat(h.toString().getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0});
    }

    private static String pad(String s, int n) {
        return (s + " ".repeat(n)).substring(0, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void owner(Path f) {
        try {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void age(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every file under the folder with a digest of its content (links by their target). */
    private static Map<String, String> snapshot(Path d) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String key = d.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    m.put(key, digest(Files.readAllBytes(p)));
                } else {
                    m.put(key, "dir");
                }
            }
        }
        return m;
    }

    private static String digest(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
