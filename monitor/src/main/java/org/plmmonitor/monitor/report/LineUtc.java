package org.plmmonitor.monitor.report;

/**
 * One instant on both time lines the daemon keeps for a movement: its onset on the report's line and its
 * stored UTC time (the daemon's own mapping, read back by {@link MovementClock}).
 *
 * @param lineS the onset on the report's line, s (the JSON's {@code onset_s}, InfluxDB's {@code onset_source_s})
 * @param utcMs the same onset, UTC epoch ms
 */
public record LineUtc(double lineS, long utcMs) {
}
