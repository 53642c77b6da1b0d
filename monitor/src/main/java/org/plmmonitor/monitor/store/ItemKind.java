package org.plmmonitor.monitor.store;

/** Which table an outbox row points into; the code is what the database stores. */
enum ItemKind {
    MOVEMENT(1, "movements"),
    SERIES(2, "series"),
    ACTIVITY(3, "activity"),
    DEVICE_EVENT(4, "device_events"),
    CUFF_ACTION(5, "cuff_actions"),
    NIGHT(6, "nights"),
    CUFF_SESSION(7, "cuff_sessions"),
    NIGHT_REPORT(8, "night_reports");

    final int code;
    final String table;

    ItemKind(int code, String table) {
        this.code = code;
        this.table = table;
    }

    static ItemKind ofCode(int code) {
        for (ItemKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalStateException("outbox row has unknown kind code " + code + " (database written by a newer version?)");
    }

    static ItemKind of(StoredItem item) {
        if (item instanceof StoredMovement) {
            return MOVEMENT;
        } else if (item instanceof StoredSeries) {
            return SERIES;
        } else if (item instanceof ActivitySecond) {
            return ACTIVITY;
        } else if (item instanceof DeviceEvent) {
            return DEVICE_EVENT;
        } else if (item instanceof CuffAction) {
            return CUFF_ACTION;
        } else if (item instanceof CuffSession) {
            return CUFF_SESSION;
        } else if (item instanceof NightReport) {
            return NIGHT_REPORT;
        } else if (item instanceof NightRecord) {
            return NIGHT;
        }
        throw new IllegalArgumentException("not a stored item type: " + item.getClass().getName());
    }
}
