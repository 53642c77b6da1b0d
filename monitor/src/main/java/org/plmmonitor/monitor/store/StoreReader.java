package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.score.ScoringStandard;

import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.cuff.SessionTrigger;
import org.plmmonitor.monitor.trial.ScheduledNight;
import org.plmmonitor.monitor.trial.TrialSchedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;

/**
 * Queries on a connection of its own: in WAL mode readers see the last commit and never block the
 * writer. Callers synchronise on this object (one connection, one query at a time).
 */
final class StoreReader implements AutoCloseable {
    private static final String MOVEMENT_COLS = "id, night_id, leg, onset_ms, offset_ms, onset_s, offset_s, candidate, periodic,"
            + " series_id, decided, peak_g, rms_g, detector_version, standard, source";
    private static final String SERIES_COLS = "id, night_id, series_no, start_ms, end_ms, count, detector_version";
    private static final String ACTIVITY_COLS = "id, night_id, leg, epoch_s, activity_g, lying, worn";
    private static final String EVENT_COLS = "id, night_id, time_ms, device, kind, detail";
    private static final String CUFF_COLS = "id, night_id, time_ms, command, target_mmhg, duration_s, outcome";
    private static final String SESSION_COLS = "id, night_id, start_ms, end_ms, trigger, cycles, max_pressure_mmhg, outcome";
    private static final String REPORT_COLS = "id, night_id, detector_version, start_ms, report_json";
    private static final String NIGHT_COLS = "id, night_id, start_ms, end_ms, time_zone, analysable_s, wear_s, software_version,"
            + " detector_version, standard";

    private final Connection c;
    private final Map<ItemKind, PreparedStatement> byId = new EnumMap<>(ItemKind.class);

    StoreReader(Connection c) throws SQLException {
        this.c = c;
        byId.put(ItemKind.MOVEMENT, c.prepareStatement("SELECT " + MOVEMENT_COLS + " FROM movements WHERE id = ?"));
        byId.put(ItemKind.SERIES, c.prepareStatement("SELECT " + SERIES_COLS + " FROM series WHERE id = ?"));
        byId.put(ItemKind.ACTIVITY, c.prepareStatement("SELECT " + ACTIVITY_COLS + " FROM activity WHERE id = ?"));
        byId.put(ItemKind.DEVICE_EVENT, c.prepareStatement("SELECT " + EVENT_COLS + " FROM device_events WHERE id = ?"));
        byId.put(ItemKind.CUFF_ACTION, c.prepareStatement("SELECT " + CUFF_COLS + " FROM cuff_actions WHERE id = ?"));
        byId.put(ItemKind.CUFF_SESSION, c.prepareStatement("SELECT " + SESSION_COLS + " FROM cuff_sessions WHERE id = ?"));
        byId.put(ItemKind.NIGHT_REPORT, c.prepareStatement("SELECT " + REPORT_COLS + " FROM night_reports WHERE id = ?"));
        byId.put(ItemKind.NIGHT, c.prepareStatement("SELECT " + NIGHT_COLS + " FROM nights WHERE id = ?"));
    }

    List<NightRecord> nights() throws SQLException {
        return list("SELECT " + NIGHT_COLS + " FROM nights ORDER BY night_id, updated_ms, id", StoreReader::night);
    }

    String latestDetector(String nightId) throws SQLException {
        for (String sql : new String[] {
                "SELECT detector_version FROM nights WHERE night_id = ? ORDER BY updated_ms DESC, id DESC LIMIT 1",
                "SELECT detector_version FROM movements WHERE night_id = ? ORDER BY id DESC LIMIT 1"}) {
            List<String> v = list(sql, rs -> rs.getString(1), nightId);
            if (!v.isEmpty()) {
                return v.get(0);
            }
        }
        return null;
    }

    List<StoredMovement> movements(String nightId, String detectorVersion) throws SQLException {
        return list("SELECT " + MOVEMENT_COLS + " FROM movements WHERE night_id = ? AND detector_version = ? ORDER BY onset_ms, leg",
                StoreReader::movement, nightId, detectorVersion);
    }

    List<StoredSeries> series(String nightId, String detectorVersion) throws SQLException {
        return list("SELECT " + SERIES_COLS + " FROM series WHERE night_id = ? AND detector_version = ? ORDER BY series_no",
                StoreReader::series, nightId, detectorVersion);
    }

