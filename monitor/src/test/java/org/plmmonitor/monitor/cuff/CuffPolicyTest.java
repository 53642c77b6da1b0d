package org.plmmonitor.monitor.cuff;

import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.PolicyAction.Inflate;
import org.plmmonitor.monitor.cuff.PolicyAction.SessionEnded;
import org.plmmonitor.monitor.cuff.PolicyAction.SessionStarted;
import org.plmmonitor.monitor.cuff.PolicyAction.Vent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the policy core, on an injected time line (UTC ms), with no sleeps. */
class CuffPolicyTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** 2026-03-10 20:00 local. */
    private static final long EVENING = ZonedDateTime.of(2026, 3, 10, 20, 0, 0, 0, ZONE).toInstant().toEpochMilli();
    private static final long S = 1000;
    private static final long MIN = 60 * S;

    private static CuffTherapy scheduled(String onset) {
        return new CuffTherapy(CuffTherapy.Policy.SCHEDULED, Set.of(), 29, 5, 60, 60, Optional.of(LocalTime.parse(onset)),
                CuffTherapy.Trigger.SERIES, 4, 5, Optional.empty(), 60, 2);
    }

    private static CuffTherapy closedLoop(CuffTherapy.Trigger trigger, Optional<CuffTherapy.QuietHours> quiet,
                                          int refractoryMin, int maxSessions) {
        return new CuffTherapy(CuffTherapy.Policy.CLOSED_LOOP, Set.of(), 29, 5, 60, 20, Optional.empty(), trigger, 4, 5,
                quiet, refractoryMin, maxSessions);
    }

    private static CuffTherapy closedLoop() {
        return closedLoop(CuffTherapy.Trigger.SERIES, Optional.empty(), 60, 2);
    }

    private static CuffPolicy policy(CuffTherapy t) {
        CuffPolicy p = new CuffPolicy(t, 40, Duration.ofSeconds(30), ZONE);
        p.telemetry(EVENING - MIN, CuffState.IDLE, 0, 0);
        return p;
    }

    private static long count(List<PolicyAction> a, Class<?> type) {
        return a.stream().filter(type::isInstance).count();
    }

    private static <T> T only(List<PolicyAction> a, Class<T> type) {
        List<T> of = a.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, of.size(), "expected one " + type.getSimpleName() + " in " + a);
        return of.get(0);
    }

    /** Ticks every second from {@code from} to {@code to} (exclusive), collecting what was decided. */
    private static List<PolicyAction> run(CuffPolicy p, long from, long to) {
        List<PolicyAction> out = new ArrayList<>();
        for (long t = from; t < to; t += S) {
            out.addAll(p.tick(t));
        }
        return out;
    }

    @Test
    void theNextAllowedTimeFollowsTheRefractoryPeriodTheNightsLimitAndTheDailyWindow() {
        CuffPolicy off = policy(CuffTherapy.OFF);
        assertTrue(off.nextAllowedMs(EVENING).isEmpty(), "off: never");

        CuffPolicy p = policy(closedLoop(CuffTherapy.Trigger.SERIES, Optional.empty(), 60, 2));
        p.nightOpened(EVENING);
        assertEquals(EVENING, p.nextAllowedMs(EVENING).getAsLong(), "closed-loop, nothing yet: now");
        p.seriesStarted(EVENING + MIN);
        assertTrue(p.nextAllowedMs(EVENING + 2 * MIN).isEmpty(), "a session runs");
        run(p, EVENING + MIN + S, EVENING + 22 * MIN); // it completes at 20:21
        assertEquals(EVENING + 81 * MIN, p.nextAllowedMs(EVENING + 22 * MIN).getAsLong(), "60 min after its end");
        assertEquals(EVENING + 90 * MIN, p.nextAllowedMs(EVENING + 90 * MIN).getAsLong(), "refractory over: now");
        p.seriesStarted(EVENING + 90 * MIN);
        run(p, EVENING + 90 * MIN + S, EVENING + 111 * MIN);
        assertTrue(p.nextAllowedMs(EVENING + 120 * MIN).isEmpty(), "two sessions: the night's limit");

        CuffPolicy stopped = policy(closedLoop());
        stopped.nightOpened(EVENING);
        stopped.seriesStarted(EVENING + MIN);
        stopped.stop(EVENING + 2 * MIN, SessionOutcome.STOPPED);
        assertTrue(stopped.nextAllowedMs(EVENING + 200 * MIN).isEmpty(), "stopped: none tonight");

        // Scheduled, onset 21:30 with 60-min sessions: the window opens at 20:30; after it ran, the next day's.
        CuffPolicy s = policy(scheduled("21:30"));
        assertEquals(EVENING + 30 * MIN, s.nextAllowedMs(EVENING).getAsLong());
        run(s, EVENING + 30 * MIN, EVENING + 31 * MIN);
        assertTrue(s.nextAllowedMs(EVENING + 31 * MIN).isEmpty(), "a session runs");
        s.stop(EVENING + 40 * MIN, SessionOutcome.STOPPED);
        assertEquals(EVENING + 30 * MIN + 24 * 60 * MIN, s.nextAllowedMs(EVENING + 40 * MIN).getAsLong(),
                "stopped: the next day's window");
    }

    @Test
    void aTrialNightWithoutTheCuffStartsNoSessionAndAShamNightInflatesToTheShamPressure() {
        // The night of a time: its local date (these tests' evenings are well before midnight).
        java.util.function.LongFunction<TrialConfig.Arm> arms = t -> Instant.ofEpochMilli(t).atZone(ZONE).toLocalDate()
                .getDayOfMonth() == 10 ? TrialConfig.Arm.NONE : TrialConfig.Arm.SHAM;
        CuffPolicy p = new CuffPolicy(scheduled("21:30"), 40, Duration.ofSeconds(30), ZONE, arms);
        p.telemetry(EVENING - MIN, CuffState.IDLE, 0, 0);
        assertEquals(List.of(), run(p, EVENING, EVENING + 120 * MIN), "a none night: its window passes with no session");
        long next = EVENING + 24 * 60 * MIN;
        p.telemetry(next, CuffState.IDLE, 0, 0);
        List<PolicyAction> a = run(p, next + 30 * MIN, next + 32 * MIN);
        assertEquals(SessionTrigger.SCHEDULED, only(a, SessionStarted.class).trigger());
        assertEquals(2, count(a, Inflate.class));
        assertTrue(a.stream().filter(Inflate.class::isInstance).allMatch(new Inflate(TrialConfig.SHAM_MMHG, 5)::equals), a.toString());

        CuffPolicy loop = new CuffPolicy(closedLoop(), 40, Duration.ofSeconds(30), ZONE, arms);
        loop.telemetry(EVENING - MIN, CuffState.IDLE, 0, 0);
        loop.nightOpened(EVENING);
        assertEquals(List.of(), loop.seriesStarted(EVENING + MIN), "a none night: a series starts nothing");
        assertEquals(SessionState.WAITING, loop.state());
    }

    @Test
    void offNeverSendsAnything() {
        CuffPolicy p = policy(CuffTherapy.OFF);
        assertEquals(SessionState.OFF, p.state());
        p.nightOpened(EVENING);
        List<PolicyAction> all = new ArrayList<>(p.seriesStarted(EVENING + MIN));
        all.addAll(run(p, EVENING, EVENING + 3 * 3600 * S));
        assertEquals(List.of(), all);
    }

    @Test
    void aContraindicationCannotBeDeclaredWithAPolicyAndKeepsTheCoreOff() {
        assertThrows(IllegalArgumentException.class, () -> new CuffTherapy(CuffTherapy.Policy.CLOSED_LOOP,
                Set.of(CuffTherapy.Contraindication.ACUTE_DVT), 29, 5, 60, 20, Optional.empty(), CuffTherapy.Trigger.SERIES,
                4, 5, Optional.empty(), 60, 2));
        CuffPolicy p = policy(new CuffTherapy(CuffTherapy.Policy.OFF, Set.of(CuffTherapy.Contraindication.FRACTURE), 29, 5,
                60, 20, Optional.empty(), CuffTherapy.Trigger.SERIES, 4, 5, Optional.empty(), 60, 2));
        p.nightOpened(EVENING);
        assertEquals(List.of(), p.seriesStarted(EVENING + MIN));
        assertEquals(SessionState.OFF, p.state());
    }

    @Test
    void theScheduledSessionRunsThePublishedDoseForAnHourEndingAtTheOnset() {
        CuffPolicy p = policy(scheduled("21:30"));
        // Nothing before 20:30, the window's start.
        assertEquals(List.of(), run(p, EVENING, EVENING + 30 * MIN));
        List<PolicyAction> a = run(p, EVENING + 30 * MIN, EVENING + 120 * MIN);
        assertEquals(new SessionStarted(EVENING + 30 * MIN, SessionTrigger.SCHEDULED), a.get(0));
        assertEquals(new Inflate(29, 5), a.get(1));
        // One cycle a minute for the hour: 60 INFLATEs, each 29 mmHg held 5 s, then VENT at 21:30.
        assertEquals(60, count(a, Inflate.class));
        assertTrue(a.stream().filter(Inflate.class::isInstance).allMatch(new Inflate(29, 5)::equals));
        SessionEnded end = only(a, SessionEnded.class);
        assertEquals(new SessionEnded(EVENING + 30 * MIN, EVENING + 90 * MIN, SessionTrigger.SCHEDULED, SessionOutcome.COMPLETED, 60, 0), end);
        assertEquals(new Vent(), a.get(a.indexOf(end) - 1));
        // Once a day: not again that evening.
        assertEquals(List.of(), run(p, EVENING + 120 * MIN, EVENING + 180 * MIN));
        // The next evening again.
        assertEquals(1, count(run(p, EVENING + 24 * 3600 * S + 30 * MIN, EVENING + 24 * 3600 * S + 31 * MIN),
                SessionStarted.class));
    }

    @Test
    void aDaemonStartedInsideTheWindowRunsTheRestOfIt() {
        CuffPolicy p = policy(scheduled("21:30"));
        List<PolicyAction> a = run(p, EVENING + 80 * MIN, EVENING + 100 * MIN);
        assertEquals(10, count(a, Inflate.class));
        assertEquals(SessionOutcome.COMPLETED, only(a, SessionEnded.class).outcome());
    }

    @Test
    void aScheduledWindowAcrossMidnightBelongsToTheOnsetsDate() {
        CuffPolicy p = policy(scheduled("00:30"));
        long elevenThirty = EVENING + 210 * MIN;
        List<PolicyAction> a = run(p, elevenThirty - MIN, elevenThirty + 70 * MIN);
        assertEquals(new SessionStarted(elevenThirty, SessionTrigger.SCHEDULED), a.get(0));
        assertEquals(60, count(a, Inflate.class));
    }

    @Test
    void noInflateAboveTheCeilingNorLongerThanTheMaximumEvenIfTheConfigWereBypassed() {
        // CuffConfig would refuse this dose with these limits; the core is handed it directly.
        CuffTherapy tooMuch = new CuffTherapy(CuffTherapy.Policy.SCHEDULED, Set.of(), 60, 100, 120, 60,
                Optional.of(LocalTime.of(21, 30)), CuffTherapy.Trigger.SERIES, 4, 5, Optional.empty(), 60, 2);
        CuffPolicy p = new CuffPolicy(tooMuch, 40, Duration.ofSeconds(30), ZONE);
        p.telemetry(EVENING, CuffState.IDLE, 0, 0);
        List<PolicyAction> a = run(p, EVENING + 30 * MIN, EVENING + 40 * MIN);
        assertFalse(a.isEmpty());
        for (PolicyAction x : a) {
            if (x instanceof Inflate i) {
                assertEquals(39, i.targetMmHg(), "target below the 40 mmHg ceiling");
                assertEquals(30, i.holdS(), "hold within the 30 s maximum");
            }
        }
        // A ceiling above the hard maximum is held to it too.
        CuffPolicy q = new CuffPolicy(tooMuch, 500, Duration.ofSeconds(30), ZONE);
        q.telemetry(EVENING, CuffState.IDLE, 0, 0);
        assertTrue(run(q, EVENING + 30 * MIN, EVENING + 31 * MIN).stream().filter(Inflate.class::isInstance)
                .map(Inflate.class::cast).allMatch(i -> i.targetMmHg() < 60));
    }

    @Test
    void anInflationTheControllerHoldsPastTheMaximumIsVentedAndEndsTheSession() {
        CuffPolicy p = policy(scheduled("21:30"));
        p.tick(EVENING + 30 * MIN);
        long t0 = EVENING + 30 * MIN + S;
        assertEquals(List.of(), p.telemetry(t0, CuffState.HOLDING, 0, 29));
        assertEquals(List.of(), p.telemetry(t0 + 30 * S, CuffState.HOLDING, 0, 29), "30 s is the maximum, not past it");
        List<PolicyAction> a = p.telemetry(t0 + 31 * S, CuffState.HOLDING, 0, 29);
        assertEquals(new Vent(), a.get(0));
        assertEquals(SessionOutcome.OVERRUN, only(a, SessionEnded.class).outcome());
        assertEquals(SessionState.ENDED_FOR_NIGHT, p.state());
    }

    @Test
    void aFaultFlagAppearingMidSessionVentsAndEndsItForTheNight() {
        CuffPolicy p = policy(closedLoop());
        p.nightOpened(EVENING);
        // A flag already set before the session (an old watchdog vent) is no new fault.
        p.telemetry(EVENING, CuffState.IDLE, CuffTelemetry.FLAG_WATCHDOG_VENT, 0);
        assertEquals(1, count(p.seriesStarted(EVENING + MIN), SessionStarted.class));
        assertEquals(List.of(), p.telemetry(EVENING + MIN + S, CuffState.HOLDING, CuffTelemetry.FLAG_WATCHDOG_VENT, 29));
        List<PolicyAction> a = p.telemetry(EVENING + MIN + 2 * S, CuffState.VENTING,
                CuffTelemetry.FLAG_WATCHDOG_VENT | CuffTelemetry.FLAG_LEAK, 20);
        assertEquals(List.of(new Vent(), new SessionEnded(EVENING + MIN, EVENING + MIN + 2 * S, SessionTrigger.SERIES,
                SessionOutcome.FAULT, 1, 29)), a);
        assertEquals(SessionState.ENDED_FOR_NIGHT, p.state());
        // Nothing more tonight, even long after the refractory period.
        p.telemetry(EVENING + 3 * 3600 * S, CuffState.IDLE, 0, 0);
        assertEquals(List.of(), p.seriesStarted(EVENING + 3 * 3600 * S));
        assertEquals(List.of(), run(p, EVENING + 3 * 3600 * S, EVENING + 3 * 3600 * S + 5 * MIN));
        // The next night may.
        p.nightOpened(EVENING + 24 * 3600 * S);
        assertEquals(1, count(p.seriesStarted(EVENING + 24 * 3600 * S + MIN), SessionStarted.class));
    }

    @Test
    void theControllerInFaultEndsTheSessionWithoutAVentThatWouldClearItsLatch() {
        CuffPolicy p = policy(closedLoop());
        p.nightOpened(EVENING);
        p.seriesStarted(EVENING + MIN);
        List<PolicyAction> a = p.telemetry(EVENING + MIN + S, CuffState.FAULT, CuffTelemetry.FLAG_CEILING_TRIP, 41);
        assertEquals(0, count(a, Vent.class));
        assertEquals(SessionOutcome.FAULT, only(a, SessionEnded.class).outcome());
        // And no session starts on a controller in FAULT.
        p.nightOpened(EVENING + 24 * 3600 * S);
        assertEquals(List.of(), p.seriesStarted(EVENING + 24 * 3600 * S + MIN));
    }

    @Test
    void aLostLinkARefusedInflateAndANightCloseEachVentAndEndTheSession() {
        CuffPolicy lost = policy(closedLoop());
        lost.nightOpened(EVENING);
        lost.seriesStarted(EVENING + MIN);
        List<PolicyAction> a = lost.linkLost(EVENING + 2 * MIN);
        assertEquals(new Vent(), a.get(0));
        assertEquals(SessionOutcome.LINK_LOST, only(a, SessionEnded.class).outcome());
        assertEquals(SessionState.ENDED_FOR_NIGHT, lost.state());

        CuffPolicy refused = policy(closedLoop());
        refused.nightOpened(EVENING);
        refused.seriesStarted(EVENING + MIN);
        a = refused.inflateAnswered(EVENING + MIN + 500, false);
        assertEquals(new Vent(), a.get(0));
        assertEquals(SessionOutcome.REFUSED, only(a, SessionEnded.class).outcome());

        CuffPolicy closing = policy(closedLoop());
        closing.nightOpened(EVENING);
        closing.seriesStarted(EVENING + MIN);
        assertEquals(List.of(), closing.inflateAnswered(EVENING + MIN + 500, true));
        a = closing.nightClosed(EVENING + 3 * MIN);
        assertEquals(List.of(new Vent(), new SessionEnded(EVENING + MIN, EVENING + 3 * MIN, SessionTrigger.SERIES,
                SessionOutcome.NIGHT_CLOSED, 1, 0)), a);
        // No night, no closed-loop session.
        assertEquals(List.of(), closing.seriesStarted(EVENING + 300 * MIN));
    }

    @Test
    void aStopVentsAndEndsTheSessionAndNoOtherStartsThatNight() {
        CuffPolicy p = policy(closedLoop(CuffTherapy.Trigger.SERIES, Optional.empty(), 0, 5));
        p.nightOpened(EVENING);
        p.seriesStarted(EVENING + MIN);
        List<PolicyAction> a = p.stop(EVENING + 2 * MIN, SessionOutcome.STOPPED);
        assertEquals(new Vent(), a.get(0));
        assertEquals(SessionOutcome.STOPPED, only(a, SessionEnded.class).outcome());
        assertEquals(List.of(), p.seriesStarted(EVENING + 10 * MIN));
        assertThrows(IllegalArgumentException.class, () -> p.stop(EVENING, SessionOutcome.FAULT));
    }

    @Test
    void theClosedLoopSessionRunsItsLengthThenWaitsOutTheRefractoryPeriod() {
        CuffPolicy p = policy(closedLoop(CuffTherapy.Trigger.SERIES, Optional.empty(), 60, 5));
        p.nightOpened(EVENING);
        List<PolicyAction> a = new ArrayList<>(p.seriesStarted(EVENING + MIN));
        a.addAll(run(p, EVENING + MIN + S, EVENING + 30 * MIN));
        assertEquals(20, count(a, Inflate.class), "20 min of one cycle a minute");
        assertEquals(new SessionEnded(EVENING + MIN, EVENING + 21 * MIN, SessionTrigger.SERIES, SessionOutcome.COMPLETED, 20, 0),
                only(a, SessionEnded.class));
        assertEquals(SessionState.WAITING, p.state());
        // Refractory: 60 min from the end at 20:21.
        assertEquals(List.of(), p.seriesStarted(EVENING + 80 * MIN));
        assertEquals(List.of(), p.seriesStarted(EVENING + 81 * MIN - 1));
        assertEquals(1, count(p.seriesStarted(EVENING + 81 * MIN), SessionStarted.class));
    }

    @Test
    void atMostTheConfiguredSessionsANight() {
        CuffPolicy p = policy(closedLoop(CuffTherapy.Trigger.SERIES, Optional.empty(), 0, 2));
        p.nightOpened(EVENING);
        int started = 0;
        for (int i = 0; i < 5; i++) {
            long t = EVENING + i * 30 * MIN;
            started += (int) count(p.seriesStarted(t), SessionStarted.class);
            run(p, t + S, t + 25 * MIN);
        }
        assertEquals(2, started);
        p.nightOpened(EVENING + 24 * 3600 * S);
        assertEquals(1, count(p.seriesStarted(EVENING + 24 * 3600 * S), SessionStarted.class));
    }

    @Test
    void quietHoursStartNoSessionAndEndARunningOne() {
        CuffPolicy p = policy(closedLoop(CuffTherapy.Trigger.SERIES, Optional.of(new CuffTherapy.QuietHours(
                LocalTime.of(20, 10), LocalTime.of(21, 0))), 0, 5));
        p.nightOpened(EVENING);
        p.seriesStarted(EVENING + MIN);
        List<PolicyAction> a = run(p, EVENING + MIN + S, EVENING + 15 * MIN);
        assertEquals(8, count(a, Inflate.class), "cycles at 20:02 to 20:09, after the one at the start");
        assertEquals(new SessionEnded(EVENING + MIN, EVENING + 10 * MIN, SessionTrigger.SERIES, SessionOutcome.QUIET_HOURS, 9, 0),
                only(a, SessionEnded.class));
        assertEquals(List.of(), p.seriesStarted(EVENING + 30 * MIN));
        assertEquals(1, count(p.seriesStarted(EVENING + 60 * MIN), SessionStarted.class));
    }

    @Test
    void enoughCandidateMovementsWithinTheWindowStartASession() {
        CuffPolicy p = policy(closedLoop(CuffTherapy.Trigger.MOVEMENTS, Optional.empty(), 0, 5));
        p.nightOpened(EVENING);
        // Four movements, but 3 min apart: never more than two within 5 min.
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(), p.candidateMovement(EVENING + i * 3 * MIN, EVENING + i * 3 * MIN + S));
        }
        // Two more: with the ones at 20:06 and 20:09, four within 5 min at 20:11.
        assertEquals(List.of(), p.candidateMovement(EVENING + 10 * MIN, EVENING + 10 * MIN + S));
        List<PolicyAction> a = p.candidateMovement(EVENING + 11 * MIN, EVENING + 11 * MIN + S);
        assertEquals(new SessionStarted(EVENING + 11 * MIN + S, SessionTrigger.MOVEMENTS), a.get(0));
        // The series trigger is not this policy's.
        assertEquals(List.of(), policy(closedLoop(CuffTherapy.Trigger.MOVEMENTS, Optional.empty(), 0, 5))
                .seriesStarted(EVENING));
    }

    @Test
    void noSessionStartsBeforeTheControllerReports() {
        CuffPolicy p = new CuffPolicy(closedLoop(), 40, Duration.ofSeconds(30), ZONE);
        p.nightOpened(EVENING);
        assertEquals(List.of(), p.seriesStarted(EVENING + MIN));
        CuffPolicy s = new CuffPolicy(scheduled("21:30"), 40, Duration.ofSeconds(30), ZONE);
        assertEquals(List.of(), run(s, EVENING + 30 * MIN, EVENING + 40 * MIN));
        s.telemetry(EVENING + 40 * MIN, CuffState.IDLE, 0, 0);
        assertEquals(50, count(run(s, EVENING + 40 * MIN, EVENING + 100 * MIN), Inflate.class),
                "the rest of the window once it does");
    }
}
