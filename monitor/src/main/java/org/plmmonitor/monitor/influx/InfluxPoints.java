package org.plmmonitor.monitor.influx;

import org.influxdb.dto.Point;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.NightReport;
import org.plmmonitor.monitor.store.StoredItem;
import org.plmmonitor.monitor.store.StoredMovement;
import org.plmmonitor.monitor.store.StoredSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The InfluxDB schema (docs/influxdb-schema.md): one measurement per item type, tags
 * {@code patient}, {@code device}, {@code night} on every point, plus per-measurement tags; the
 * timestamp is the event's own time in ms, so writing an item twice overwrites rather than
 * duplicates. Field names carry their unit ({@code _g}, {@code _s}, {@code _mmhg}, {@code _ms}).
 * Numeric fields are always written with the same type (float or integer) to avoid type conflicts.
 */
public final class InfluxPoints {
    /** Leg movements. */
    public static final String MOVEMENT = "plm_movement";
    /** PLM series. */
    public static final String SERIES = "plm_series";
    /** Per-second activity per leg. */
    public static final String ACTIVITY = "plm_activity";
    /** Device events (connection, battery, gaps, storage...). */
    public static final String DEVICE_HEALTH = "device_health";
    /** Cuff commands and outcomes. */
    public static final String CUFF_ACTION = "cuff_action";
    /** Cuff therapy sessions. */
    public static final String CUFF_SESSION = "cuff_session";
    /** Night summaries. */
    public static final String NIGHT = "plm_night";
    /** The nights' JSON reports, in pieces. */
    public static final String REPORT = "plm_report";

    private final String patientId;
    private final String deviceId;

    /**
     * @param patientId pseudonymous patient id (tag {@code patient})
     * @param deviceId  this monitor unit's id (tag {@code device})
     */
    public InfluxPoints(String patientId, String deviceId) {
        this.patientId = patientId;
        this.deviceId = deviceId;
    }

    /**
     * @param item a stored item
     * @return its points: one, except for a night report, which is one per piece ({@link ReportPieces})
     */
    public List<Point> toPoints(StoredItem item) {
        return item instanceof NightReport r ? report(r) : List.of(toPoint(item));
    }

    private Point toPoint(StoredItem item) {
        if (item instanceof StoredMovement m) {
            return movement(m);
        } else if (item instanceof StoredSeries s) {
            return series(s);
        } else if (item instanceof ActivitySecond a) {
            return activity(a);
        } else if (item instanceof DeviceEvent e) {
            return deviceEvent(e);
        } else if (item instanceof CuffAction c) {
            return cuffAction(c);
        } else if (item instanceof CuffSession c) {
            return cuffSession(c);
        } else if (item instanceof NightRecord n) {
            return night(n);
        }
        throw new IllegalArgumentException("no InfluxDB mapping for " + item.getClass().getName());
    }

    private Point.Builder base(String measurement, String nightId, long timeMs) {
        return Point.measurement(measurement).time(timeMs, TimeUnit.MILLISECONDS)
                .tag("patient", patientId).tag("device", deviceId).tag("night", nightId);
    }

    private Point movement(StoredMovement m) {
        Point.Builder b = base(MOVEMENT, m.nightId(), m.onsetUtcMs())
                .tag("leg", m.leg().jsonName())
                .tag("detector", m.detectorVersion())
                .addField("offset_utc_ms", m.offsetUtcMs())
                .addField("duration_s", (m.offsetUtcMs() - m.onsetUtcMs()) / 1000.0)
                .addField("onset_source_s", m.onsetS())
                .addField("offset_source_s", m.offsetS())
                .addField("candidate", m.candidate())
                .addField("periodic", m.periodic())
                .addField("series_pending", !m.decided())
                // 0 = in no series; InfluxDB cannot store null, and an absent field would leave the
                // old value in place when a pending movement is overwritten by its decided state.
                .addField("series_id", m.seriesId() == null ? 0L : m.seriesId().longValue())
                .addField("standard", m.standard().cliName())
                .addField("source", m.source().jsonName());
        if (!Double.isNaN(m.peakG())) {
            b.addField("peak_g", m.peakG());
        }
        if (!Double.isNaN(m.rmsG())) {
            b.addField("rms_g", m.rmsG());
        }
        return b.build();
    }

    private Point series(StoredSeries s) {
        return base(SERIES, s.nightId(), s.startUtcMs())
                .tag("detector", s.detectorVersion())
                .addField("series_id", (long) s.id())
                .addField("end_utc_ms", s.endUtcMs())
                .addField("duration_s", (s.endUtcMs() - s.startUtcMs()) / 1000.0)
                .addField("count", (long) s.count())
                .build();
    }

    private Point activity(ActivitySecond a) {
        return base(ACTIVITY, a.nightId(), a.epochS() * 1000)
                .tag("leg", a.leg().jsonName())
                .addField("activity_g", a.activityG())
                .addField("lying", a.lying())
                .addField("worn", a.worn())
                .build();
    }

    private Point deviceEvent(DeviceEvent e) {
        return base(DEVICE_HEALTH, e.nightId(), e.timeUtcMs())
                .tag("component", e.device())
                .tag("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT))
                .addField("detail", e.detail())
                .build();
    }

    private Point cuffAction(CuffAction c) {
        return base(CUFF_ACTION, c.nightId(), c.timeUtcMs())
                .tag("command", c.command().name().toLowerCase(java.util.Locale.ROOT))
                .addField("target_mmhg", c.targetMmHg())
                .addField("duration_s", c.durationS())
                .addField("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .build();
    }

    private Point cuffSession(CuffSession c) {
        return base(CUFF_SESSION, c.nightId(), c.startUtcMs())
                .tag("trigger", c.trigger().word())
                .addField("end_utc_ms", c.endUtcMs())
                .addField("duration_s", c.durationS())
                .addField("cycles", (long) c.cycles())
                .addField("max_pressure_mmhg", c.maxPressureMmHg())
                .addField("outcome", c.outcome().word())
                .build();
    }

    private List<Point> report(NightReport r) {
        List<String> pieces = ReportPieces.split(r.reportJson(), ReportPieces.MAX_BYTES);
        List<Point> out = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            out.add(base(REPORT, r.nightId(), r.startUtcMs())
                    .tag("detector", r.detectorVersion())
                    .tag("part", Integer.toString(i))
                    .addField("parts", (long) pieces.size())
                    .addField("report_json", pieces.get(i))
                    .build());
        }
        return out;
    }

    private Point night(NightRecord n) {
        return base(NIGHT, n.nightId(), n.startUtcMs())
                .tag("detector", n.detectorVersion())
                .addField("open", n.endUtcMs() == null)
                .addField("end_utc_ms", n.endUtcMs() == null ? 0L : n.endUtcMs().longValue())
                .addField("analysable_s", n.analysableS())
                .addField("wear_s", n.wearS())
                .addField("time_zone", n.timeZone().getId())
                .addField("software_version", n.softwareVersion())
                .addField("standard", n.standard().cliName())
                .build();
    }
}
