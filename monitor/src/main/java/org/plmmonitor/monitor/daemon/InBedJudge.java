package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Posture modes: whether the patient is in bed, from every leg's seconds. In bed while at least one leg
 * lies with its sensor worn; out of bed once no leg does. So a strap that comes off in the night, or one
 * sensor's flat battery, does not end the night while the other leg is still lying, and one sensor left
 * on the nightstand does not keep a night from opening. A leg that has delivered nothing for
 * {@link #SILENT_S} (its source stopped) counts as out of bed from its last second. Times are seconds on
 * the sources' line. Not thread-safe: the daemon's processing thread only.
 */
final class InBedJudge {
    /** A leg whose seconds lag the most advanced leg's by more than this has gone silent, s. */
    static final double SILENT_S = 60;

    /** One leg's current run: lying (worn) or not, since when, up to where. */
    private static final class Run {
        boolean lying;
        double since = Double.NaN;
        double until = Double.NaN;
    }

    private final Map<Leg, Run> runs = new EnumMap<>(Leg.class);

    /** @param legs the legs with a sensor; at least one */
    InBedJudge(Set<Leg> legs) {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("no leg to judge posture by");
        }
        legs.forEach(l -> runs.put(l, new Run()));
    }

    /** One epoch of one leg, in time order for that leg. */
    void epoch(Leg leg, Epoch e) {
        Run r = runs.get(leg);
        boolean lying = e.state() == Epoch.State.ANALYSABLE;
        if (Double.isNaN(r.since) || r.lying != lying) {
            r.lying = lying;
            r.since = e.startS();
        }
        r.until = e.endS();
    }

    /**
     * @param forS how long a leg must have lain with its sensor worn, s
     * @return where the earliest such lying began (line seconds), once some leg has lain that long
     */
    OptionalDouble lyingFor(double forS) {
        double since = Double.POSITIVE_INFINITY;
        for (Run r : runs.values()) {
            if (r.lying && r.until - r.since >= forS) {
                since = Math.min(since, r.since);
            }
        }
        return since < Double.POSITIVE_INFINITY ? OptionalDouble.of(since) : OptionalDouble.empty();
    }

    /**
     * @param forS how long no leg may have lain with its sensor worn, s
     * @return where the last leg left the bed (line seconds), once that has lasted {@code forS}
     */
    OptionalDouble outFor(double forS) {
        double latest = Double.NEGATIVE_INFINITY;
        for (Run r : runs.values()) {
            if (!Double.isNaN(r.until)) {
                latest = Math.max(latest, r.until);
            }
        }
        if (latest == Double.NEGATIVE_INFINITY) {
            return OptionalDouble.empty();
        }
        double since = Double.NEGATIVE_INFINITY;
        double until = Double.POSITIVE_INFINITY;
        for (Run r : runs.values()) {
            if (Double.isNaN(r.since)) {
                continue; // never heard from: no say either way
            }
            boolean silent = latest - r.until > SILENT_S;
            if (r.lying && !silent) {
                return OptionalDouble.empty();
            }
            since = Math.max(since, r.lying ? r.until : r.since);
            until = Math.min(until, silent ? latest : r.until);
        }
        return until - since >= forS ? OptionalDouble.of(since) : OptionalDouble.empty();
    }

    /** Forgets every run (a night just opened or closed: the next decision needs new evidence). */
    void reset() {
        runs.values().forEach(r -> {
            r.since = Double.NaN;
            r.until = Double.NaN;
        });
    }
}
