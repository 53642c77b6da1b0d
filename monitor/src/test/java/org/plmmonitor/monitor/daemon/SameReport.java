package org.plmmonitor.monitor.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.cli.PlmCommand;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-report equality of two contracts.md JSON night reports, parsed with a real JSON parser. Every
 * key must match (movements, series, every summary field, the caveat, the provenance) except the three
 * that name where the input came from: each sensor's {@code name}, {@code inputs} and {@code time_zone}
 * (a file path for {@code plm analyze}, the source for the daemon, which also names its zone).
 *
 * <p>Each equality test (replayed files, a serial board, I2C parts) ends the same way: {@code plm analyze} on
 * two legs' CSV files, then the whole-report comparison; {@link #assertDaemonEqualsAnalyze} is that step.
 */
final class SameReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SameReport() {
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /**
     * Runs {@code plm analyze} in-process on two legs' files and reads its JSON report.
     *
     * @param left  the left leg's CSV file
     * @param right the right leg's CSV file
     * @param json  where the report is written
     * @return the parsed report (the command's exit status 0 asserted, its error output in the message)
     */
    static JsonNode analyze(Path left, Path right, Path json) throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("analyze", "--left", left.toString(), "--right", right.toString(),
                "--json", json.toString()), err.toString());
        return read(json);
    }

    /**
     * The daemon's night equals {@code plm analyze} fed what the daemon's feeds delivered, written to {@code dir}
     * as {@code left.csv} and {@code right.csv}.
     *
     * @param recorded     every sample the feeds handed to their routes
     * @param night        the daemon's closed night (its report file)
     * @param dir          a folder for the two CSV files and the analyze report
     * @param minMovements fewest movements the night must hold for the comparison to mean something
     */
    static void assertDaemonEqualsAnalyze(FeedRecording recorded, ClosedNight night, Path dir, int minMovements)
            throws IOException {
        JsonNode analyze = analyze(recorded.write(Leg.LEFT, dir.resolve("left.csv")),
                recorded.write(Leg.RIGHT, dir.resolve("right.csv")), dir.resolve("analyze.json"));
        assertSame(analyze, read(night.report()), "Z", minMovements);
    }

    /**
     * @param analyze the report of {@code plm analyze}
     * @param daemon  the daemon's report of the same night
     * @param zone    the zone the daemon names its nights in
     * @param minMovements fewest movements the night must hold for the comparison to mean something
     */
    static void assertSame(JsonNode analyze, JsonNode daemon, String zone, int minMovements) {
        assertTrue(analyze.path("movements").size() >= minMovements,
                "the night has movements to compare: " + analyze.path("movements").size());
        assertTrue(analyze.path("series").size() >= 1, "and a series: " + analyze.path("series"));
        assertEquals(zone, daemon.path("provenance").path("time_zone").asText(), "the daemon names its zone");
        assertEquals(analyze.path("provenance").path("sensors").size(), daemon.path("provenance").path("sensors").size());
        List<String> diffs = new ArrayList<>();
        diff("", withoutSourceNames(analyze), withoutSourceNames(daemon), diffs);
        assertEquals(List.of(), diffs, "daemon report differs from plm analyze's");
    }

    private static JsonNode withoutSourceNames(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        ObjectNode prov = (ObjectNode) copy.get("provenance");
        prov.remove("time_zone");
        prov.remove("inputs");
        prov.get("sensors").forEach(s -> ((ObjectNode) s).remove("name"));
        return copy;
    }

    /** Lists every path where the two trees differ (the first 20), so a failure says where. */
    private static void diff(String at, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= 20) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                diff(at + "." + k, a.get(k), b.has(k) ? b.get(k) : null, out);
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!a.has(k)) {
                    out.add(at + "." + k + ": only in the daemon's report");
                }
            }
        } else if (a.isArray() && b != null && b.isArray()) {
            if (a.size() != b.size()) {
                out.add(at + ": " + a.size() + " items vs " + b.size());
            }
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                diff(at + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(at + ": " + a + " vs " + b);
        }
    }
}
