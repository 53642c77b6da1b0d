package org.plmmonitor.monitor.store;

/**
 * Anything the local store keeps and can forward to InfluxDB. Raw signal chunks are not items:
 * they stay local (see {@link RawChunk}).
 */
public sealed interface StoredItem
        permits StoredMovement, StoredSeries, ActivitySecond, DeviceEvent, CuffAction, CuffSession, NightRecord,
        NightReport {

    /** @return the night this item belongs to, e.g. {@code 2026-11-23} (see {@link NightIds}) */
    String nightId();
}
