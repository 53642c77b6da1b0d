package org.plmmonitor.analysis.compare;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One night's index as the comparisons use it.
 *
 * @param date        the local date of the night's evening (how nights are named)
 * @param indexPerH   the night's index, events per hour (e.g. PLM per hour in bed), finite and &gt;= 0; NaN
 *                    when the night has none
 * @param analysableS analysable time of the night, s, &gt;= 0
 * @param exclusion   why the night is left out whatever its length (e.g. "sensor unworn"), or empty
 */
public record NightIndex(LocalDate date, double indexPerH, double analysableS, Optional<String> exclusion) {
    /** A usable night has at least this much analysable time, s (4 h). */
    public static final double USABLE_S = 4 * 3600.0;

    public NightIndex {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(exclusion, "exclusion");
        if (!Double.isNaN(indexPerH) && !(indexPerH >= 0 && Double.isFinite(indexPerH))) {
            throw new IllegalArgumentException("night " + date + ": index " + indexPerH + "/h is not a finite value >= 0");
        }
        if (!(analysableS >= 0 && Double.isFinite(analysableS))) {
            throw new IllegalArgumentException("night " + date + ": analysable time " + analysableS + " s is not >= 0");
        }
    }

    /**
     * @param date        the night's evening date
     * @param indexPerH   its index, per hour
     * @param analysableS its analysable time, s
     * @return a night with no exclusion
     */
    public static NightIndex of(LocalDate date, double indexPerH, double analysableS) {
        return new NightIndex(date, indexPerH, analysableS, Optional.empty());
    }

    /** @return true when the night counts: not excluded, an index, and at least {@link #USABLE_S} analysable */
    public boolean usable() {
        return reasonNotUsable().isEmpty();
    }

    /** @return why the night does not count, in words; empty when it is usable */
    public Optional<String> reasonNotUsable() {
        if (exclusion.isPresent()) {
            return exclusion;
        }
        if (Double.isNaN(indexPerH)) {
            return Optional.of("no index");
        }
        if (analysableS < USABLE_S) {
            return Optional.of(String.format(Locale.ROOT, "%.1f h analysable, under 4 h", analysableS / 3600));
        }
        return Optional.empty();
    }
}
