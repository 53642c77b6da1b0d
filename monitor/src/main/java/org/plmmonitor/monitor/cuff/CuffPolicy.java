package org.plmmonitor.monitor.cuff;

import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The therapy policy's state machine ({@link SessionState}). Each method is given the time (UTC epoch ms,
 * from the caller's clock) and one event, and returns what to do, in order; it never reads a clock and
 * never blocks. Not thread-safe: one caller.
 *
 * <p>Rules: a session is cycles of INFLATE every {@code cycle_s} from its start, for {@code session_min}
 * (scheduled: until the symptom onset). Every INFLATE's target is below the host ceiling and its hold at
 * most the longest inflation, whatever the therapy says. VENT is sent, and the session ends, at a
 * fault flag appearing in telemetry, a refused or unanswered INFLATE, a lost link, an inflation the
 * controller reports open past the longest inflation, a stop, quiet hours and the night's close; a
 * session that ends so starts no other that night. The controller in FAULT is sent no VENT: its vent is
 * open already, and a VENT on an empty cuff would clear the latch a person should see (PROTOCOL.md
 * section 8). Under an n-of-1 trial the night's arm decides too: no session on a night without the cuff, and
 * sessions at the sham pressure on a sham night.
 */
public final class CuffPolicy {
    private final CuffTherapy therapy;
    private final double targetMmHg;
    private final double holdS;
    private final long maxInflationMs;
    private final ZoneId zone;
    private final LongFunction<TrialConfig.Arm> armAt;

    private SessionState state;
    // The night (closed-loop).
    private boolean nightOpen;
    private int sessionsTonight;
    private final Deque<Long> recentOnsets = new ArrayDeque<>();
    // The controller, from telemetry.
    private boolean linkUp;
    private CuffState controller;
    private int flags;
    private long inflatedSinceMs = -1;
    // The running session.
    private SessionTrigger trigger;
    private long nextCycleMs;
    private long startMs;
    private long endMs;
    private int cycles;
    private double maxPressureMmHg;
    private double sessionTargetMmHg;
    // The last session's end; the last scheduled window started (its local date).
    private long lastEndMs = Long.MIN_VALUE;
    private LocalDate lastWindow;

    /**
     * @param therapy      the policy and its dose
     * @param ceilingMmHg  the host ceiling, mmHg ({@code cuff.max_pressure_mmhg}); every INFLATE's target stays
     *                     below it, and below {@link CuffConfig#HARD_MAX_PRESSURE_MMHG}
     * @param maxInflation the longest one inflation may last ({@code cuff.max_inflation_s}), 1 s or more; every
     *                     INFLATE's hold stays within it
     * @param zone         the local zone of the symptom onset and quiet hours
     */
    public CuffPolicy(CuffTherapy therapy, int ceilingMmHg, Duration maxInflation, ZoneId zone) {
        this(therapy, ceilingMmHg, maxInflation, zone, t -> TrialConfig.Arm.CUFF);
    }

    /**
     * A policy that follows an n-of-1 trial's schedule: a session due at a time whose night's arm is
     * {@link TrialConfig.Arm#NONE} is not started (a scheduled window is spent all the same); one whose arm is
     * {@link TrialConfig.Arm#SHAM} inflates to {@link TrialConfig#SHAM_MMHG} instead of the therapy's target.
     *
     * @param therapy      the policy and its dose
     * @param ceilingMmHg  the host ceiling, mmHg, as in {@link #CuffPolicy(CuffTherapy, int, Duration, ZoneId)}
     * @param maxInflation the longest one inflation may last, 1 s or more
     * @param zone         the local zone of the symptom onset and quiet hours
     * @param armAt        the trial arm of the night a UTC epoch ms time falls in ({@link TrialConfig.Arm#CUFF}
     *                     outside the trial)
     */
    public CuffPolicy(CuffTherapy therapy, int ceilingMmHg, Duration maxInflation, ZoneId zone,
                      LongFunction<TrialConfig.Arm> armAt) {
        this.armAt = Objects.requireNonNull(armAt, "armAt");
        this.therapy = Objects.requireNonNull(therapy, "therapy");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (maxInflation.toSeconds() < 1) {
            throw new IllegalArgumentException("longest inflation " + maxInflation + " is under 1 s");
        }
        // Below the ceiling (the controller refuses a target at it), whatever the therapy was built with.
        int ceiling = Math.min(ceilingMmHg, CuffConfig.HARD_MAX_PRESSURE_MMHG);
        this.targetMmHg = Math.max(0, Math.min(therapy.targetMmHg(), ceiling - 1));
        this.holdS = Math.min(therapy.inflationS(), maxInflation.toSeconds());
        this.maxInflationMs = maxInflation.toMillis();
        boolean off = therapy.policy() == CuffTherapy.Policy.OFF || therapy.contraindicated() || targetMmHg <= 0;
        this.state = off ? SessionState.OFF : SessionState.WAITING;
    }

