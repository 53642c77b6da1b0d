package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.score.ScoringStandard;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One night as analysed by one detector version, keyed by (night id, detector version). Written
 * when the night opens (end null) and again as it progresses and when it closes.
 *
 * @param nightId         night id ({@link NightIds}), the local date of the evening
 * @param startUtcMs      start of recording, UTC epoch ms; also the InfluxDB timestamp
 * @param endUtcMs        end of recording, UTC epoch ms, or null while the night is open
 * @param timeZone        the configured time zone
 * @param analysableS     time with signal, lying, worn and without gaps, s, {@code >= 0}
 * @param wearS           time the sensors were worn, s, {@code >= 0}
 * @param softwareVersion version of this software
 * @param detectorVersion version of the detector (and its parameters) that produced the night's movements
 * @param standard        scoring standard applied
 */
public record NightRecord(String nightId, long startUtcMs, Long endUtcMs, ZoneId timeZone,
                          double analysableS, double wearS, String softwareVersion,
                          String detectorVersion, ScoringStandard standard) implements StoredItem {
    public NightRecord {
        NightIds.requireValid(nightId);
        Objects.requireNonNull(timeZone, "night time zone");
        Objects.requireNonNull(standard, "night scoring standard");
        if (endUtcMs != null && endUtcMs < startUtcMs) {
            throw new IllegalArgumentException("night " + nightId + " ends (" + endUtcMs + " ms) before it starts (" + startUtcMs + " ms)");
        }
        if (!(analysableS >= 0) || !(wearS >= 0) || Double.isInfinite(analysableS) || Double.isInfinite(wearS)) {
            throw new IllegalArgumentException("night " + nightId + ": analysable " + analysableS + " s and wear " + wearS + " s must be finite and >= 0");
        }
        Checks.requireNonBlank(softwareVersion, "software version");
        Checks.requireNonBlank(detectorVersion, "detector version");
    }
}
