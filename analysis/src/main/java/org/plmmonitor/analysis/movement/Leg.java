package org.plmmonitor.analysis.movement;

import java.util.Locale;

/** Which leg a movement was seen on; {@link #BILATERAL} only for movements merged by the scorer. */
public enum Leg {
    LEFT, RIGHT, BILATERAL;

    /** @return the lower-case name used in JSON and CSV ({@code left}, {@code right}, {@code bilateral}) */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the spellings accepted on input files.
     *
     * @param text {@code L}, {@code R}, {@code B}, or {@code left}, {@code right}, {@code bilateral}, any case
     * @return the leg
     * @throws IllegalArgumentException naming the text and the accepted spellings
     */
    public static Leg parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "l": case "left": return LEFT;
            case "r": case "right": return RIGHT;
            case "b": case "bilateral": return BILATERAL;
            default:
                throw new IllegalArgumentException("leg '" + text + "' is not one of L, R, B, left, right, bilateral");
        }
    }
}
