package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.pipeline.NightAnalysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
     * @throws InputException when a file cannot be written (naming the option, the path and why)
     */
    static void write(NightAnalysis night, Path json, Path csv, boolean summary, PrintWriter out)
            throws IOException, InputException {
        boolean jsonToStdout = json != null && OutputFiles.isStdout(json) || json == null && csv == null && !summary;
        if (json != null && !jsonToStdout) {
            OutputFiles.write("--json", json, os -> {
                try (Writer w = utf8(os)) {
                    night.writeJson(w);
                }
            });
        }
        if (csv != null) {
            OutputFiles.write("--csv", csv, os -> {
                try (Writer w = utf8(os)) {
                    night.writeCsv(w);
                }
            });
        }
        if (jsonToStdout) {
            night.writeJson(out);
        }
        if (summary) {
            out.print(night.summaryText());
        }
        out.flush();
    }

    private static Writer utf8(java.io.OutputStream os) {
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
    }
}
