package org.plmmonitor.monitor.store;

import java.util.Objects;

/**
 * Something that happened to a device: appended, never updated.
 *
 * @param nightId  night id ({@link NightIds})
 * @param timeUtcMs when, UTC epoch ms; also the InfluxDB timestamp
 * @param device   which device, e.g. {@code left-sensor}, {@code cuff}, {@code monitor}; non-blank
 * @param kind     what kind of event
 * @param detail   free text for people (may be empty, never null)
 */
public record DeviceEvent(String nightId, long timeUtcMs, String device, DeviceEventKind kind,
                          String detail) implements StoredItem {
    public DeviceEvent {
        NightIds.requireValid(nightId);
        Checks.requireNonBlank(device, "device event's device");
        Objects.requireNonNull(kind, "device event kind");
        Objects.requireNonNull(detail, "device event detail (use \"\" for none)");
    }
}
