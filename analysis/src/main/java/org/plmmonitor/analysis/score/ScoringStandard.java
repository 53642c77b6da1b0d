package org.plmmonitor.analysis.score;

import java.util.Locale;

/** The published rule set used to score candidate and periodic leg movements. */
public enum ScoringStandard {
    /** WASM/IRLSSG 2016 (Ferri et al., Sleep Medicine 2016): the default. */
    WASM2016,
    /** AASM Scoring Manual v2.x. */
    AASM;

    /** @return the command-line and JSON spelling ({@code wasm2016}, {@code aasm}) */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code wasm2016} or {@code aasm}, any case
     * @return the standard
     * @throws IllegalArgumentException naming the text and the allowed values
     */
    public static ScoringStandard parse(String text) {
        for (ScoringStandard s : values()) {
            if (s.cliName().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("standard '" + text + "' is not one of wasm2016, aasm");
    }
}
