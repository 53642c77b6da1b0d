package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;

import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.cuff.SessionTrigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, synthetic night of everything the daemon stores: per-second activity for two legs,
 * movements (first with series pending, then decided), series, device events, cuff actions, the
 * night record. Used by the store and InfluxDB tests; not a physiological model.
 */
public final class SyntheticNight {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    public static final String DETECTOR = "det-1.0";

    public final String nightId;
    public final long startMs;
    public final int seconds;
    public final List<ActivitySecond> activity = new ArrayList<>();
    public final List<StoredMovement> pendingMovements = new ArrayList<>();
    public final List<StoredMovement> movements = new ArrayList<>();
    public final List<StoredSeries> series = new ArrayList<>();
    public final List<DeviceEvent> events = new ArrayList<>();
    public final List<CuffAction> cuff = new ArrayList<>();
    public final List<CuffSession> sessions = new ArrayList<>();
    public final NightRecord night;

    /**
     * @param start   night start (evening), UTC
     * @param seconds length, s
     * @param seed    RNG seed
     */
    public SyntheticNight(Instant start, int seconds, long seed) {
        Random rnd = new Random(seed);
        this.startMs = start.toEpochMilli();
        this.seconds = seconds;
        this.nightId = NightIds.of(start, ZONE);
        long startS = start.getEpochSecond();
        for (int s = 0; s < seconds; s++) {
            for (Leg leg : new Leg[] {Leg.LEFT, Leg.RIGHT}) {
                activity.add(new ActivitySecond(nightId, leg, startS + s, 0.002 + 0.01 * rnd.nextDouble(), true, true));
            }
        }
        // Movements every ~30 s in runs (series) of 8 on the left leg, then a pause.
        int seriesNo = 0;
        double t = 60;
        while (t < seconds - 120) {
            seriesNo++;
            long seriesStart = 0;
            long seriesEnd = 0;
            for (int k = 0; k < 8 && t < seconds - 20; k++) {
                double dur = 0.6 + 2 * rnd.nextDouble();
                long onMs = startMs + Math.round(t * 1000);
                long offMs = onMs + Math.round(dur * 1000);
                pendingMovements.add(new StoredMovement(nightId, Leg.LEFT, onMs, offMs, t, t + dur, true, false, null, false,
                        0.05 + rnd.nextDouble() * 0.2, 0.03, DETECTOR, ScoringStandard.WASM2016));
                movements.add(new StoredMovement(nightId, Leg.LEFT, onMs, offMs, t, t + dur, true, true, seriesNo, true,
                        0.05 + rnd.nextDouble() * 0.2, 0.03, DETECTOR, ScoringStandard.WASM2016));
                if (k == 0) {
                    seriesStart = onMs;
                }
                seriesEnd = offMs;
                t += 20 + rnd.nextInt(20);
            }
            series.add(new StoredSeries(nightId, seriesNo, seriesStart, seriesEnd, 8, DETECTOR));
            t += 120 + rnd.nextInt(60);
        }
        for (int i = 0; i < seconds / 600; i++) {
            events.add(new DeviceEvent(nightId, startMs + i * 600_000L + 17, i % 2 == 0 ? "left-sensor" : "right-sensor",
                    DeviceEventKind.BATTERY, "battery " + (100 - i) + " %"));
        }
        cuff.add(new CuffAction(nightId, startMs - 3_600_000L, CuffCommand.INFLATE, 30, 60, CuffOutcome.DONE));
        cuff.add(new CuffAction(nightId, startMs - 3_540_000L, CuffCommand.VENT, 0, 0, CuffOutcome.DONE));
        // A scheduled session before bed and one closed-loop session cut by a fault.
        sessions.add(new CuffSession(nightId, startMs - 3_600_000L, startMs - 3_540_000L, SessionTrigger.SCHEDULED, 60, 29.4,
                SessionOutcome.COMPLETED));
        sessions.add(new CuffSession(nightId, startMs + 600_000L, startMs + 661_500L, SessionTrigger.SERIES, 2, 31.2,
                SessionOutcome.FAULT));
        night = new NightRecord(nightId, startMs, startMs + seconds * 1000L, ZONE, seconds * 0.9, seconds * 0.95,
                "0.1.0-test", DETECTOR, ScoringStandard.WASM2016);
    }

    /** @return total points this night produces in InfluxDB (movements counted once) */
    public int pointCount() {
        return activity.size() + movements.size() + series.size() + events.size() + cuff.size() + sessions.size() + 1;
    }
}
