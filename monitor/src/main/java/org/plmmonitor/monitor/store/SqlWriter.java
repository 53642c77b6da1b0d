package org.plmmonitor.monitor.store;

import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.trial.ScheduledNight;
import org.plmmonitor.monitor.trial.TrialSchedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.List;

/**
 * The only code that writes the database, run on the writer thread. Each item is an upsert on its
 * deterministic key; with forwarding on, the same transaction appends an outbox row pointing at it.
 */
final class SqlWriter implements AutoCloseable {
    private final Connection c;
    private final boolean forwarding;
    private final Clock clock;
    private PreparedStatement movement;
    private PreparedStatement series;
    private PreparedStatement activity;
    private PreparedStatement deviceEvent;
    private PreparedStatement cuffAction;
    private PreparedStatement cuffSession;
    private PreparedStatement night;
    private PreparedStatement nightReport;
    private PreparedStatement raw;
    private PreparedStatement outbox;

    SqlWriter(Connection c, boolean forwarding, Clock clock) throws SQLException {
        this.c = c;
        this.forwarding = forwarding;
        this.clock = clock;
        // Transactions are begun and ended by explicit statements: after SQLITE_FULL, SQLite rolls
        // back on its own and the driver's idea of "in a transaction" would be wrong.
        c.setAutoCommit(true);
        prepare();
    }

    private void prepare() throws SQLException {
        movement = c.prepareStatement("INSERT INTO movements (night_id, leg, onset_ms, detector_version, offset_ms, onset_s,"
                + " offset_s, candidate, periodic, series_id, decided, peak_g, rms_g, standard, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (night_id, leg, onset_ms, detector_version) DO UPDATE SET offset_ms=excluded.offset_ms,"
                + " onset_s=excluded.onset_s, offset_s=excluded.offset_s, candidate=excluded.candidate, periodic=excluded.periodic,"
                + " series_id=excluded.series_id, decided=excluded.decided, peak_g=excluded.peak_g, rms_g=excluded.rms_g,"
                + " standard=excluded.standard, source=excluded.source RETURNING id");
        series = c.prepareStatement("INSERT INTO series (night_id, detector_version, series_no, start_ms, end_ms, count)"
                + " VALUES (?,?,?,?,?,?) ON CONFLICT (night_id, detector_version, series_no) DO UPDATE SET"
                + " start_ms=excluded.start_ms, end_ms=excluded.end_ms, count=excluded.count RETURNING id");
        activity = c.prepareStatement("INSERT INTO activity (night_id, leg, epoch_s, activity_g, lying, worn) VALUES (?,?,?,?,?,?)"
                + " ON CONFLICT (night_id, leg, epoch_s) DO UPDATE SET activity_g=excluded.activity_g, lying=excluded.lying,"
                + " worn=excluded.worn RETURNING id");
        deviceEvent = c.prepareStatement("INSERT INTO device_events (night_id, time_ms, device, kind, detail) VALUES (?,?,?,?,?) RETURNING id");
        cuffAction = c.prepareStatement("INSERT INTO cuff_actions (night_id, time_ms, command, target_mmhg, duration_s, outcome)"
                + " VALUES (?,?,?,?,?,?) RETURNING id");
        cuffSession = c.prepareStatement("INSERT INTO cuff_sessions (night_id, start_ms, end_ms, trigger, cycles,"
                + " max_pressure_mmhg, outcome) VALUES (?,?,?,?,?,?,?) ON CONFLICT (night_id, start_ms) DO UPDATE SET"
                + " end_ms=excluded.end_ms, trigger=excluded.trigger, cycles=excluded.cycles,"
                + " max_pressure_mmhg=excluded.max_pressure_mmhg, outcome=excluded.outcome RETURNING id");
        night = c.prepareStatement("INSERT INTO nights (night_id, detector_version, start_ms, end_ms, time_zone, analysable_s,"
                + " wear_s, software_version, standard, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (night_id, detector_version) DO UPDATE SET start_ms=excluded.start_ms, end_ms=excluded.end_ms,"
                + " time_zone=excluded.time_zone, analysable_s=excluded.analysable_s, wear_s=excluded.wear_s,"
                + " software_version=excluded.software_version, standard=excluded.standard, updated_ms=excluded.updated_ms RETURNING id");
        nightReport = c.prepareStatement("INSERT INTO night_reports (night_id, detector_version, start_ms, report_json)"
                + " VALUES (?,?,?,?) ON CONFLICT (night_id, detector_version) DO UPDATE SET start_ms=excluded.start_ms,"
                + " report_json=excluded.report_json RETURNING id");
        raw = c.prepareStatement("INSERT INTO raw.raw_chunks (night_id, leg, start_ms, rate_hz, scale_g, axes, n_counts, codec, data)"
                + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (night_id, leg, start_ms) DO UPDATE SET rate_hz=excluded.rate_hz,"
                + " scale_g=excluded.scale_g, axes=excluded.axes, n_counts=excluded.n_counts, codec=excluded.codec, data=excluded.data");
        outbox = c.prepareStatement("INSERT INTO outbox (kind, row_id) VALUES (?,?)");
    }

