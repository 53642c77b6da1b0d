package org.plmmonitor.analysis.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats of {@code plm export --format} (docs/export.md). */
public enum ExportFormat {
    /** {@code movements.csv} and {@code nights.csv}. */
    CSV,
    /** Per night the raw EDF+ files and {@code <night>-movements.edf}. */
    EDF,
    /** {@code export.json}. */
    JSON,
    /** {@code fhir-bundle.json} with the CSV and EDF+ files it refers to. */
    FHIR,
    /** {@code plm-summary.pdf}. */
    PDF;

    /** @return the name on the command line */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param s a name as typed
     * @return the format
     * @throws IllegalArgumentException naming the allowed names
     */
    public static ExportFormat parse(String s) {
        for (ExportFormat f : values()) {
            if (f.cliName().equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a format: expected one of "
                + Arrays.stream(values()).map(ExportFormat::cliName).collect(Collectors.joining(", ")));
    }
}
