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
    /** Root reads a file whatever its mode (CI runs as root): a chmod 000 file is then judged by its content. */
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

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
        c.add(one("analyze-directory-as-input", Map.of(), "analyze {d}", "analyze-directory-as-input: cannot read: is a directory"));
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
        c.add(one("score-missing-file", Map.of(), "score {d}/nope.csv", "nope.csv: cannot read the file: no such file"));
        c.add(one("score-sleep-missing", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --sleep {d}/s.csv", "s.csv: cannot read the file: no such file"));
        c.add(one("score-directory", Map.of(), "score {d}", "cannot read the file: is a directory"));
        c.add(one("score-json-is-the-input", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --json {d}/e.csv", "refusing to write over an input"));
        c.add(one("score-json-is-the-sleep-input", files("e.csv", "onset_s,offset_s\n1,2\n", "s.csv", "onset_s,offset_s\n0,100\n"),
                "score {d}/e.csv --sleep {d}/s.csv --json {d}/s.csv", "refusing to write over an input"));
        c.add(one("score-csv-is-the-input", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --csv {d}/e.csv",
                "refusing to write over an input"));
        c.add(one("score-json-missing-folder", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --json {d}/no/r.json",
                "--json {d}/no/r.json: cannot write: the folder {d}/no does not exist"));
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
        // ---- plm analyze: more ways an acceleration file can be bad ------------------------------------
        c.add(one("analyze-semicolon-separator", files("a.csv", "t;x;y;z\n0;0;0;1\n"), "analyze {d}/a.csv", "a.csv:1: header is 't;x;y;z': expected t,x,y,z"));
        c.add(one("analyze-tab-separator", files("a.csv", "t\tx\ty\tz\n0\t0\t0\t1\n"), "analyze {d}/a.csv", "header is 't\\tx\\ty\\tz'"));
        c.add(one("analyze-quoted-header", files("a.csv", "\"t\",\"x\",\"y\",\"z\"\n0,0,0,1\n0.01,0,0,1\n"), "analyze {d}/a.csv", "header is '\"t\",\"x\",\"y\",\"z\"'"));
        c.add(one("analyze-quoted-number", files("a.csv", "t,x,y,z\n0,\"0.5\",0,1\n"), "analyze {d}/a.csv", "a.csv:2: column x is '\"0.5\"': expected a finite decimal number"));
        c.add(one("analyze-decimal-comma", files("a.csv", "t,x,y,z\n0,0,0,1\n0,01,0,0,1\n"), "analyze {d}/a.csv", "a.csv:3: more than 4 columns"));
        c.add(one("analyze-exponent-overflows-time", files("a.csv", "t,x,y,z\n0,0,0,1\n1e400,0,0,1\n"), "analyze {d}/a.csv", "a.csv:3: column t overflows"));
        c.add(one("analyze-exponent-huge-acceleration", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,1e5,0,1\n"), "analyze {d}/a.csv", "a.csv:3: column x = 100000.0 g is outside +-64 g"));
        c.add(one("analyze-huge-negative-acceleration", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0,-1e308,1\n"), "analyze {d}/a.csv", "a.csv:3: column y = "));
        c.add(one("analyze-infinity-spelled-out", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,Infinity,0,1\n"), "analyze {d}/a.csv", "a.csv:3: column x is 'Infinity'"));
        c.add(one("analyze-inf-short", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0,-inf,1\n"), "analyze {d}/a.csv", "column y is '-inf'"));
        c.add(one("analyze-nan-capitalised-in-z", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0,0,NaN\n"), "analyze {d}/a.csv", "column z is 'NaN'"));
        c.add(one("analyze-hex-number", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0x1,0,1\n"), "analyze {d}/a.csv", "column x is '0x1'"));
        c.add(one("analyze-empty-field", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,,0,1\n"), "analyze {d}/a.csv", "a.csv:3: column x is an empty field"));
        c.add(one("analyze-duplicate-time", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0,0,1\n0.01,0,0,1\n"), "analyze {d}/a.csv", "a.csv:4: time 0.01 s is not after the previous sample's 0.01 s"));
        c.add(one("analyze-time-backwards-after-rate-window", files("a.csv", goodCsv(3000) + "1,0,0,1\n"), "analyze {d}/a.csv", "a.csv:3002: time 1.0 s is not after the previous sample's 59.98 s"));
        c.add(one("analyze-time-backwards-after-first-chunk", files("a.csv", goodCsv(5000) + "2,0,0,1\n"), "analyze {d}/a.csv", "a.csv:5002: time 2.0 s is not after the previous sample's 99.98 s"));
        c.add(one("analyze-time-past-seven-days", files("a.csv", goodCsv(10) + "700000,0,0,1\n"), "analyze {d}/a.csv", "a.csv:12: time 700000.0 s is 700000.0 s after the first sample's 0.0 s"));
        c.add(one("analyze-crlf-bad-value", files("a.csv", "t,x,y,z\r\n0,0,0,1\r\n0.01,oops,0,1\r\n"), "analyze {d}/a.csv", "a.csv:3: column x is 'oops': expected"));
        c.add(one("analyze-bom-then-bad-row", files("a.csv", "\uFEFFt,x,y,z\n0,0,0,1\n0.01,0,zz,1\n"), "analyze {d}/a.csv", "a.csv:3: column y is 'zz'"));
        c.add(one("analyze-bom-only", files("a.csv", "\uFEFF"), "analyze {d}/a.csv", "a.csv:1: header is ''"));
        c.add(one("analyze-utf16", Map.of("a.csv", "t,x,y,z\n0,0,0,1\n".getBytes(StandardCharsets.UTF_16)), "analyze {d}/a.csv", "header is '\\ufffd\\ufffd\\x00t\\x00,"));
        c.add(one("analyze-trailing-garbage", files("a.csv", goodCsv(20) + "end of recording\n"), "analyze {d}/a.csv", "a.csv:22: column t is 'end of recording'"));
        c.add(one("analyze-nul-bytes-in-row", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,0\u0000,0,1\n"), "analyze {d}/a.csv", "a.csv:3: column x is '0\\x00'"));
        c.add(one("analyze-very-long-line", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01," + "1".repeat(2_000_000) + "\n"), "analyze {d}/a.csv", "a.csv:3: line longer than 1048576 bytes"));
        c.add(new Case("analyze-unreadable-file", files("a.csv", "t,x,y,z\n0,0,0,1\n0.01,abc,0,1\n"), d -> mode(d.resolve("a.csv"), "---------"),
                split("analyze {d}/a.csv"), 2, ROOT ? "a.csv:3: column x is 'abc'" : "a.csv: cannot read", 1));
        c.add(one("analyze-right-missing", files("l.csv", GOOD_CSV), "analyze --left {d}/l.csv --right {d}/r.csv", "r.csv: no such file"));
        c.add(one("analyze-right-time-backwards", files("l.csv", GOOD_CSV, "r.csv", "t,x,y,z\n0,0,0,1\n0.02,0,0,1\n0.01,0,0,1\n"),
                "analyze --left {d}/l.csv --right {d}/r.csv", "r.csv:4: time 0.01 s is not after"));
        c.add(one("analyze-json-without-value", files("a.csv", GOOD_CSV), "analyze {d}/a.csv --json", "Missing required parameter for option '--json'"));
        c.add(new Case("analyze-standard-empty", files("a.csv", GOOD_CSV), d -> { }, List.of("analyze", "{d}/a.csv", "--standard", ""), 2, "standard '' is not one of wasm2016, aasm", 1));
        // ---- plm score: event CSV ------------------------------------------------------------------------
        c.add(one("score-empty-file", files("e.csv", ""), "score {d}/e.csv", "e.csv: file is empty"));
        c.add(one("score-offset-before-onset", files("e.csv", "onset_s,offset_s\n10,5\n"), "score {d}/e.csv", "e.csv:2: offset_s 5.0 is before onset_s 10.0"));
        c.add(one("score-onset-nan", files("e.csv", "onset_s,offset_s\nNaN,5\n"), "score {d}/e.csv", "e.csv:2: onset_s 'NaN' is not a number of seconds"));
        c.add(one("score-offset-infinity", files("e.csv", "onset_s,offset_s\n1,Infinity\n"), "score {d}/e.csv", "e.csv:2: offset_s 'Infinity' is not a number"));
        c.add(one("score-bad-leg", files("e.csv", "onset_s,offset_s,leg\n1,2,middle\n"), "score {d}/e.csv", "e.csv:2: leg 'middle' is not one of L, R, B"));
        c.add(one("score-extra-column", files("e.csv", "onset_s,offset_s,leg\n1,2,L,9\n"), "score {d}/e.csv", "e.csv:2: expected 2 or 3 columns (onset_s,offset_s[,leg]), found 4"));
        c.add(one("score-missing-column", files("e.csv", "onset_s,offset_s\n1\n"), "score {d}/e.csv", "found 1"));
        c.add(one("score-semicolon-separator", files("e.csv", "onset_s;offset_s\n1;2\n"), "score {d}/e.csv", "e.csv:1: header is 'onset_s;offset_s'"));
        c.add(one("score-negative-time", files("e.csv", "onset_s,offset_s\n-1e9,2\n"), "score {d}/e.csv", "e.csv:2: onset_s '-1e9' is beyond 604800 s"));
        c.add(one("score-duration-zero", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --duration 0", "--duration 0.0 must be a positive number of seconds"));
        c.add(one("score-duration-not-a-number", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --duration long", "'long' is not a double"));
        c.add(one("score-duration-nan", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --duration NaN", "--duration NaN must be a positive"));
        c.add(one("score-bad-standard", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --standard wasm2006", "standard 'wasm2006' is not one of"));
        c.add(one("score-bad-label-regex", files("e.csv", "onset_s,offset_s\n1,2\n"), "score {d}/e.csv --lm-label (LM", "--lm-label '(LM' is not a valid Java regular expression"));
        c.add(one("score-respiratory-backwards", files("e.csv", "onset_s,offset_s\n1,2\n", "r.csv", "onset_s,offset_s\n30,20\n"),
                "score {d}/e.csv --respiratory {d}/r.csv", "r.csv:2: offset_s 20.0 is before onset_s 30.0"));
        c.add(one("score-arousals-not-a-number", files("e.csv", "onset_s,offset_s\n1,2\n", "a.csv", "onset_s,offset_s\n3,x\n"),
                "score {d}/e.csv --arousals {d}/a.csv", "a.csv:2: offset_s 'x' is not a number"));
        // ---- plm score: RemLogic exports -----------------------------------------------------------------
        c.add(one("score-remlogic-no-table", files("r.txt", "RemLogic Event Export\nPatient:\tX\n"), "score {d}/r.txt", "r.txt: no table header line starting with 'Time ['"));
        c.add(one("score-remlogic-bad-date-time", files("r.txt", REMLOGIC_HEAD + "yesterday\tPLM-LM\t1.0\tLAT\n"), "score {d}/r.txt", "r.txt:5: time 'yesterday' is not a date-time"));
        c.add(one("score-remlogic-negative-duration", files("r.txt", REMLOGIC_HEAD + "2015-04-15T23:52:03.162755\tPLM-LM\t-1.0\tLAT\n"),
                "score {d}/r.txt", "r.txt:5: duration '-1.0' is not a number of seconds >= 0"));
        c.add(one("score-remlogic-duration-text", files("r.txt", REMLOGIC_HEAD + "2015-04-15T23:52:03.162755\tPLM-LM\tlong\tLAT\n"),
                "score {d}/r.txt", "r.txt:5: duration 'long' is not a number"));
        c.add(one("score-remlogic-too-few-columns", files("r.txt", REMLOGIC_HEAD + "2015-04-15T23:52:03.162755\tPLM-LM\n"),
                "score {d}/r.txt", "r.txt:5: expected at least 3 tab-separated columns"));
        c.add(one("score-remlogic-table-without-duration-column", files("r.txt",
                "RemLogic Event Export\nTime [hh:mm:ss]\tEvent\tLocation\n2015-04-15T23:52:03\tPLM-LM\tLAT\n"), "score {d}/r.txt", "r.txt:2: the table header has no 'duration' column"));
        // ---- plm score: EDF and EDF+ ---------------------------------------------------------------------
        c.add(one("score-edf-truncated-header", Map.of("n.edf", Arrays.copyOf(edfPlus("1", "1", "+0\u0014\u0014\u0000"), 100)),
                "score {d}/n.edf", "n.edf: byte 100: file is 100 bytes, shorter than the 256-byte EDF header"));
        c.add(one("score-edf-records-negative", Map.of("n.edf", edfPlus("-5", "1", "+0\u0014\u0014\u0000")), "score {d}/n.edf", "n.edf: byte 236: number of data records -5 is negative"));
        c.add(one("score-edf-records-text", Map.of("n.edf", edfPlus("many", "1", "+0\u0014\u0014\u0000")), "score {d}/n.edf", "byte 236: number of data records 'many' is not an integer"));
        c.add(one("score-edf-duration-text", Map.of("n.edf", edfPlus("1", "one", "+0\u0014\u0014\u0000")), "score {d}/n.edf", "byte 244: data record duration 'one' is not a number"));
        c.add(one("score-edf-data-cut-short", Map.of("n.edf", edfPlus("3", "1", "+0\u0014\u0014\u0000")), "score {d}/n.edf", "file is truncated: 3 data records of 120 bytes announced, 1 complete"));
        c.add(one("score-edf-tal-without-sign", Map.of("n.edf", edfPlus("1", "1", "+0\u0014\u0014\u00005\u00150.5\u0014LM\u0014\u0000")),
                "score {d}/n.edf", "TAL onset must start with '+' or '-', found byte 0x35"));
        c.add(one("score-edf-tal-onset-text", Map.of("n.edf", edfPlus("1", "1", "+0\u0014\u0014\u0000+abc\u00150.5\u0014LM\u0014\u0000")),
                "score {d}/n.edf", "TAL onset '+abc' is not a number"));
        c.add(one("score-edf-tal-duration-text", Map.of("n.edf", edfPlus("1", "1", "+0\u0014\u0014\u0000+5\u0015half\u0014LM\u0014\u0000")),
                "score {d}/n.edf", "TAL duration 'half' is not a number"));
        c.add(one("score-edf-tal-unterminated", Map.of("n.edf", edfPlus("1", "1", "+0\u0014\u0014\u0000+5\u00150.5\u0014LM")),
                "score {d}/n.edf", "TAL text is not ended by 0x14"));
        c.add(one("score-edf-lm-without-duration", Map.of("n.edf", edfPlus("1", "1", "+0\u0014\u0014\u0000+5\u0014LM\u0014\u0000")),
                "score {d}/n.edf", "annotation 1 ('LM' at 5.0 s) has no duration"));
        c.add(one("score-edf-header-bytes-wrong", Map.of("n.edf", edfField(edfPlus("1", "1", "+0\u0014\u0014\u0000"), 184, 8, "999")),
                "score {d}/n.edf", "byte 184: header size 999 bytes does not match 1 signals (expected 512)"));
        c.add(one("score-edf-signals-zero", Map.of("n.edf", edfField(edfPlus("1", "1", "+0\u0014\u0014\u0000"), 252, 4, "0")),
                "score {d}/n.edf", "byte 252: number of signals 0 must be at least 1"));
        c.add(one("score-edf-signals-text", Map.of("n.edf", edfField(edfPlus("1", "1", "+0\u0014\u0014\u0000"), 252, 4, "x")),
                "score {d}/n.edf", "number of signals 'x' is not an integer"));
        c.add(one("score-edf-samples-text", Map.of("n.edf", edfField(edfPlus("1", "1", "+0\u0014\u0014\u0000"), 256 + 216, 8, "lots")),
                "score {d}/n.edf", "byte 472: samples per record of signal 1 'lots' is not an integer"));
        c.add(one("score-edf-bad-version-with-edf-name", Map.of("n.edf", edfField(edfPlus("1", "1", "+0\u0014\u0014\u0000"), 0, 8, "1")),
                "score {d}/n.edf", "byte 0: version field '1' is not '0'"));
        // ---- plm generate-night, plm demo ----------------------------------------------------------------
        c.add(one("generate-night-seed-not-a-number", Map.of(), "generate-night --out {d}/n --seed x", "'--seed': 'x' is not a long"));
        c.add(one("generate-night-plm-rate-negative", Map.of(), "generate-night --out {d}/n --plm-per-hour -1", "--plm-per-hour -1.0 is outside 0-120"));
        c.add(one("generate-night-rate-not-a-number", Map.of(), "generate-night --out {d}/n --rate fast", "'--rate': 'fast' is not a double"));
        c.add(one("demo-hours-zero", Map.of(), "demo --dir {d}/n --hours 0", "--hours 0.0 is outside 0.1-10"));
        c.add(one("demo-hours-too-long", Map.of(), "demo --dir {d}/n --hours 100", "--hours 100.0 is outside 0.1-10"));
        c.add(one("demo-dir-is-a-file", files("f.txt", "keep"), "demo --dir {d}/f.txt --hours 0.1", "--dir {d}/f.txt: is a file: expected a directory"));
                c.add(new Case("demo-dir-empty", Map.of(), d -> { }, List.of("demo", "--dir", "", "--hours", "0.1"), 2, "--dir: empty path: expected a directory", 1));
        c.add(one("demo-seed-not-a-number", Map.of(), "demo --dir {d}/n --seed many", "'--seed': 'many' is not a long"));
        // ---- plm monitor --------------------------------------------------------------------------------
        c.add(one("monitor-config-missing", Map.of(), "monitor --config {d}/nope.conf --once", 2, "nope.conf: cannot read the configuration file: no such file or directory", 2));
        c.add(one("monitor-config-bad-rate", files("p.conf", "sensor.left.type = simulator\nsensor.left.rate_hz = 5000\n"),
                "monitor --config {d}/p.conf --once", 2, "p.conf:2: key 'sensor.left.rate_hz': 5000 is not one of 25, 50, 100", 2));
        c.add(one("monitor-hours-zero", files("p.conf", "sensor.left.type = simulator\nstore.path = {d}/x/plm.db\n"),
                "monitor --config {d}/p.conf --once --hours 0", "--hours 0.0 is outside 0.1-48"));
        c.add(one("monitor-hours-not-a-number", Map.of(), "monitor --config {d}/p.conf --hours long", "'--hours': 'long' is not a double"));
        // ---- plm status, night, cuff, report --------------------------------------------------------------
        c.add(one("status-dir-missing", Map.of(), "status --dir {d}/nope", "nope/status.txt: no status at"));
        c.add(one("status-dir-is-a-file", files("f.txt", "keep"), "status --dir {d}/f.txt", "f.txt/status.txt: cannot read the status file: not a directory"));
        c.add(one("status-config-and-dir", Map.of(), "status --dir {d} --config {d}/p.conf", "give --config FILE or --dir DIR, not both"));
        c.add(one("night-config-and-dir", Map.of(), "night start --dir {d} --config {d}/p.conf", "give --config FILE or --dir DIR, not both"));
        c.add(one("cuff-config-and-dir", Map.of(), "cuff stop --dir {d} --config {d}/p.conf", "give --config FILE or --dir DIR, not both"));
        c.add(one("report-config-and-dir", Map.of(), "report --night 2026-05-04 --dir {d} --config {d}/p.conf",
                "give --config FILE or --dir DIR, not both"));
                c.add(one("night-dir-missing", Map.of(), "night start --dir {d}/nope", "nope: no such data directory: has plm monitor run"));
        c.add(one("night-no-word", Map.of(), "night --dir {d}", "Missing required parameter: 'start|end'"));
        c.add(one("night-config-bad", files("p.conf", "sensor.left.type = simulator\nnight.mode = sometimes\n"), "night end --config {d}/p.conf", 2, "p.conf:2: key 'night.mode': 'sometimes' is not one of schedule, posture, both", 2));
        c.add(one("cuff-no-word", Map.of(), "cuff --dir {d}", "Missing required parameter: 'stop'"));
        c.add(one("cuff-bad-word", Map.of(), "cuff inflate --dir {d}", "'inflate' is not stop"));
        c.add(one("cuff-stop-dir-missing", Map.of(), "cuff stop --dir {d}/nope", "nope: no such data directory"));
        c.add(one("report-no-night", Map.of(), "report --dir {d}", "Missing required option: '--night=DATE'"));
        c.add(one("report-bad-date", Map.of(), "report --dir {d} --night 2026-13-01", "--night: night id '2026-13-01' is not a date yyyy-MM-dd"));
        c.add(one("report-no-store", Map.of(), "report --dir {d} --night 2026-05-04", "plm.db: no store here"));
        // ---- plm report --from --to (trends) and plm diary --------------------------------------------------
        c.add(one("report-trends-to-missing", Map.of(), "report --dir {d} --from 2026-05-01", "Missing required option: '--to=DATE'"));
        c.add(one("report-trends-and-night", Map.of(), "report --dir {d} --night 2026-05-01 --from 2026-05-01 --to 2026-05-03",
                "(trends), not both"));
        c.add(one("report-trends-bad-from", Map.of(), "report --dir {d} --from 2026-02-30 --to 2026-03-03",
                "--from: '2026-02-30' is not a date yyyy-MM-dd"));
        c.add(one("report-trends-reversed", Map.of(), "report --dir {d} --from 2026-05-04 --to 2026-05-01",
                "--to: 2026-05-01 is before --from 2026-05-04"));
        c.add(one("report-trends-too-long", Map.of(), "report --dir {d} --from 2025-01-01 --to 2026-05-01",
                "is longer than 400 nights"));
        c.add(one("report-trends-no-store", Map.of(), "report --dir {d} --from 2026-05-01 --to 2026-05-03", "plm.db: no store here"));
        c.add(one("diary-no-subcommand", Map.of(), "diary", "a subcommand is required: import, export or lab"));
        c.add(one("diary-import-missing-file", Map.of(), "diary import --dir {d} {d}/nope.csv", "nope.csv: no such file"));
        c.add(one("diary-import-dir-missing", files("d.csv", "date\n2026-05-01\n"), "diary import --dir {d}/nope {d}/d.csv",
                "nope: no such data directory"));
        c.add(one("diary-import-bad-rating", files("d.csv", "date,symptom_rating\n2026-05-01,3\n2026-05-02,11\n"),
                "diary import --dir {d} {d}/d.csv", "d.csv:3: symptom_rating: 11 is outside 0-10"));
        c.add(one("diary-import-bad-time", files("d.csv", "date,bedtime\n2026-05-01,25:00\n"), "diary import --dir {d} {d}/d.csv",
                "d.csv:2: bedtime: expected a time HH:mm (00:00-23:59), got '25:00'"));
        c.add(one("diary-import-unknown-medicine", files("d.csv", "date,medicines\n2026-05-01,aspirin\n"),
                "diary import --dir {d} {d}/d.csv", "d.csv:2: medicines: expected none or codes separated by ';'"));
        c.add(one("diary-import-unknown-column", files("d.csv", "date,wine\n2026-05-01,1\n"), "diary import --dir {d} {d}/d.csv",
                "d.csv:1: column 2: unknown column 'wine'"));
        c.add(one("diary-import-duplicate-date", files("d.csv", "date,nicotine\n2026-05-01,no\n2026-05-01,yes\n"),
                "diary import --dir {d} {d}/d.csv", "d.csv:3: date: 2026-05-01 is already on line 2"));
        c.add(one("diary-import-not-utf8", Map.of("d.csv", concat("date,medicines_other\n2026-05-01,".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, '\n'})), "diary import --dir {d} {d}/d.csv", "d.csv:2: not UTF-8 text"));
        c.add(one("diary-import-lab-tsat-range", files("l.csv", "date,ferritin_ng_ml,tsat_pct\n2026-05-01,40,140\n"),
                "diary import --dir {d} {d}/l.csv", "l.csv:2: tsat_pct: 140 is outside 0-100"));
        c.add(one("diary-export-no-store", Map.of(), "diary export --dir {d}", "plm.db: no store here"));
        c.add(one("diary-export-out-is-the-store", files("plm.db", "not touched"), "diary export --dir {d} --out {d}/plm.db", "refusing to write over an input"));
        c.add(one("diary-lab-no-values", Map.of(), "diary lab --dir {d} --date 2026-05-01", "a result needs ferritin or TSAT"));
        c.add(one("diary-lab-bad-date", Map.of(), "diary lab --dir {d} --date 1.5.2026 --ferritin 40", "--date: '1.5.2026' is not a date"));
        c.add(one("diary-lab-ferritin-range", Map.of(), "diary lab --dir {d} --date 2026-05-01 --ferritin 9000",
                "ferritin_ng_ml: 9000 is outside 0-5000"));
        // ---- plm simulate-device ----------------------------------------------------------------------------
        c.add(one("simulate-device-speed-zero", Map.of(), "simulate-device --pty /dev/null --night 1 --speed 0", "speed = 0.0 is outside 0.01..100000"));
        c.add(one("simulate-device-replay-missing", Map.of(), "simulate-device --pty /dev/null --replay {d}/nope.csv", "nope.csv: no such file"));
        c.add(one("simulate-device-replay-bad-row", files("r.csv", "t,x,y,z\n0,0,0,1\n0.01,q,0,1\n"),
                "simulate-device --pty /dev/null --replay {d}/r.csv", "r.csv:3: column x is 'q'"));
        c.add(one("simulate-device-replay-time-backwards", files("r.csv", "t,x,y,z\n0,0,0,1\n0.02,0,0,1\n0.01,0,0,1\n"),
                "simulate-device --pty /dev/null --replay {d}/r.csv", "r.csv:4: time 0.01 s is not after the previous sample's 0.02 s"));
        c.add(one("simulate-device-replay-is-a-directory", Map.of(), "simulate-device --pty /dev/null --replay {d}",
                "simulate-device-replay-is-a-directory: cannot read: is a directory"));
        c.add(one("simulate-device-night-and-replay", files("r.csv", GOOD_CSV), "simulate-device --pty /dev/null --night 1 --replay {d}/r.csv", "--night=SEED, --replay=FILE are mutually exclusive"));
        c.add(one("simulate-device-replay-right-alone", files("r.csv", GOOD_CSV), "simulate-device --pty /dev/null --replay-right {d}/r.csv", "--replay-right: needs --replay for the left sensor"));
        c.add(one("simulate-device-no-pty-option", Map.of(), "simulate-device --night 1", "Missing required option: '--pty=PATH'"));
        // ---- configuration: each key's type and range -----------------------------------------------------
        c.add(conf("config-rate-too-high", "sensor.left.type = simulator\nsensor.left.rate_hz = 5000\n", "p.conf:2: key 'sensor.left.rate_hz': 5000 is not one of 25, 50, 100"));
        c.add(conf("config-rate-zero", "sensor.left.type = simulator\nsensor.left.rate_hz = 0\n", "key 'sensor.left.rate_hz': 0 is not one of"));
        c.add(conf("config-rate-fraction", "sensor.left.type = simulator\nsensor.left.rate_hz = 50.5\n", "key 'sensor.left.rate_hz': '50.5' is not a whole number"));
        c.add(conf("config-bus-not-a-number", "sensor.left.type = i2c-adxl345\nsensor.left.bus = one\n", "key 'sensor.left.bus': 'one' is not a whole number"));
        c.add(conf("config-address-not-hex", "sensor.left.type = i2c-adxl345\nsensor.left.address = 0xZZ\n", "key 'sensor.left.address': '0xZZ' is not an address like 0x53"));
        c.add(conf("config-address-out-of-range", "sensor.left.type = i2c-adxl345\nsensor.left.address = 0x99\n", "0x99 is not one of 0x53, 0x1d"));
        c.add(conf("config-range-not-offered", "sensor.left.type = i2c-adxl345\nsensor.left.range_g = 3\n", "key 'sensor.left.range_g': 3 is not one of 2, 4, 8, 16"));
        c.add(conf("config-baud-unusual", "sensor.left.type = serial\nsensor.left.path = /dev/null\nsensor.left.baud = 12\n", "p.conf:3: key 'sensor.left.baud': 12 is not one of 9600"));
        c.add(conf("config-speed-zero", "sensor.left.type = simulator\nsensor.left.speed = 0\n", "key 'sensor.left.speed': 0 is not between 1 and 1000"));
        c.add(conf("config-serial-without-path", "sensor.left.type = serial\n", "key 'sensor.left.path': missing: the serial device"));
        c.add(conf("config-replay-without-file", "sensor.left.type = replay\n", "key 'sensor.left.file': missing: the recording to replay"));
        c.add(conf("config-night-mode-unknown", "sensor.left.type = simulator\nnight.mode = sometimes\n", "key 'night.mode': 'sometimes' is not one of schedule, posture, both"));
        c.add(conf("config-night-end-no-minutes", "sensor.left.type = simulator\nnight.end = 7\n", "key 'night.end': '7' is not a 24-hour time HH:MM"));
        c.add(conf("config-cuff-pressure-too-high", "cuff.type = simulator\ncuff.max_pressure_mmhg = 500\n", "key 'cuff.max_pressure_mmhg': 500 is not between 10 and 60"));
        c.add(conf("config-cuff-inflation-zero", "cuff.type = simulator\ncuff.max_inflation_s = 0\n", "key 'cuff.max_inflation_s': 0 is not between 1 and 120"));
        c.add(conf("config-cuff-policy-unknown", "cuff.type = simulator\ncuff.policy = always\n", "key 'cuff.policy': 'always' is not one of off, scheduled, closed-loop"));
        c.add(conf("config-cuff-target-above-ceiling", "cuff.type = simulator\ncuff.policy = scheduled\ncuff.symptom_onset = 22:00\ncuff.max_pressure_mmhg = 30\ncuff.target_mmhg = 35\n", "p.conf:5: key 'cuff.target_mmhg': cuff.target_mmhg 35 is not below cuff.max_pressure_mmhg 30"));
        c.add(conf("config-cuff-quiet-hours-bad", "cuff.type = simulator\ncuff.quiet_hours = 2-6\n", "key 'cuff.quiet_hours': '2-6' is not two different 24-hour times"));
        c.add(conf("config-cuff-trigger-unknown", "cuff.type = simulator\ncuff.trigger = kick\n", "key 'cuff.trigger': 'kick' is not one of series, movements"));
        c.add(conf("config-cuff-contraindication-unknown", "cuff.type = simulator\ncuff.contraindication = flu\n", "key 'cuff.contraindication': 'flu' is not one of none"));
        c.add(conf("config-retention-zero", "sensor.left.type = simulator\nstore.retention_days = 0\n", "key 'store.retention_days': 0 is not between 1 and 36500"));
        c.add(conf("config-raw-retention-negative", "sensor.left.type = simulator\nstore.raw_retention_days = -1\n", "key 'store.raw_retention_days': -1 is not between 1 and 36500"));
        c.add(conf("config-max-database-negative", "sensor.left.type = simulator\nstore.max_database_mb = -5\n", "key 'store.max_database_mb': -5 is not 0 (no cap) or between"));
        c.add(conf("config-influx-url-ftp", "sensor.left.type = simulator\ninflux.url = ftp://host/\n", "key 'influx.url': 'ftp://host/' is not http://HOST[:PORT] or https://HOST[:PORT]"));
        c.add(conf("config-influx-plaintext-remote", "sensor.left.type = simulator\ninflux.url = http://10.1.2.3:8086\n", "key 'influx.url': plain http to 10.1.2.3 would send patient data"));
        c.add(conf("config-influx-allow-plaintext-maybe", "sensor.left.type = simulator\ninflux.url = http://127.0.0.1:8086\ninflux.allow_plaintext = maybe\n", "p.conf:3: key 'influx.allow_plaintext': 'maybe' is not one of true, false"));
        c.add(conf("config-influx-create-database-yes", "sensor.left.type = simulator\ninflux.url = http://127.0.0.1:8086\ninflux.create_database = yes\n", "p.conf:3: key 'influx.create_database': 'yes' is not one of true, false"));
        c.add(conf("config-influx-ca-file-missing", "sensor.left.type = simulator\ninflux.url = https://10.1.2.3:8086\ninflux.ca_file = {d}/ca.pem\n", "key 'influx.ca_file': '{d}/ca.pem' does not exist or is not a file"));
        c.add(conf("config-empty-key", "sensor.left.type = simulator\n= 5\n", "p.conf:2: '= 5' is not 'key = value'"));
        c.add(conf("config-key-with-space", "sensor.left.type = simulator\nstore path = x\n", "p.conf:2: 'store path = x' is not 'key = value'"));
        c.add(new Case("config-secrets-readable-by-others", files("p.conf", "sensor.left.type = simulator\ninflux.url = http://127.0.0.1:8086\n"
                + "influx.username = u\ninflux.secrets_file = {d}/s\n", "s", "influx.password = p\n"),
                d -> mode(d.resolve("s"), "rw-r--r--"), split("status --config {d}/p.conf"), 2, "s: secrets file has mode 0644: only its owner", 2));
        c.add(new Case("config-secrets-token", files("p.conf", "sensor.left.type = simulator\ninflux.url = http://127.0.0.1:8086\n"
                + "influx.secrets_file = {d}/s\n", "s", "influx.token = abc\n"),
                d -> owner(d.resolve("s")), split("status --config {d}/p.conf"), 2, "s:1: key 'influx.token': token authentication is not supported", 2));
        c.add(new Case("config-secrets-no-equals", files("p.conf", "sensor.left.type = simulator\ninflux.url = http://127.0.0.1:8086\n"
                + "influx.username = u\ninflux.secrets_file = {d}/s\n", "s", "hunter2\n"),
                d -> owner(d.resolve("s")), split("status --config {d}/p.conf"), 2, "s:1: line is not 'key = value' (its text is not shown: it may be a secret)", 2));
        c.add(conf("config-secrets-missing", "sensor.left.type = simulator\ninflux.url = http://127.0.0.1:8086\n"
                + "influx.username = u\ninflux.secrets_file = {d}/nope\n", "nope: secrets file does not exist"));
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

    private static Case conf(String name, String text, String fragment) {
        return one(name, files("p.conf", text), "status --config {d}/p.conf", 2, fragment, 2);
    }

    /** A night at another sample rate. */
    private static String rateCsv(int rows, double hz) {
        StringBuilder b = new StringBuilder("t,x,y,z\n");
        for (int i = 0; i < rows; i++) {
            b.append(i / hz).append(",0,0,1\n");
        }
        return b.toString();
    }

    private static final String REMLOGIC_HEAD = "RemLogic Event Export\nPatient:\tX\n\n"
            + "Time [hh:mm:ss]\tEvent\tDuration[s]\tLocation\n";

    /**
     * An EDF+ file with one annotation signal of 60 two-byte samples a record.
     *
     * @param records the header's record count field
     * @param duration the header's record duration field
     * @param tals the annotation bytes of the first record (the rest are zero)
     */
    private static byte[] edfPlus(String records, String duration, String tals) {
        StringBuilder h = new StringBuilder();
        h.append(pad("0", 8)).append(pad("X X X X", 80)).append(pad("Startdate 01-JAN-2026 X X X", 80))
                .append(pad("01.01.26", 8)).append(pad("22.00.00", 8)).append(pad("512", 8)).append(pad("EDF+C", 44))
                .append(pad(records, 8)).append(pad(duration, 8)).append(pad("1", 4));
        h.append(pad("EDF Annotations", 16)).append(pad("", 80)).append(pad("", 8)).append(pad("-1", 8)).append(pad("1", 8))
                .append(pad("-32768", 8)).append(pad("32767", 8)).append(pad("", 80)).append(pad("60", 8)).append(pad("", 32));
        byte[] data = Arrays.copyOf(tals.getBytes(StandardCharsets.ISO_8859_1), 120);
        return concat(h.toString().getBytes(StandardCharsets.US_ASCII), data);
    }

    /** The same bytes with one header field (offset, width) replaced. */
    private static byte[] edfField(byte[] edf, int offset, int width, String value) {
        byte[] out = edf.clone();
        System.arraycopy(pad(value, width).getBytes(StandardCharsets.US_ASCII), 0, out, offset, width);
        return out;
    }

    private static void mode(Path f, String perms) {
        try {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
