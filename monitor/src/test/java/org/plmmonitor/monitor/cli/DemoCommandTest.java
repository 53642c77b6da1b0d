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
 * {@code plm demo}, the README's first command: the daemon on a short simulated night ends with the page a
 * person would open, written beside the night's JSON, and the output says where it is.
 */
class DemoCommandTest {

    @Test
    void theDemoWritesTheMorningReportAndSaysWhereItIs(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("demo");
        CommandLine cl = PlmCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--hours", "1", "--seed", "3", "--dir", data.toString());
        assertEquals(0, code, err.toString());

        Matcher m = Pattern.compile("morning report:\\s+(\\S+\\.html)").matcher(out.toString());
        assertTrue(m.find(), "the output names the page:\n" + out);
        Path html = Path.of(m.group(1));
        assertTrue(html.startsWith(data.toAbsolutePath().normalize().resolve("nights")), html.toString());
        List<Path> json;
        try (Stream<Path> s = Files.list(html.getParent())) {
            json = s.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json")).toList();
        }
        assertEquals(1, json.size(), "one night: " + json);
        assertEquals(json.get(0).getFileName().toString().replace(".json", ".html"), html.getFileName().toString(),
                "the page sits beside its night's JSON, under the same name");

        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<?xml"), page.substring(0, 40));
        assertTrue(page.contains("<svg"), "charts are drawn into the page");
        assertTrue(page.contains("Not a diagnosis") || page.contains("not a diagnosis"), "the caveat is on the page");
        assertFalse(page.contains("http:") || page.contains("https:"), "nothing is fetched when the page opens");
    }
}