    List<ActivitySecond> activity(String nightId, Leg leg) throws SQLException {
        return list("SELECT " + ACTIVITY_COLS + " FROM activity WHERE night_id = ? AND leg = ? ORDER BY epoch_s",
                StoreReader::activity, nightId, leg.jsonName());
    }

    List<DeviceEvent> deviceEvents(String nightId) throws SQLException {
        return list("SELECT " + EVENT_COLS + " FROM device_events WHERE night_id = ? ORDER BY time_ms, id",
                StoreReader::deviceEvent, nightId);
    }

    List<CuffAction> cuffActions(String nightId) throws SQLException {
        return list("SELECT " + CUFF_COLS + " FROM cuff_actions WHERE night_id = ? ORDER BY time_ms, id",
                StoreReader::cuffAction, nightId);
    }

    List<NightReport> nightReports(String nightId) throws SQLException {
        return list("SELECT " + REPORT_COLS + " FROM night_reports WHERE night_id = ? ORDER BY id", StoreReader::nightReport, nightId);
    }

    List<CuffSession> cuffSessions(String nightId) throws SQLException {
        return list("SELECT " + SESSION_COLS + " FROM cuff_sessions WHERE night_id = ? ORDER BY start_ms, id",
                StoreReader::cuffSession, nightId);
    }

