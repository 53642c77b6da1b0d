package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plm demo}, the README's first command: the daemon on a short simulated night, after earlier nights with
 * an evening diary, ends with the page a person would open, written beside the night's JSON, and the trends page;
 * the output says where they are.
 */
class DemoCommandTest {

    /**
     * One run serves every assertion (the demo takes seconds even short): the demo's night with six earlier
     * nights before it, as the README's {@code ./plm demo} runs with its default fourteen.
     */
    @Test
    void theDemoWritesTheMorningReportAndTheTrendsOfEarlierNightsAndSaysWhereTheyAre(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("demo");
        CommandLine cl = PlmCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--hours", "1", "--seed", "3", "--history-days", "6", "--dir", data.toString());
        assertEquals(0, code, err.toString());

        // The morning report of the demo's night, beside its JSON.
        Matcher m = Pattern.compile("morning report:\\s+(\\S+\\.html)").matcher(out.toString());
        assertTrue(m.find(), "the output names the page:\n" + out);
        Path html = Path.of(m.group(1));
        assertTrue(html.startsWith(data.toAbsolutePath().normalize().resolve("nights")), html.toString());
        List<Path> json;
        try (Stream<Path> s = Files.list(html.getParent())) {
            json = s.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json")).sorted().toList();
        }
        assertEquals(7, json.size(), "six earlier nights and the demo's: " + json);
        assertEquals(json.get(json.size() - 1).getFileName().toString().replace(".json", ".html"), html.getFileName().toString(),
                "the page sits beside its night's JSON, under the same name, and its night is the demo's, the last");
        String report = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(report.startsWith("<!DOCTYPE html>") || report.startsWith("<?xml"), report.substring(0, 40));
        assertTrue(report.contains("<svg"), "charts are drawn into the page");
        assertTrue(report.contains("Not a diagnosis") || report.contains("not a diagnosis"), "the caveat is on the page");
        assertFalse(report.contains("http:") || report.contains("https:"), "nothing is fetched when the page opens");

        // The trends page of the whole period, and how to start the web pages.
        Matcher t = Pattern.compile("trends and factors:\\s+(\\S+\\.html)").matcher(out.toString());
        assertTrue(t.find(), "the output names the trends page:\n" + out);
        assertTrue(out.toString().contains("./plm web --dir " + data), "and how to start the web pages:\n" + out);
        String page = Files.readString(Path.of(t.group(1)), StandardCharsets.UTF_8);
        // six earlier nights and the demo's: the 1-h demo night and the 2.5-h night five days back do not count
        assertEquals(7, count(page, "<circle class=\"pt"), page);
        assertEquals(2, count(page, "<circle class=\"pt excl\""));
        assertTrue(page.contains("Over the 5 usable nights of 7 in the period"), page);
        assertTrue(page.contains("data-factor=\"alcohol_units\""));
        assertTrue(page.contains("class=\"lab-pt\""), "the ferritin result is drawn");
        assertFalse(page.contains("http:") || page.contains("https:"), "nothing is fetched when the page opens");

        // an earlier night is a night like any other: its morning report renders from the store
        String first = json.get(0).getFileName().toString().replace(".json", "");
        StringWriter out2 = new StringWriter();
        CommandLine cl2 = PlmCommand.commandLine();
        cl2.setOut(new PrintWriter(out2));
        assertEquals(0, cl2.execute("report", "--dir", data.toString(), "--night", first, "--out",
                dir.resolve("first.html").toString()), out2.toString());
        try (org.plmmonitor.monitor.store.DiaryStore d = org.plmmonitor.monitor.store.DiaryStore.open(data.resolve("plm.db"),
                java.time.Clock.systemUTC())) {
            assertEquals(7, d.entries().size());
            java.time.LocalDate amended = java.time.LocalDate.parse(json.get(json.size() - 1).getFileName().toString()
                    .replace(".json", "")).minusDays(DemoHistory.AMENDED);
            assertEquals(2, d.history(amended).size(), "the corrected evening keeps its original");
            assertEquals(1, d.labResults().size());
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
