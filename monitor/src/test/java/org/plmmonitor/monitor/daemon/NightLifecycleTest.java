package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.NightConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The night lifecycle's decisions in every mode, without a store, a source or a clock: times are handed in,
 * decisions come out.
 */
class NightLifecycleTest {
    private static final LocalTime START = LocalTime.of(21, 30);
    private static final LocalTime END = LocalTime.of(7, 30);

    private static NightLifecycle lifecycle(NightConfig.Mode mode, ZoneId zone) {
        return new NightLifecycle(mode, new NightSchedule(START, END, zone));
    }

    private static long ms(String utc) {
        return Instant.parse(utc).toEpochMilli();
    }

    /** Records what the listeners hear, in order. */
    private static final class Heard implements NightListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void nightOpened(String nightId, long startUtcMs, long endUtcMs) {
            events.add("opened " + nightId + " " + Instant.ofEpochMilli(startUtcMs) + " to " + Instant.ofEpochMilli(endUtcMs));
        }

        @Override
        public void nightClosed(String nightId, long endUtcMs, NightLifecycle.CloseReason reason) {
            events.add("closed " + nightId + " " + Instant.ofEpochMilli(endUtcMs) + " " + reason);
        }
    }

    // ---- schedule ----

    @Test
    void aScheduledNightOpensWithTheFirstSampleInsideItsWindowAndClosesAtItsEnd() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        Heard heard = new Heard();
        life.addListener(heard);
        assertFalse(life.watchingPosture(), "a schedule does not watch posture");

        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T21:29:59.999Z")), "before the window");
        assertEquals(NightLifecycle.State.WAITING, life.state());
        NightLifecycle.Opening o = life.sampleAt(ms("2026-11-20T21:30:00.020Z")).orElseThrow();
        assertEquals("2026-11-20", o.nightId());
        assertEquals(ms("2026-11-20T21:30:00.020Z"), o.startUtcMs(), "the night starts at its first sample");
        assertEquals(Instant.parse("2026-11-21T07:30:00Z"), o.window().end());
        assertEquals(NightLifecycle.State.OPEN, life.state());
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T21:31:00Z")), "open already: no second opening");

        assertFalse(life.pastEnd(ms("2026-11-21T07:29:59.999Z")));
        assertTrue(life.pastEnd(ms("2026-11-21T07:30:00Z")), "the window's end is exclusive");
        assertFalse(life.graceOver(ms("2026-11-21T07:30:59.999Z")));
        assertTrue(life.graceOver(ms("2026-11-21T07:31:00Z")), "a live night closes a minute after its end");

        NightLifecycle.Closing c = life.close(NightLifecycle.CloseReason.WINDOW_END, OptionalLong.empty());
        assertEquals(new NightLifecycle.Closing("2026-11-20", ms("2026-11-21T07:30:00Z"),
                NightLifecycle.CloseReason.WINDOW_END), c);
        assertEquals(NightLifecycle.State.WAITING, life.state());
        assertFalse(life.pastEnd(ms("2026-11-21T08:00:00Z")), "no night open: nothing is past its end");

        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-21T12:00:00Z")), "between windows");
        assertEquals("2026-11-21", life.sampleAt(ms("2026-11-21T21:30:00Z")).orElseThrow().nightId(), "the next evening");
        assertEquals(List.of(
                "opened 2026-11-20 2026-11-20T21:30:00.020Z to 2026-11-21T07:30:00Z",
                "closed 2026-11-20 2026-11-21T07:30:00Z WINDOW_END",
                "opened 2026-11-21 2026-11-21T21:30:00Z to 2026-11-22T07:30:00Z"), heard.events);
    }

    @Test
    void aNightClosedInThisRunIsNotOpenedAgainByTheSchedule() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        life.sampleAt(ms("2026-11-20T22:00:00Z")).orElseThrow();
        // The sources ended at 02:00; a later sample of the same window (a new source) does not reopen it.
        NightLifecycle.Closing c = life.close(NightLifecycle.CloseReason.SOURCES_ENDED, OptionalLong.of(ms("2026-11-21T02:00:00Z")));
        assertEquals(ms("2026-11-21T02:00:00Z"), c.endUtcMs(), "the night ends at its last sample");
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-21T03:00:00Z")));
        assertEquals(NightLifecycle.State.WAITING, life.state());
    }

    @Test
    void aNightNeverEndsAfterItsWindow() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        life.sampleAt(ms("2026-11-20T22:00:00Z")).orElseThrow();
        NightLifecycle.Closing c = life.close(NightLifecycle.CloseReason.STOPPED, OptionalLong.of(ms("2026-11-21T09:00:00Z")));
        assertEquals(ms("2026-11-21T07:30:00Z"), c.endUtcMs(), "capped at the window's end");
        assertEquals(NightLifecycle.CloseReason.STOPPED, c.reason());
    }

    @Test
    void closingWithNoNightOpenIsAnErrorNamingTheState() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> life.close(NightLifecycle.CloseReason.WINDOW_END, OptionalLong.empty()));
        assertTrue(e.getMessage().contains("WAITING") && e.getMessage().contains("WINDOW_END"), e.getMessage());
    }

    @Test
    void aWindowAcrossTheAutumnClockChangeLastsAnHourLongerAndIsOneNight() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, berlin);
        // 25 October 2026, 03:00 CEST becomes 02:00 CET: 21:30 CEST (19:30Z) to 07:30 CET (06:30Z) is 11 h.
        NightLifecycle.Opening o = life.sampleAt(ms("2026-10-24T19:30:00Z")).orElseThrow();
        assertEquals("2026-10-24", o.nightId());
        assertEquals(Duration.ofHours(11), Duration.between(o.window().start(), o.window().end()));
        assertFalse(life.pastEnd(ms("2026-10-25T06:29:59Z")));
        assertTrue(life.pastEnd(ms("2026-10-25T06:30:00Z")));
    }

    // ---- posture ----

    /**
     * The daemon's posture wiring in miniature, one leg on 30-s epochs from line 0 at {@code zero}: between
     * nights a judge answers "lying {@link PostureWatch#CONFIRM_S} yet?", and inside a night the night's own
     * judge answers "out of bed {@link NightLifecycle#OUT_OF_BED_CONFIRM_S} yet?"; the lifecycle decides.
     */
    private static final class PostureRun {
        final NightLifecycle life;
        final Instant zero;
        final List<NightLifecycle.Opening> openings = new ArrayList<>();
        final List<NightLifecycle.Closing> closings = new ArrayList<>();
        InBedJudge between = new InBedJudge(EnumSet.of(Leg.LEFT));
        InBedJudge inNight;

        PostureRun(NightLifecycle life, String zero) {
            this.life = life;
            this.zero = Instant.parse(zero);
        }

        long utc(double lineS) {
            return zero.toEpochMilli() + Math.round(lineS * 1000);
        }

        /** 30-s epochs of the left leg from {@code fromS} (inclusive) to {@code toS} (exclusive). */
        void epochs(int fromS, int toS, Epoch.State state) {
            for (int step = fromS; step < toS; step += 30) {
                final int t = step;
                Epoch e = new Epoch(t, t + 30, 0.001, state);
                if (life.watchingPosture()) {
                    between.epoch(Leg.LEFT, e);
                    OptionalDouble since = between.lyingFor(PostureWatch.CONFIRM_S);
                    if (since.isPresent()) {
                        between.reset();
                        life.lyingSince(utc(since.getAsDouble())).ifPresent(o -> {
                            openings.add(o);
                            inNight = new InBedJudge(EnumSet.of(Leg.LEFT));
                            // The samples since the lying began are replayed into the night.
                            for (double s = since.getAsDouble(); s <= t; s += 30) {
                                inNight.epoch(Leg.LEFT, new Epoch(s, s + 30, 0.001, Epoch.State.ANALYSABLE));
                            }
                        });
                    }
                } else if (life.state() == NightLifecycle.State.OPEN) {
                    inNight.epoch(Leg.LEFT, e);
                    OptionalDouble up = inNight.outFor(NightLifecycle.OUT_OF_BED_CONFIRM_S);
                    if (up.isPresent()) {
                        life.outOfBedSince(utc(up.getAsDouble())).ifPresent(closings::add);
                    }
                }
            }
        }
    }

    @Test
    void postureOpensAfterFiveMinutesOfLyingWhereTheLyingBegan() {
        NightLifecycle life = lifecycle(NightConfig.Mode.POSTURE, ZoneOffset.UTC);
        PostureRun run = new PostureRun(life, "2026-11-20T22:00:00Z");
        assertTrue(life.watchingPosture());
        assertEquals(Optional.empty(), life.sampleAt(run.utc(0)), "posture decides, not the first sample");

        run.epochs(0, 600, Epoch.State.UPRIGHT);
        run.epochs(600, 870, Epoch.State.ANALYSABLE);
        assertEquals(List.of(), run.openings, "4.5 min of lying is not yet 5");
        assertEquals(NightLifecycle.State.WAITING, life.state());
        run.epochs(870, 900, Epoch.State.ANALYSABLE);
        assertEquals(1, run.openings.size(), "5 min of lying opens the night");
        NightLifecycle.Opening o = run.openings.get(0);
        assertEquals(run.utc(600), o.startUtcMs(), "the night starts where the lying began");
        assertEquals("2026-11-20", o.nightId());
        assertEquals(Duration.ofHours(16), Duration.between(o.window().start(), o.window().end()), "the longest posture night");
        assertFalse(life.watchingPosture());
    }

    @Test
    void postureClosesAfterTwentyMinutesOutOfBedWhereTheLegLeftTheBedNotAtABathroomTrip() {
        NightLifecycle life = lifecycle(NightConfig.Mode.POSTURE, ZoneOffset.UTC);
        PostureRun run = new PostureRun(life, "2026-11-20T22:00:00Z");
        run.epochs(0, 1980, Epoch.State.ANALYSABLE);
        run.epochs(1980, 2580, Epoch.State.UPRIGHT); // ten minutes up
        run.epochs(2580, 3600, Epoch.State.ANALYSABLE);
        assertEquals(List.of(), run.closings, "a bathroom trip does not end the night");
        run.epochs(3600, 4770, Epoch.State.UPRIGHT);
        assertEquals(List.of(), run.closings, "19.5 min up is not yet 20");
        run.epochs(4770, 4800, Epoch.State.UPRIGHT);
        assertEquals(List.of(new NightLifecycle.Closing("2026-11-20", run.utc(3600), NightLifecycle.CloseReason.OUT_OF_BED)),
                run.closings, "20 min up closes the night where the leg left the bed");
        assertTrue(life.watchingPosture(), "between nights posture decides again");

        // Back to bed the same evening: the same night opens again, and the daemon resumes it as a further part.
        run.epochs(4800, 6000, Epoch.State.ANALYSABLE);
        assertEquals(2, run.openings.size());
        assertEquals("2026-11-20", run.openings.get(1).nightId());
        assertEquals(run.utc(4800), run.openings.get(1).startUtcMs());
    }

    @Test
    void aScheduleDoesNotCloseOnPosture() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        life.sampleAt(ms("2026-11-20T22:00:00Z")).orElseThrow();
        assertEquals(Optional.empty(), life.outOfBedSince(ms("2026-11-20T23:00:00Z")));
        assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-20T23:00:00Z")));
        assertEquals(NightLifecycle.State.OPEN, life.state());
    }

    @Test
    void bothOpensOnLyingOnlyInsideTheWindowWhoseEndAlsoEndsTheNight() {
        NightLifecycle life = lifecycle(NightConfig.Mode.BOTH, ZoneOffset.UTC);
        assertTrue(life.watchingPosture());
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T22:00:00Z")), "a sample in the window opens nothing");
        assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-20T20:00:00Z")), "lying before the window");
        assertEquals(NightLifecycle.State.WAITING, life.state());

        NightLifecycle.Opening o = life.lyingSince(ms("2026-11-20T22:10:00Z")).orElseThrow();
        assertEquals("2026-11-20", o.nightId());
        assertEquals(ms("2026-11-20T22:10:00Z"), o.startUtcMs());
        assertEquals(Instant.parse("2026-11-21T07:30:00Z"), o.window().end(), "the scheduled end");
        assertTrue(life.pastEnd(ms("2026-11-21T07:30:00Z")));

        NightLifecycle.Closing c = life.outOfBedSince(ms("2026-11-21T06:45:00Z")).orElseThrow();
        assertEquals(NightLifecycle.CloseReason.OUT_OF_BED, c.reason());
        assertEquals(ms("2026-11-21T06:45:00Z"), c.endUtcMs());
        assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-21T07:40:00Z")), "after the window: none");
    }

    // ---- by hand ----

    @Test
    void startOpensANightBeforeTheScheduleAndEndClosesItForTheEvening() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        Heard heard = new Heard();
        life.addListener(heard);
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T20:05:00Z")));
        life.start();
        assertEquals(NightLifecycle.State.START_REQUESTED, life.state());
        NightLifecycle.Opening o = life.sampleAt(ms("2026-11-20T20:10:00Z")).orElseThrow();
        assertEquals("2026-11-20", o.nightId());
        assertEquals(ms("2026-11-20T20:10:00Z"), o.startUtcMs());
        assertEquals(Instant.parse("2026-11-21T07:30:00Z"), o.window().end(), "to the next scheduled end");
        life.start();
        assertEquals(NightLifecycle.State.OPEN, life.state(), "start while open changes nothing");
        assertTrue(life.pastEnd(ms("2026-11-21T07:30:00Z")), "the same night: the same end");

        NightLifecycle.Closing c = life.end(OptionalLong.of(ms("2026-11-20T20:25:00Z"))).orElseThrow();
        assertEquals(new NightLifecycle.Closing("2026-11-20", ms("2026-11-20T20:25:00Z"), NightLifecycle.CloseReason.MANUAL), c);
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T21:40:00Z")), "the window opens, tonight's was ended by hand");
        assertEquals(List.of(
                "opened 2026-11-20 2026-11-20T20:10:00Z to 2026-11-21T07:30:00Z",
                "closed 2026-11-20 2026-11-20T20:25:00Z MANUAL"), heard.events);

        life.start();
        assertEquals("2026-11-20", life.sampleAt(ms("2026-11-20T22:00:00Z")).orElseThrow().nightId(),
                "a new start opens it again");
    }

    @Test
    void endThenStillLyingMustNotReopenThisEvening() {
        for (NightConfig.Mode mode : List.of(NightConfig.Mode.POSTURE, NightConfig.Mode.BOTH)) {
            NightLifecycle life = lifecycle(mode, ZoneOffset.UTC);
            NightLifecycle.Opening o = life.lyingSince(ms("2026-11-20T22:00:00Z")).orElseThrow();
            assertTrue(life.end(OptionalLong.of(ms("2026-11-20T23:00:00Z"))).isPresent(), mode + ": ended by hand");
            assertTrue(life.watchingPosture(), mode.toString());
            assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-20T23:00:00Z")), mode + ": still lying after the end");
            assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-21T01:00:00Z")), mode + ": later the same night");
            assertEquals(NightLifecycle.State.WAITING, life.state(), mode.toString());
            assertEquals("2026-11-20", o.nightId(), mode.toString());
            assertEquals("2026-11-21", life.lyingSince(ms("2026-11-21T22:00:00Z")).orElseThrow().nightId(),
                    mode + ": the next evening opens");
        }
    }

    @Test
    void endWithNoNightOpenSkipsTonightsScheduledNight() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        assertEquals(Optional.empty(), life.end(OptionalLong.of(ms("2026-11-20T21:35:00Z"))), "nothing to close");
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T21:36:00Z")), "tonight is skipped");
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-21T05:00:00Z")), "all of tonight");
        assertEquals("2026-11-21", life.sampleAt(ms("2026-11-21T21:30:00Z")).orElseThrow().nightId(), "tomorrow is not");
    }

    @Test
    void endWithNoNightOpenSkipsTonightInThePostureModesToo() {
        for (NightConfig.Mode mode : List.of(NightConfig.Mode.POSTURE, NightConfig.Mode.BOTH)) {
            NightLifecycle life = lifecycle(mode, ZoneOffset.UTC);
            assertEquals(Optional.empty(), life.end(OptionalLong.of(ms("2026-11-20T21:45:00Z"))), mode + ": nothing to close");
            assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-20T22:00:00Z")), mode + ": lying tonight opens nothing");
            assertEquals(Optional.empty(), life.lyingSince(ms("2026-11-21T02:00:00Z")), mode + ": nor later tonight");
            assertEquals("2026-11-21", life.lyingSince(ms("2026-11-21T22:00:00Z")).orElseThrow().nightId(),
                    mode + ": the next evening opens");
        }
    }

    @Test
    void endBeforeTheLineHasUtcSkipsNothingButWithdrawsAStart() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        life.start();
        assertEquals(Optional.empty(), life.end(OptionalLong.empty()));
        assertEquals(NightLifecycle.State.WAITING, life.state(), "the start is withdrawn");
        assertEquals(Optional.empty(), life.sampleAt(ms("2026-11-20T20:00:00Z")), "no start pending");
        assertEquals("2026-11-20", life.sampleAt(ms("2026-11-20T21:30:00Z")).orElseThrow().nightId(), "tonight is not skipped");
    }

    // ---- resume ----

    @Test
    void aRestartInsideTheWindowOpensTheSameNightForTheDaemonToResume() {
        NightLifecycle before = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        String id = before.sampleAt(ms("2026-11-20T21:30:00Z")).orElseThrow().nightId();
        before.close(NightLifecycle.CloseReason.STOPPED, OptionalLong.of(ms("2026-11-21T01:59:00Z")));

        NightLifecycle after = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        NightLifecycle.Opening o = after.sampleAt(ms("2026-11-21T02:00:00Z")).orElseThrow();
        assertEquals(id, o.nightId(), "the same night, resumed");
        assertEquals(ms("2026-11-21T02:00:00Z"), o.startUtcMs(), "this part starts at the restart");
        assertEquals(Instant.parse("2026-11-21T07:30:00Z"), o.window().end());
    }

    @Test
    void cuffEventsAreFiledUnderTheOpenNightWhileInsideItElseUnderTheirTimesNight() {
        NightLifecycle life = lifecycle(NightConfig.Mode.SCHEDULE, ZoneOffset.UTC);
        assertEquals("2026-11-20", life.nightIdAt(ms("2026-11-20T20:00:00Z")));
        life.start();
        life.sampleAt(ms("2026-11-21T11:00:00Z")).orElseThrow(); // by hand before noon: named by the evening before
        assertEquals("2026-11-20", life.nightIdAt(ms("2026-11-21T11:59:00Z")));
        assertEquals("2026-11-20", life.nightIdAt(ms("2026-11-21T12:30:00Z")), "inside the open night");
        assertEquals("2026-11-20", life.nightIdAt(ms("2026-11-21T10:59:00Z")), "before it: the time's own night");
        assertEquals("2026-11-21", life.nightIdAt(ms("2026-11-22T07:30:00Z")), "after its end: the time's own night");
    }
}