    Optional<TrialSchedule> trial() throws SQLException {
        List<Object[]> head = list("SELECT seed, control, block_nights, nights, start, policy, cuff_mmhg, sham_mmhg FROM trial",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getDouble(7), rs.getDouble(8)});
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Object[] h = head.get(0);
        TrialConfig cfg = new TrialConfig(TrialConfig.Arm.valueOf((String) h[1]), (Integer) h[2], (Integer) h[3], (Long) h[0],
                LocalDate.parse((String) h[4]));
        List<ScheduledNight> nights = list("SELECT night_id, block, arm FROM trial_nights ORDER BY night_id",
                rs -> new ScheduledNight(LocalDate.parse(rs.getString(1)), rs.getInt(2), TrialConfig.Arm.valueOf(rs.getString(3))));
        return Optional.of(new TrialSchedule(cfg, CuffTherapy.Policy.valueOf((String) h[5]), (Double) h[6], (Double) h[7],
                nights));
    }

    void rawChunks(String nightId, Leg leg, Consumer<RawChunk> sink) throws SQLException {
        rawChunks(nightId, leg, Long.MIN_VALUE, Long.MAX_VALUE, sink);
    }

    /** As {@link #rawChunks(String, Leg, Consumer)}, only the chunks starting in [fromMs, toMs). */
    void rawChunks(String nightId, Leg leg, long fromMs, long toMs, Consumer<RawChunk> sink) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT start_ms, rate_hz, scale_g, axes, n_counts, codec, data FROM raw.raw_chunks"
                + " WHERE night_id = ? AND leg = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms")) {
            p.setString(1, nightId);
            p.setString(2, leg.jsonName());
            p.setLong(3, fromMs);
            p.setLong(4, toMs);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getLong(1);
                    int codec = rs.getInt(6);
                    if (codec != RawCodec.DELTA16_DEFLATE) {
                        throw new SQLException("raw chunk " + nightId + " " + leg.jsonName() + " at " + start
                                + " ms has unknown codec " + codec);
                    }
                    int axes = rs.getInt(4);
                    short[] counts;
                    try {
                        counts = RawCodec.decode(rs.getBytes(7), rs.getInt(5), axes);
                    } catch (DataFormatException e) {
                        throw new SQLException("raw chunk " + nightId + " " + leg.jsonName() + " at " + start + " ms is damaged", e);
                    }
                    sink.accept(new RawChunk(nightId, leg, start, rs.getDouble(2), rs.getDouble(3), axes, counts));
                }
            }
        }
    }

    long[] rawBytes(String nightId) throws SQLException {
        List<long[]> r = list("SELECT count(*), coalesce(sum(length(data)), 0), coalesce(sum(n_counts), 0) FROM raw.raw_chunks WHERE night_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, nightId);
        return r.get(0);
    }

    long outboxBacklog() throws SQLException {
        return list("SELECT count(*) FROM outbox", rs -> rs.getLong(1)).get(0);
    }

    OutboxBatch outbox(long afterSeq, int max) throws SQLException {
        List<long[]> rows = list("SELECT seq, kind, row_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, afterSeq, max);
        if (rows.isEmpty()) {
            return new OutboxBatch(List.of(), 0);
        }
        // The same row may be queued several times (a movement, then its update): send its current state once.
        Map<String, long[]> latest = new LinkedHashMap<>();
        for (long[] r : rows) {
            String key = r[1] + ":" + r[2];
            latest.remove(key);
            latest.put(key, r);
        }
        List<OutboxEntry> entries = new ArrayList<>(latest.size());
        for (long[] r : latest.values()) {
            ItemKind kind = ItemKind.ofCode((int) r[1]);
            PreparedStatement p = byId.get(kind);
            p.setLong(1, r[2]);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    entries.add(new OutboxEntry(r[0], map(kind, rs)));
                }
            }
        }
        return new OutboxBatch(entries, rows.get(rows.size() - 1)[0]);
    }

    private static StoredItem map(ItemKind kind, ResultSet rs) throws SQLException {
        switch (kind) {
            case MOVEMENT: return movement(rs);
            case SERIES: return series(rs);
            case ACTIVITY: return activity(rs);
            case DEVICE_EVENT: return deviceEvent(rs);
            case CUFF_ACTION: return cuffAction(rs);
            case CUFF_SESSION: return cuffSession(rs);
            case NIGHT_REPORT: return nightReport(rs);
            case NIGHT: return night(rs);
            default: throw new IllegalStateException("unmapped kind " + kind);
        }
    }

    private static StoredMovement movement(ResultSet rs) throws SQLException {
        int series = rs.getInt(10);
        Integer seriesId = rs.wasNull() ? null : series;
        double peak = rs.getDouble(12);
        if (rs.wasNull()) {
            peak = Double.NaN;
        }
        double rms = rs.getDouble(13);
        if (rs.wasNull()) {
            rms = Double.NaN;
        }
        return new StoredMovement(rs.getString(2), Leg.parse(rs.getString(3)), rs.getLong(4), rs.getLong(5),
                rs.getDouble(6), rs.getDouble(7), rs.getInt(8) != 0, rs.getInt(9) != 0, seriesId, rs.getInt(11) != 0,
                peak, rms, rs.getString(14), ScoringStandard.parse(rs.getString(15)), MovementSource.parse(rs.getString(16)));
    }

    private static StoredSeries series(ResultSet rs) throws SQLException {
        return new StoredSeries(rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getString(7));
    }

    private static ActivitySecond activity(ResultSet rs) throws SQLException {
        return new ActivitySecond(rs.getString(2), Leg.parse(rs.getString(3)), rs.getLong(4), rs.getDouble(5),
                rs.getInt(6) != 0, rs.getInt(7) != 0);
    }

    private static DeviceEvent deviceEvent(ResultSet rs) throws SQLException {
        return new DeviceEvent(rs.getString(2), rs.getLong(3), rs.getString(4), DeviceEventKind.valueOf(rs.getString(5)),
                rs.getString(6));
    }

    private static NightReport nightReport(ResultSet rs) throws SQLException {
        return new NightReport(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }

    private static CuffSession cuffSession(ResultSet rs) throws SQLException {
        return new CuffSession(rs.getString(2), rs.getLong(3), rs.getLong(4), SessionTrigger.valueOf(rs.getString(5)),
                rs.getInt(6), rs.getDouble(7), SessionOutcome.valueOf(rs.getString(8)));
    }

    private static CuffAction cuffAction(ResultSet rs) throws SQLException {
        return new CuffAction(rs.getString(2), rs.getLong(3), CuffCommand.valueOf(rs.getString(4)), rs.getDouble(5),
                rs.getDouble(6), CuffOutcome.valueOf(rs.getString(7)));
    }

    private static NightRecord night(ResultSet rs) throws SQLException {
        long end = rs.getLong(4);
        Long endMs = rs.wasNull() ? null : end;
        return new NightRecord(rs.getString(2), rs.getLong(3), endMs, ZoneId.of(rs.getString(5)), rs.getDouble(6),
                rs.getDouble(7), rs.getString(8), rs.getString(9), ScoringStandard.parse(rs.getString(10)));
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement p : byId.values()) {
            p.close();
        }
        c.close();
    }
}