    /** Writes the items in one transaction; rolls back and rethrows on any failure. */
    void commit(List<Object> items) throws SQLException {
        try {
            begin();
            for (Object o : items) {
                write(o);
            }
            end();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            reprepare(e);
            throw e;
        }
    }

    /**
     * After a failed statement (SQLITE_FULL rolls the transaction back by itself) the driver may
     * have closed our prepared statements: prepare them afresh so the retry starts clean.
     */
    private void reprepare(Exception cause) {
        closeStatements(cause);
        try {
            prepare();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    void write(Object o) throws SQLException {
        if (o instanceof RawChunk r) {
            writeRaw(r);
            return;
        }
        StoredItem item = (StoredItem) o;
        long id;
        if (item instanceof StoredMovement m) {
            id = writeMovement(m);
        } else if (item instanceof StoredSeries s) {
            id = returningId(bindSeries(s));
        } else if (item instanceof ActivitySecond a) {
            id = returningId(bindActivity(a));
        } else if (item instanceof DeviceEvent e) {
            deviceEvent.setString(1, e.nightId());
            deviceEvent.setLong(2, e.timeUtcMs());
            deviceEvent.setString(3, e.device());
            deviceEvent.setString(4, e.kind().name());
            deviceEvent.setString(5, e.detail());
            id = returningId(deviceEvent);
        } else if (item instanceof CuffAction a) {
            cuffAction.setString(1, a.nightId());
            cuffAction.setLong(2, a.timeUtcMs());
            cuffAction.setString(3, a.command().name());
            cuffAction.setDouble(4, a.targetMmHg());
            cuffAction.setDouble(5, a.durationS());
            cuffAction.setString(6, a.outcome().name());
            id = returningId(cuffAction);
        } else if (item instanceof CuffSession s) {
            cuffSession.setString(1, s.nightId());
            cuffSession.setLong(2, s.startUtcMs());
            cuffSession.setLong(3, s.endUtcMs());
            cuffSession.setString(4, s.trigger().name());
            cuffSession.setInt(5, s.cycles());
            cuffSession.setDouble(6, s.maxPressureMmHg());
            cuffSession.setString(7, s.outcome().name());
            id = returningId(cuffSession);
        } else if (item instanceof NightReport r) {
            nightReport.setString(1, r.nightId());
            nightReport.setString(2, r.detectorVersion());
            nightReport.setLong(3, r.startUtcMs());
            nightReport.setString(4, r.reportJson());
            id = returningId(nightReport);
        } else {
            id = returningId(bindNight((NightRecord) item));
        }
        if (forwarding) {
            outbox.setInt(1, ItemKind.of(item).code);
            outbox.setLong(2, id);
            outbox.executeUpdate();
        }
    }

    private long writeMovement(StoredMovement m) throws SQLException {
        movement.setString(1, m.nightId());
        movement.setString(2, m.leg().jsonName());
        movement.setLong(3, m.onsetUtcMs());
        movement.setString(4, m.detectorVersion());
        movement.setLong(5, m.offsetUtcMs());
        movement.setDouble(6, m.onsetS());
        movement.setDouble(7, m.offsetS());
        movement.setInt(8, m.candidate() ? 1 : 0);
        movement.setInt(9, m.periodic() ? 1 : 0);
        if (m.seriesId() == null) {
            movement.setNull(10, Types.INTEGER);
        } else {
            movement.setInt(10, m.seriesId());
        }
        movement.setInt(11, m.decided() ? 1 : 0);
        setNullableDouble(movement, 12, m.peakG());
        setNullableDouble(movement, 13, m.rmsG());
        movement.setString(14, m.standard().cliName());
        movement.setString(15, m.source().jsonName());
        return returningId(movement);
    }

    private PreparedStatement bindSeries(StoredSeries s) throws SQLException {
        series.setString(1, s.nightId());
        series.setString(2, s.detectorVersion());
        series.setInt(3, s.id());
        series.setLong(4, s.startUtcMs());
        series.setLong(5, s.endUtcMs());
        series.setInt(6, s.count());
        return series;
    }

    private PreparedStatement bindActivity(ActivitySecond a) throws SQLException {
        activity.setString(1, a.nightId());
        activity.setString(2, a.leg().jsonName());
        activity.setLong(3, a.epochS());
        activity.setDouble(4, a.activityG());
        activity.setInt(5, a.lying() ? 1 : 0);
        activity.setInt(6, a.worn() ? 1 : 0);
        return activity;
    }

    private PreparedStatement bindNight(NightRecord n) throws SQLException {
        night.setString(1, n.nightId());
        night.setString(2, n.detectorVersion());
        night.setLong(3, n.startUtcMs());
        if (n.endUtcMs() == null) {
            night.setNull(4, Types.INTEGER);
        } else {
            night.setLong(4, n.endUtcMs());
        }
        night.setString(5, n.timeZone().getId());
        night.setDouble(6, n.analysableS());
        night.setDouble(7, n.wearS());
        night.setString(8, n.softwareVersion());
        night.setString(9, n.standard().cliName());
        night.setLong(10, clock.millis());
        return night;
    }

    private void writeRaw(RawChunk r) throws SQLException {
        short[] counts = r.counts();
        raw.setString(1, r.nightId());
        raw.setString(2, r.leg().jsonName());
        raw.setLong(3, r.startUtcMs());
        raw.setDouble(4, r.rateHz());
        raw.setDouble(5, r.scaleGPerCount());
        raw.setInt(6, r.axes());
        raw.setInt(7, counts.length);
        raw.setInt(8, RawCodec.DELTA16_DEFLATE);
        raw.setBytes(9, RawCodec.encode(counts, r.axes()));
        raw.executeUpdate();
    }

    private void closeStatements(Exception cause) {
        for (PreparedStatement p : new PreparedStatement[] {movement, series, activity, deviceEvent, cuffAction, cuffSession, night, nightReport, raw, outbox}) {
            try {
                p.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private void begin() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    private void end() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    /** Deletes acknowledged outbox rows. */
    void ackOutbox(long upToSeq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE seq <= ?")) {
            p.setLong(1, upToSeq);
            p.executeUpdate();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /** Runs one statement in its own transaction; returns the rows changed. */
    int executeInTransaction(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /** Replaces the recorded trial and its nights in one transaction. */
    void recordTrial(TrialSchedule t, long nowMs) throws SQLException {
        try (Statement s = c.createStatement();
             PreparedStatement head = c.prepareStatement("INSERT INTO trial (id, seed, control, block_nights, nights, start,"
                     + " policy, cuff_mmhg, sham_mmhg, recorded_ms) VALUES (1,?,?,?,?,?,?,?,?,?)");
             PreparedStatement night = c.prepareStatement("INSERT INTO trial_nights (night_id, block, arm) VALUES (?,?,?)")) {
            begin();
            s.executeUpdate("DELETE FROM trial");
            s.executeUpdate("DELETE FROM trial_nights");
            TrialConfig cfg = t.config();
            head.setLong(1, cfg.seed());
            head.setString(2, cfg.control().name());
            head.setInt(3, cfg.blockNights());
            head.setInt(4, cfg.nights());
            head.setString(5, cfg.start().toString());
            head.setString(6, t.policy().name());
            head.setDouble(7, t.cuffMmHg());
            head.setDouble(8, t.shamMmHg());
            head.setLong(9, nowMs);
            head.executeUpdate();
            for (ScheduledNight n : t.nights()) {
                night.setString(1, n.night().toString());
                night.setInt(2, n.block());
                night.setString(3, n.arm().name());
                night.executeUpdate();
            }
            end();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /** Deletes every row of every table, then rewrites the file so the deleted pages are gone too. */
    void deleteAll() throws SQLException {
        try (Statement s = c.createStatement()) {
            begin();
            for (String t : new String[] {"movements", "series", "activity", "device_events", "cuff_actions", "cuff_sessions",
                    "nights", "night_reports", "trial", "trial_nights", "raw.raw_chunks", "outbox", DiaryTables.DIARY, DiaryTables.LAB}) {
                s.executeUpdate("DELETE FROM " + t);
            }
            end();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        }
        // VACUUM refuses to run while any statement is prepared and stepped: close ours around it.
        SQLException closing = new SQLException("closing statements before VACUUM");
        closeStatements(closing);
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM main");
            s.execute("VACUUM raw");
            s.execute("PRAGMA main.wal_checkpoint(TRUNCATE)");
            s.execute("PRAGMA raw.wal_checkpoint(TRUNCATE)");
        } finally {
            prepare();
        }
    }

    long[] outboxRange() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT min(seq), max(seq) FROM outbox")) {
            rs.next();
            long min = rs.getLong(1);
            long max = rs.getLong(2);
            return new long[] {min, max};
        }
    }

    private static long returningId(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("upsert returned no row id");
            }
            return rs.getLong(1);
        }
    }

    private static void setNullableDouble(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active" after SQLite's own rollback (SQLITE_FULL) is expected
            if (e.getMessage() == null || !e.getMessage().contains("no transaction")) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
