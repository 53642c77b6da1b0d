package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.store.NightIds;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a night is open: the decisions of the three night modes and of the manual override, without a store,
 * a source or a clock. The daemon tells it what it sees (a sample's UTC time, a confirmed lying, a confirmed
 * time out of bed, a person's command), it answers with what to do (open this window from then, close the
 * open night at that time, or nothing), moves to its new {@link State} and tells its {@link NightListener}s.
 * The daemon then acts (opens or closes the night's session). Times are UTC epoch ms: the daemon maps the
 * sources' line to UTC before asking.
 *
 * <ul>
 *   <li>{@code schedule}: the first sample inside a scheduled window opens its night; the night closes at
 *       the window's end (or when the sources end).</li>
 *   <li>{@code posture}: a night opens where a leg began to lie with its sensor worn, once that has lasted
 *       {@link PostureWatch#CONFIRM_S}, and closes where the last leg left the bed once that has lasted
 *       {@link #OUT_OF_BED_CONFIRM_S}; no night lasts longer than {@link #POSTURE_MAX_NIGHT_S}.</li>
 *   <li>{@code both}: as posture, but only inside a scheduled window, whose end also ends the night.</li>
 *   <li>{@code plm night start} opens a night with the next sample whatever the mode, to the next scheduled
 *       end; {@code plm night end} closes the open night, which then does not open again this evening
 *       (neither by schedule nor by the patient still lying), or skips tonight's scheduled night when none
 *       is open yet.</li>
 * </ul>
 *
 * <p>A night closed in this run is not opened again by the schedule. A night the store already holds (the
 * daemon restarted inside it) opens again under the same name, and the daemon resumes it as a further part.
 * Not thread-safe: the daemon's processing thread only.
 */
final class NightLifecycle {
    /** Posture modes: out of bed (upright, unworn or silent) this long ends a night, s. */
    static final double OUT_OF_BED_CONFIRM_S = 1200;
    /** Posture mode: no night lasts longer than this, s. */
    static final double POSTURE_MAX_NIGHT_S = 16 * 3600;
    /** A live night closes this long after its window's end even when a sensor delivers nothing, s. */
    static final double LIVE_CLOSE_GRACE_S = 60.0;

    /** Where the lifecycle is. */
    enum State {
        /** No night open: the schedule (schedule mode) or a confirmed lying (posture, both) opens the next. */
        WAITING,
        /** {@code plm night start} was given: the next sample opens a night, whatever the mode. */
        START_REQUESTED,
        /** A night is open. */
        OPEN
    }

    /** Why a night closed. */
    enum CloseReason {
        /** Its window ended (the schedule's end, or the posture night's longest). */
        WINDOW_END,
        /** Posture modes: no leg lay with its sensor worn for {@link #OUT_OF_BED_CONFIRM_S}. */
        OUT_OF_BED,
        /** {@code plm night end}. */
        MANUAL,
        /** Every source ended (a replay or simulation delivered its last sample). */
        SOURCES_ENDED,
        /** The daemon is stopping. */
        STOPPED
    }

    /**
     * Open this night now.
     *
     * @param window     its window: name, start (the night's start), end (the latest it may close)
     * @param startUtcMs where it starts, UTC epoch ms
     */
    record Opening(NightSchedule.Window window, long startUtcMs) {
        Opening {
            Objects.requireNonNull(window, "window");
        }

        /** @return the night's name */
        String nightId() {
            return window.nightId();
        }
    }

    /**
     * Close the open night now.
     *
     * @param nightId  its name
     * @param endUtcMs where it ends, UTC epoch ms (at most its window's end)
     * @param reason   why
     */
    record Closing(String nightId, long endUtcMs, CloseReason reason) {
    }

    private final NightConfig.Mode mode;
    private final NightSchedule schedule;
    private final ZoneId zone;
    private final List<NightListener> listeners = new ArrayList<>();

    private State state = State.WAITING;
    /** The open night, or null. */
    private Opening open;
    /** The last night closed in this run, or tonight's scheduled night skipped by hand: the schedule skips it. */
    private String closedId;
    /** The night ended by hand: posture does not open it again while the patient still lies. */
    private String endedByHandId;

    /**
     * @param mode     the configured night mode
     * @param schedule the configured window (posture mode names no window but the manual start's end)
     */
    NightLifecycle(NightConfig.Mode mode, NightSchedule schedule) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.zone = schedule.zone();
    }

    /** @param l hears every opening and closing from now on, after the listeners added before it */
    void addListener(NightListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    /** @return where the lifecycle is */
    State state() {
        return state;
    }

    /** @return true when posture decides the next opening: the daemon feeds its posture watch */
    boolean watchingPosture() {
        return state == State.WAITING && mode != NightConfig.Mode.SCHEDULE;
    }

    /**
     * A sample between nights, in schedule mode or after {@code plm night start}.
     *
     * @param utcMs the sample's time, UTC epoch ms
     * @return the night to open now, the sample its first; empty outside a window (or for a night already
     *         closed in this run), while a night is open, or while posture decides
     */
    Optional<Opening> sampleAt(long utcMs) {
        if (state == State.OPEN || watchingPosture()) {
            return Optional.empty();
        }
        Instant t = Instant.ofEpochMilli(utcMs);
        Optional<NightSchedule.Window> w = state == State.START_REQUESTED ? Optional.of(schedule.manualFrom(t))
                : schedule.windowAt(t);
        if (w.isEmpty() || w.get().nightId().equals(closedId)) {
            return Optional.empty();
        }
        return Optional.of(open(new Opening(w.get(), utcMs)));
    }

    /**
     * Posture modes: a leg has lain with its sensor worn for {@link PostureWatch#CONFIRM_S}.
     *
     * @param sinceUtcMs where that lying began, UTC epoch ms
     * @return the night to open from there; empty when posture does not decide now, when (mode both) the lying
     *         began outside a scheduled window, or for the night ended by hand: the daemon then forgets the
     *         judgement and waits for a new one
     */
    Optional<Opening> lyingSince(long sinceUtcMs) {
        if (!watchingPosture()) {
            return Optional.empty();
        }
        Instant start = Instant.ofEpochMilli(sinceUtcMs);
        Optional<NightSchedule.Window> w = mode == NightConfig.Mode.BOTH
                ? schedule.windowAt(start).map(s -> new NightSchedule.Window(s.nightId(), start, s.end()))
                : Optional.of(new NightSchedule.Window(NightIds.of(start, zone), start,
                        start.plusSeconds((long) POSTURE_MAX_NIGHT_S)));
        if (w.isEmpty() || w.get().nightId().equals(endedByHandId)) {
            return Optional.empty();
        }
        return Optional.of(open(new Opening(w.get(), sinceUtcMs)));
    }

    /**
     * @param utcMs a sample's time, UTC epoch ms
     * @return true when a night is open and the time is at or past its window's end: the sample is not the
     *         night's, and its source has passed the end
     */
    boolean pastEnd(long utcMs) {
        return open != null && utcMs >= open.window().end().toEpochMilli();
    }

    /**
     * @param nowUtcMs the present, UTC epoch ms (a live run's clock)
     * @return true when a night is open and its window ended {@link #LIVE_CLOSE_GRACE_S} ago or more: a live
     *         night closes then even when a sensor delivers nothing
     */
    boolean graceOver(long nowUtcMs) {
        return open != null && nowUtcMs >= open.window().end().toEpochMilli() + LIVE_CLOSE_GRACE_S * 1000;
    }

    /**
     * Posture modes: no leg has lain with its sensor worn for {@link #OUT_OF_BED_CONFIRM_S}.
     *
     * @param sinceUtcMs where the last leg left the bed, UTC epoch ms
     * @return the closing, at that time; empty in schedule mode or when no night is open
     */
    Optional<Closing> outOfBedSince(long sinceUtcMs) {
        if (state != State.OPEN || mode == NightConfig.Mode.SCHEDULE) {
            return Optional.empty();
        }
        return Optional.of(close(CloseReason.OUT_OF_BED, OptionalLong.of(sinceUtcMs)));
    }

    /**
     * Closes the open night.
     *
     * @param reason why (not {@link CloseReason#MANUAL}: that is {@link #end})
     * @param atUtcMs where it ends, UTC epoch ms (capped at the window's end), or empty for the window's end
     * @return the closing
     * @throws IllegalStateException when no night is open
     */
    Closing close(CloseReason reason, OptionalLong atUtcMs) {
        if (open == null) {
            throw new IllegalStateException("no night is open to close (" + reason + "); lifecycle " + state);
        }
        long windowEnd = open.window().end().toEpochMilli();
        Closing c = new Closing(open.nightId(), atUtcMs.isPresent() ? Math.min(windowEnd, atUtcMs.getAsLong())
                : windowEnd, reason);
        closedId = c.nightId();
        open = null;
        state = State.WAITING;
        listeners.forEach(l -> l.nightClosed(c.nightId(), c.endUtcMs(), c.reason()));
        return c;
    }

    /** {@code plm night start}: the next sample opens a night (no effect while one is open). */
    void start() {
        if (state == State.OPEN) {
            return;
        }
        state = State.START_REQUESTED;
        closedId = null;
        endedByHandId = null;
    }

    /**
     * {@code plm night end}: closes the open night, which neither the schedule nor posture opens again; with
     * none open, tonight's night is skipped (by the schedule and by posture alike); a pending start is withdrawn.
     *
     * @param nowUtcMs the latest sample's time, UTC epoch ms (where an open night ends), or empty while the
     *                 time line has no UTC yet (nothing to skip then)
     * @return the closing, when a night was open
     */
    Optional<Closing> end(OptionalLong nowUtcMs) {
        if (state == State.START_REQUESTED) {
            state = State.WAITING;
        }
        if (open != null) {
            Closing c = close(CloseReason.MANUAL, nowUtcMs);
            endedByHandId = c.nightId();
            return Optional.of(c);
        }
        if (nowUtcMs.isPresent()) {
            // Tonight is skipped in every mode: the schedule's window, or (posture) the evening it is now.
            Instant now = Instant.ofEpochMilli(nowUtcMs.getAsLong());
            Optional<String> tonight = mode == NightConfig.Mode.POSTURE ? Optional.of(NightIds.of(now, zone))
                    : schedule.windowAt(now).map(NightSchedule.Window::nightId);
            tonight.ifPresent(id -> {
                closedId = id;
                endedByHandId = id;
            });
        }
        return Optional.empty();
    }

    /**
     * @param utcMs a time, UTC epoch ms
     * @return the open night's name when the time is inside it, else the name of the night the time falls in
     */
    String nightIdAt(long utcMs) {
        if (open != null && utcMs >= open.startUtcMs() && utcMs < open.window().end().toEpochMilli()) {
            return open.nightId();
        }
        return NightIds.of(Instant.ofEpochMilli(utcMs), zone);
    }

    private Opening open(Opening o) {
        open = o;
        state = State.OPEN;
        listeners.forEach(l -> l.nightOpened(o.nightId(), o.startUtcMs(), o.window().end().toEpochMilli()));
        return o;
    }
}
