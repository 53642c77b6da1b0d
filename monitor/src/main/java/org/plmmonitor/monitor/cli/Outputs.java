package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.pipeline.NightAnalysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a night's results go: JSON and CSV files as asked, JSON or a readable summary on standard output. */
final class Outputs {
    private Outputs() {
    }

    /**
     * As {@code plm score} does: JSON on standard output unless a file is named; the readable
     * summary on standard output when asked.
     *
     * @param json    JSON file, {@code -} for standard output, or null
     * @param csv     movements CSV file, or null
     * @param summary print the readable summary
     * @param out     standard output
     */
    static void write(NightAnalysis night, Path json, Path csv, boolean summary, PrintWriter out) throws IOException {
        boolean jsonToStdout = json != null && json.toString().equals("-") || json == null && csv == null && !summary;
        if (json != null && !jsonToStdout) {
            try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                night.writeJson(w);
            }
        }
        if (csv != null) {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                night.writeCsv(w);
            }
        }
        if (jsonToStdout) {
            night.writeJson(out);
        }
        if (summary) {
            out.print(night.summaryText());
        }
        out.flush();
    }
}
