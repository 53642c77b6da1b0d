package org.plmmonitor.monitor.store;

import java.util.Objects;

/**
 * A closed night's JSON report as the daemon wrote it to {@code nights/<night>.json}, kept in the store so
 * that the outbox can forward it to InfluxDB ({@code plm_report}, docs/influxdb-schema.md) exactly once, also
 * after an outage. Written once at the night's close; keyed by (night, detector version).
 *
 * @param nightId         night id ({@link NightIds})
 * @param detectorVersion the detector version that scored it (as its night record and the report's provenance)
 * @param startUtcMs      the night's start, UTC epoch ms (the InfluxDB timestamp, as its {@code plm_night})
 * @param reportJson      the report's text, the file's content exactly, non-empty
 */
public record NightReport(String nightId, String detectorVersion, long startUtcMs, String reportJson) implements StoredItem {
    public NightReport {
        NightIds.requireValid(nightId);
        Objects.requireNonNull(detectorVersion, "detector version");
        if (reportJson == null || reportJson.isEmpty()) {
            throw new IllegalArgumentException("night " + nightId + ": the report text is empty");
        }
    }
}
