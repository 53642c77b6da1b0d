package org.plmmonitor.monitor.store;

/**
 * One PLM series as stored, keyed by (night, detector version, id).
 *
 * @param nightId         night id ({@link NightIds})
 * @param id              1-based series id within the night
 * @param startUtcMs      onset of its first movement, UTC epoch ms; also the InfluxDB timestamp
 * @param endUtcMs        offset of its last movement, UTC epoch ms, {@code >= startUtcMs}
 * @param count           number of movements in it, {@code >= 1}
 * @param detectorVersion version string of the detector, non-blank
 */
public record StoredSeries(String nightId, int id, long startUtcMs, long endUtcMs, int count,
                           String detectorVersion) implements StoredItem {
    public StoredSeries {
        NightIds.requireValid(nightId);
        if (id < 1) {
            throw new IllegalArgumentException("series id " + id + " must be >= 1");
        }
        if (endUtcMs < startUtcMs) {
            throw new IllegalArgumentException("series " + id + " ends (" + endUtcMs + " ms) before it starts (" + startUtcMs + " ms)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("series " + id + " count " + count + " must be >= 1");
        }
        Checks.requireNonBlank(detectorVersion, "detector version");
    }
}
