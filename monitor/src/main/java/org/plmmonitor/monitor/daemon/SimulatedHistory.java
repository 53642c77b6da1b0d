package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.monitor.store.LocalStore;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Earlier nights for a demonstration store: a seeded synthetic night, fed as fast as it is generated into a
 * {@link NightSession} (the daemon's own night: {@code NightPipeline} for the analysis, the same store writes,
 * raw signal, night record, JSON report and EDF+ at close), with its line anchored at a given evening. No
 * clock gate or pacing: the history is not live, and the store's writer takes it at its own pace.
 */
public final class SimulatedHistory {
    /** Local time at which a history night's recording starts. */
    public static final LocalTime START = LocalTime.of(22, 30);
    /** How many line seconds are fed between two scorer ticks. */
    private static final double TICK_EVERY_S = 60;

    private SimulatedHistory() {
    }

    /**
     * Stores one synthetic two-ankle night as the daemon would have, and closes it.
     *
     * @param store     the open store
     * @param nightsDir where the night's JSON report and EDF+ files go
     * @param zone      the bedroom's time zone
     * @param night     the evening the night is named by; recording starts at {@link #START} local time
     * @param spec      the synthetic night (seed, length, rate, PLM rate); bilateral
     * @param standard  scoring rules
     * @return the closed night (its analysis and report file)
     */
    public static ClosedNight store(LocalStore store, Path nightsDir, ZoneId zone, LocalDate night, NightSpec spec,
                                    ScoringStandard standard) {
        Objects.requireNonNull(store, "store");
        SyntheticNight sim = SyntheticNight.generate(spec);
        long startMs = night.atTime(START).atZone(zone).toInstant().toEpochMilli();
        WallClockMapper mapper = new WallClockMapper();
        mapper.observe(0, java.time.Instant.ofEpochMilli(startMs), true); // line second 0 is the night's start
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        for (Leg leg : sim.legs()) {
            rates.put(leg, spec.rateHz());
            names.put(leg, "simulator (seed " + spec.seed() + ", demo history)");
        }
        NightSession session = new NightSession(night.toString(), startMs, rates, names, standard, zone, mapper, store, null);
        Map<Leg, SampleSource> sources = new EnumMap<>(Leg.class);
        Map<Leg, AccelerationSink> sinks = new EnumMap<>(Leg.class);
        for (Leg leg : sim.legs()) {
            sources.put(leg, sim.source(leg));
            sinks.put(leg, session.sink(leg));
        }
        // Feed the legs in step, a minute at a time, so the scorer can release what no leg precedes any more.
        double[] s = new double[4];
        double lastS = 0;
        Map<Leg, double[]> pending = new EnumMap<>(Leg.class);
        for (double until = TICK_EVERY_S; !sources.isEmpty(); until += TICK_EVERY_S) {
            for (var it = sources.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                double[] held = pending.remove(e.getKey());
                if (held != null) {
                    if (held[0] >= until) {
                        pending.put(e.getKey(), held);
                        continue;
                    }
                    sinks.get(e.getKey()).accept(held[0], held[1], held[2], held[3]);
                }
                boolean more;
                while ((more = e.getValue().next(s)) && s[0] < until) {
                    sinks.get(e.getKey()).accept(s[0], s[1], s[2], s[3]);
                    lastS = Math.max(lastS, s[0]);
                }
                if (more) {
                    pending.put(e.getKey(), s.clone());
                } else {
                    it.remove();
                }
            }
            session.tick();
        }
        return session.close(mapper.toUtcMs(lastS), nightsDir);
    }
}