    /** @return the cuff arm's cycle pressure, mmHg: the therapy's target clamped below the ceilings */
    public double targetMmHg() {
        return targetMmHg;
    }

    /** @return where the policy stands */
    public SessionState state() {
        return state;
    }

    /**
     * The earliest time this policy may start a session, for a person to read ({@code plm status}).
     *
     * @param nowMs the time, UTC epoch ms
     * @return closed-loop: {@code nowMs}, or the end of the refractory period after the last session;
     *         scheduled: the start of the next daily window not yet run ({@code nowMs} inside one);
     *         empty while a session runs, when no other may start in the open night, or with the policy off
     */
    public OptionalLong nextAllowedMs(long nowMs) {
        if (state == SessionState.OFF || state == SessionState.RUNNING) {
            return OptionalLong.empty();
        }
        if (therapy.policy() == CuffTherapy.Policy.CLOSED_LOOP) {
            if (state == SessionState.ENDED_FOR_NIGHT || (nightOpen && sessionsTonight >= therapy.maxSessionsPerNight())) {
                return OptionalLong.empty();
            }
            long refractoryEnd = lastEndMs == Long.MIN_VALUE ? nowMs : lastEndMs + therapy.refractoryMin() * 60_000L;
            return OptionalLong.of(Math.max(nowMs, refractoryEnd));
        }
        LocalDate today = Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate();
        for (LocalDate d = today; !d.isAfter(today.plusDays(2)); d = d.plusDays(1)) {
            long end = d.atTime(therapy.symptomOnset().orElseThrow()).atZone(zone).toInstant().toEpochMilli();
            if (!d.equals(lastWindow) && nowMs < end) {
                return OptionalLong.of(Math.max(nowMs, end - therapy.sessionMin() * 60_000L));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Time passes: cycles fall due, a session's end or quiet hours come, a scheduled window opens, an
     * inflation may have lasted too long.
     *
     * @param nowMs the time, UTC epoch ms
     * @return what to do
     */
    public List<PolicyAction> tick(long nowMs) {
        List<PolicyAction> out = new ArrayList<>();
        if (overran(nowMs)) {
            out.add(new PolicyAction.Vent());
            inflatedSinceMs = -1;
            if (state == SessionState.RUNNING) {
                end(nowMs, SessionOutcome.OVERRUN, false, out);
            }
            return out;
        }
        if (state == SessionState.RUNNING) {
            if (nowMs >= endMs) {
                end(nowMs, SessionOutcome.COMPLETED, true, out);
            } else if (quiet(nowMs)) {
                end(nowMs, SessionOutcome.QUIET_HOURS, true, out);
            } else if (nowMs >= nextCycleMs) {
                out.add(new PolicyAction.Inflate(sessionTargetMmHg, holdS));
                cycles++;
                // Cycles keep their grid from the session's start; one missed (a stalled caller) is skipped.
                while (nextCycleMs <= nowMs) {
                    nextCycleMs += therapy.cycleS() * 1000L;
                }
            }
        } else if (therapy.policy() == CuffTherapy.Policy.SCHEDULED && state != SessionState.OFF) {
            scheduledWindow(nowMs, out);
        }
        return out;
    }

    /**
     * A night opened: a closed-loop policy may start sessions in it.
     *
     * @param nowMs the time, UTC epoch ms
     * @return what to do (nothing; a session starts on its trigger)
     */
    public List<PolicyAction> nightOpened(long nowMs) {
        nightOpen = true;
        sessionsTonight = 0;
        recentOnsets.clear();
        if (state == SessionState.ENDED_FOR_NIGHT && therapy.policy() == CuffTherapy.Policy.CLOSED_LOOP) {
            state = SessionState.WAITING;
        }
        return List.of();
    }

    /**
     * The night closed: a running session vents and ends.
     *
     * @param nowMs the time, UTC epoch ms
     * @return what to do
     */
    public List<PolicyAction> nightClosed(long nowMs) {
        nightOpen = false;
        recentOnsets.clear();
        List<PolicyAction> out = new ArrayList<>();
        if (state == SessionState.RUNNING) {
            end(nowMs, SessionOutcome.NIGHT_CLOSED, true, out);
        }
        return out;
    }

    /**
     * A PLM series began in the open night.
     *
     * @param nowMs the time, UTC epoch ms
     * @return what to do: a closed-loop session may start
     */
    public List<PolicyAction> seriesStarted(long nowMs) {
        List<PolicyAction> out = new ArrayList<>();
        if (therapy.trigger() == CuffTherapy.Trigger.SERIES) {
            maybeStartClosedLoop(nowMs, SessionTrigger.SERIES, out);
        }
        return out;
    }

    /**
     * A candidate leg movement in the open night.
     *
     * @param onsetMs its onset, UTC epoch ms (movements may arrive out of order by a few seconds)
     * @param nowMs   the time, UTC epoch ms
     * @return what to do: a closed-loop session may start when enough lie within the window
     */
    public List<PolicyAction> candidateMovement(long onsetMs, long nowMs) {
        List<PolicyAction> out = new ArrayList<>();
        if (therapy.trigger() != CuffTherapy.Trigger.MOVEMENTS || !nightOpen) {
            return out;
        }
        recentOnsets.addLast(onsetMs);
        long latest = recentOnsets.stream().mapToLong(Long::longValue).max().orElse(onsetMs);
        long window = therapy.triggerWindowMin() * 60_000L;
        recentOnsets.removeIf(t -> t < latest - window);
        if (recentOnsets.size() >= therapy.triggerMovements()) {
            maybeStartClosedLoop(nowMs, SessionTrigger.MOVEMENTS, out);
        }
        return out;
    }

    /**
     * The controller's telemetry.
     *
     * @param nowMs        the time it arrived, UTC epoch ms
     * @param state        the controller's state
     * @param faultFlags   its fault flags (PROTOCOL.md 7.4), 16 bits
     * @param pressureMmHg its pressure, mmHg
     * @return what to do: a fault flag appearing, or FAULT, ends a running session
     */
    public List<PolicyAction> telemetry(long nowMs, CuffState state, int faultFlags, double pressureMmHg) {
        Objects.requireNonNull(state, "state");
        linkUp = true;
        controller = state;
        int appeared = faultFlags & ~flags;
        flags = faultFlags;
        boolean open = state == CuffState.INFLATING || state == CuffState.HOLDING;
        if (!open) {
            inflatedSinceMs = -1;
        } else if (inflatedSinceMs < 0) {
            inflatedSinceMs = nowMs;
        }
        List<PolicyAction> out = new ArrayList<>();
        if (this.state != SessionState.RUNNING) {
            return out;
        }
        maxPressureMmHg = Math.max(maxPressureMmHg, pressureMmHg);
        if (state == CuffState.FAULT) {
            end(nowMs, SessionOutcome.FAULT, false, out);
        } else if (appeared != 0) {
            end(nowMs, SessionOutcome.FAULT, true, out);
        } else {
            out.addAll(tick(nowMs));
        }
        return out;
    }

    /**
     * The controller answered an INFLATE this policy decided (or did not within the wait).
     *
     * @param nowMs    the time, UTC epoch ms
     * @param accepted whether it acknowledged it; false for NACK, no answer in time, or a send that failed
     * @return what to do: a refused INFLATE vents and ends the session
     */
    public List<PolicyAction> inflateAnswered(long nowMs, boolean accepted) {
        List<PolicyAction> out = new ArrayList<>();
        if (!accepted && state == SessionState.RUNNING) {
            end(nowMs, SessionOutcome.REFUSED, true, out);
        }
        return out;
    }

    /**
     * The link to the controller was lost. VENT is still decided (it reaches the controller if the link
     * comes back first; otherwise the controller's watchdog vents).
     *
     * @param nowMs the time, UTC epoch ms
     * @return what to do
     */
    public List<PolicyAction> linkLost(long nowMs) {
        linkUp = false;
        controller = null;
        inflatedSinceMs = -1;
        List<PolicyAction> out = new ArrayList<>();
        if (state == SessionState.RUNNING) {
            end(nowMs, SessionOutcome.LINK_LOST, true, out);
        }
        return out;
    }

    /**
     * A person asked to stop ({@code plm cuff stop}), or the daemon stops.
     *
     * @param nowMs the time, UTC epoch ms
     * @param why   {@link SessionOutcome#STOPPED} or {@link SessionOutcome#DAEMON_STOPPED}
     * @return what to do: a running session vents and ends (a person's stop: none other tonight; with
     *         closed-loop and no session running, none in the open night)
     */
    public List<PolicyAction> stop(long nowMs, SessionOutcome why) {
        if (why != SessionOutcome.STOPPED && why != SessionOutcome.DAEMON_STOPPED) {
            throw new IllegalArgumentException("a stop ends with stopped or daemon_stopped, not " + why);
        }
        List<PolicyAction> out = new ArrayList<>();
        if (state == SessionState.RUNNING) {
            end(nowMs, why, true, out);
        } else if (why == SessionOutcome.STOPPED && state == SessionState.WAITING && nightOpen
                && therapy.policy() == CuffTherapy.Policy.CLOSED_LOOP) {
            // A person who says stop in the open night means no session in it, not only not this one.
            state = SessionState.ENDED_FOR_NIGHT;
        }
        return out;
    }

    private boolean overran(long nowMs) {
        return inflatedSinceMs >= 0 && nowMs - inflatedSinceMs > maxInflationMs;
    }

    private boolean quiet(long nowMs) {
        return therapy.policy() == CuffTherapy.Policy.CLOSED_LOOP && therapy.quietHours()
                .map(q -> q.contains(Instant.ofEpochMilli(nowMs).atZone(zone).toLocalTime())).orElse(false);
    }

    private boolean controllerReady() {
        return linkUp && controller != null && controller != CuffState.FAULT;
    }

    private void maybeStartClosedLoop(long nowMs, SessionTrigger why, List<PolicyAction> out) {
        if (therapy.policy() != CuffTherapy.Policy.CLOSED_LOOP || state != SessionState.WAITING || !nightOpen
                || sessionsTonight >= therapy.maxSessionsPerNight() || quiet(nowMs) || !controllerReady()
                || (lastEndMs != Long.MIN_VALUE && nowMs < lastEndMs + therapy.refractoryMin() * 60_000L)) {
            return;
        }
        if (armAt.apply(nowMs) == TrialConfig.Arm.NONE) {
            return; // a trial night without the cuff: the trigger is seen and no session starts
        }
        sessionsTonight++;
        recentOnsets.clear();
        start(nowMs, nowMs + therapy.sessionMin() * 60_000L, why, out);
    }

    /** The scheduled window that holds {@code nowMs}: it ends at the symptom onset of that date or the next. */
    private void scheduledWindow(long nowMs, List<PolicyAction> out) {
        LocalDate date = windowDateAt(nowMs);
        if (date == null || date.equals(lastWindow) || !controllerReady()) {
            return;
        }
        lastWindow = date;
        state = SessionState.WAITING;
        if (armAt.apply(nowMs) == TrialConfig.Arm.NONE) {
            return; // a trial night without the cuff: the window is spent with no session
        }
        long end = date.atTime(therapy.symptomOnset().orElseThrow()).atZone(zone).toInstant().toEpochMilli();
        start(nowMs, end, SessionTrigger.SCHEDULED, out);
    }

    /** @return the local date of the symptom onset whose window holds {@code nowMs}, or null */
    private LocalDate windowDateAt(long nowMs) {
        if (therapy.symptomOnset().isEmpty()) {
            return null;
        }
        LocalDateTime now = Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDateTime();
        for (LocalDate d : List.of(now.toLocalDate(), now.toLocalDate().plusDays(1))) {
            LocalDateTime end = d.atTime(therapy.symptomOnset().get());
            LocalDateTime start = end.minusMinutes(therapy.sessionMin());
            if (!now.isBefore(start) && now.isBefore(end)) {
                return d;
            }
        }
        return null;
    }

    private void start(long nowMs, long endAtMs, SessionTrigger why, List<PolicyAction> out) {
        state = SessionState.RUNNING;
        trigger = why;
        startMs = nowMs;
        endMs = endAtMs;
        sessionTargetMmHg = armAt.apply(nowMs) == TrialConfig.Arm.SHAM ? Math.min(targetMmHg, TrialConfig.SHAM_MMHG) : targetMmHg;
        nextCycleMs = nowMs;
        cycles = 0;
        maxPressureMmHg = 0;
        out.add(new PolicyAction.SessionStarted(nowMs, why));
        out.addAll(tick(nowMs));
    }

    private void end(long nowMs, SessionOutcome outcome, boolean vent, List<PolicyAction> out) {
        if (vent) {
            out.add(new PolicyAction.Vent());
        }
        out.add(new PolicyAction.SessionEnded(startMs, nowMs, trigger, outcome, cycles, maxPressureMmHg));
        lastEndMs = nowMs;
        state = outcome.endsNight() ? SessionState.ENDED_FOR_NIGHT : SessionState.WAITING;
    }
}
