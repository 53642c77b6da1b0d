package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.Opcode;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CuffControllerTest {
    static final double DT = 0.01;

    static double run(CuffController c, double seconds) {
        double max = 0;
        for (int i = 0; i < Math.round(seconds / DT); i++) {
            c.step(DT);
            max = Math.max(max, c.pressureMmHg());
        }
        return max;
    }

    @Test
    void inflatesHoldsThenVents() {
        CuffController c = new CuffController();
        assertNull(c.command(Command.inflate(1, 29, 10)));
        run(c, 2);
        assertEquals(CuffState.HOLDING, c.state());
        assertEquals(29, c.pressureMmHg(), 1.5);
        run(c, 7);
        assertEquals(29, c.pressureMmHg(), HYSTERESIS + 0.5, "held within the band despite the leak");
        run(c, 5);
        assertTrue(c.pressureMmHg() < 1, "vented after the hold: " + c.pressureMmHg());
        assertEquals(CuffState.IDLE, c.state());
    }

    static final double HYSTERESIS = CuffController.HYSTERESIS_MMHG;

    @Test
    void refusesWhatTheLimitsForbidAndRepeatsAnswersForARepeatedId() {
        CuffController c = new CuffController();
        assertEquals(NackReason.ABOVE_CEILING, c.command(Command.inflate(1, 61, 5)));
        assertEquals(NackReason.TOO_LONG, c.command(Command.inflate(2, 30, CuffController.COMPILED_MAX_INFLATION_S + 1)));
        assertEquals(NackReason.ABOVE_CEILING, c.command(new Command(3, Opcode.SET_LIMITS, 700, 60)));
        assertNull(c.command(new Command(4, Opcode.SET_LIMITS, 400, 60)));
        assertEquals(NackReason.ABOVE_CEILING, c.command(Command.inflate(5, 45, 5)), "runtime ceiling now 40");
        assertNull(c.command(Command.inflate(6, 30, 5)));
        run(c, 2);
        assertNull(c.command(Command.inflate(6, 30, 5)), "a repeat is answered, not executed again");
        assertEquals(CuffState.HOLDING, c.state());
    }

    @Test
    void aMovementTransientStopsThePumpButDoesNotTrip() {
        CuffController c = new CuffController();
        c.command(new Command(1, Opcode.SET_LIMITS, 350, 60));
        c.command(Command.inflate(2, 30, 20));
        run(c, 3);
        c.movement(0.8); // +16 mmHg at full fill: above the 35 mmHg ceiling, decaying in ~0.2 s
        c.step(DT);
        assertTrue(c.pressureMmHg() >= 35);
        assertFalse(c.pumpOn(), "pump stops the moment the ceiling is reached");
        run(c, 1);
        assertEquals(CuffState.HOLDING, c.state(), "a transient shorter than the trip persistence does not latch");
        assertEquals(0, c.telemetry(0).flags() & CuffTelemetry.FLAG_CEILING_TRIP);
    }

    @Test
    void aPersistentCeilingVentsAndLatchesUntilAcknowledged() {
        CuffController c = new CuffController();
        c.command(Command.inflate(1, 50, 30));
        run(c, 3);
        c.command(new Command(2, Opcode.SET_LIMITS, 300, 60)); // ceiling lowered below the present pressure
        run(c, CuffController.CEILING_TRIP_S + 0.05);
        assertEquals(CuffState.FAULT, c.state());
        assertEquals(ErrorCode.CEILING_TRIP, c.drainEvents().get(0).code());
        assertEquals(NackReason.FAULT_LATCHED, c.command(Command.inflate(3, 20, 5)));
        run(c, 5);
        assertTrue(c.pressureMmHg() < 1, "the vent opened: " + c.pressureMmHg());
        assertNull(c.command(Command.vent(4)));
        assertEquals(CuffState.IDLE, c.state());
        assertNull(c.command(Command.inflate(5, 20, 5)));
    }

    @Test
    void maxInflationTimeAndWatchdogVent() {
        CuffController c = new CuffController();
        c.command(new Command(1, Opcode.SET_LIMITS, 600, 10));
        assertEquals(NackReason.TOO_LONG, c.command(Command.inflate(2, 30, 11)));
        c.command(Command.inflate(3, 30, 10));
        run(c, 2);
        assertEquals(NackReason.TOO_LONG, c.command(new Command(4, Opcode.HOLD, 100, 0)), "2 s + 10 s > 10 s");
        assertNull(c.command(new Command(5, Opcode.HOLD, 70, 0)), "2 s + 7 s fits");
        run(c, 7.5);
        assertEquals(CuffState.VENTING, c.state());

        CuffController m = new CuffController();
        m.command(new Command(1, Opcode.SET_LIMITS, 600, 10));
        m.command(Command.inflate(2, 30, 10)); // 1.1 s to fill + 10 s hold > 10 s
        run(m, 10.05);
        assertEquals(CuffState.VENTING, m.state(), "inflation time counts from the first pump stroke");
        assertEquals(CuffTelemetry.FLAG_MAX_TIME, m.telemetry(0).flags() & CuffTelemetry.FLAG_MAX_TIME);

        CuffController w = new CuffController();
        w.command(Command.inflate(1, 30, 60));
        run(w, 2);
        w.watchdogExpired();
        run(w, 3);
        assertTrue(w.pressureMmHg() < 1);
        assertEquals(CuffTelemetry.FLAG_WATCHDOG_VENT, w.telemetry(0).flags() & CuffTelemetry.FLAG_WATCHDOG_VENT);
        assertEquals(ErrorCode.WATCHDOG_VENT, w.drainEvents().get(0).code());
    }

    @Test
    void aLeakingCuffIsDetectedAndVented() {
        CuffController c = new CuffController(PneumaticCuff.Params.NOMINAL.withTauLeakS(1.5));
        c.command(Command.inflate(1, 30, 60));
        run(c, 10);
        assertEquals(CuffTelemetry.FLAG_LEAK, c.telemetry(0).flags() & CuffTelemetry.FLAG_LEAK);
        assertEquals(ErrorCode.LEAK, c.drainEvents().get(0).code());
    }

    /** Seconds the cuff spends inflated (at or above the 1 mmHg empty threshold) over a run. */
    static double inflatedSeconds(CuffController c, double seconds) {
        double t = 0;
        for (int i = 0; i < Math.round(seconds / DT); i++) {
            c.step(DT);
            if (c.pressureMmHg() >= CuffController.EMPTY_MMHG) {
                t += DT;
            }
        }
        return t;
    }

    @Test
    void reSentInflatesCannotStretchTheMaximumInflationTime() {
        // Issue 11: a 3 s maximum held air 5.6 s, 10.8 s with 7 re-sends, each re-send restarting the clock.
        CuffController c = new CuffController();
        assertNull(c.command(new Command(1, Opcode.SET_LIMITS, 400, 3)));
        assertNull(c.command(Command.inflate(2, 30, 2.5)));
        double inflated = inflatedSeconds(c, 0.3);
        List<NackReason> answers = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            answers.add(c.command(Command.inflate(10 + k, 30, 2.5)));
            inflated += inflatedSeconds(c, 0.5);
        }
        inflated += inflatedSeconds(c, 10);
        assertNull(answers.get(0), "0.3 s + 2.5 s fits the 3 s of the same inflation");
        assertEquals(List.of(NackReason.TOO_LONG, NackReason.TOO_LONG, NackReason.TOO_LONG, NackReason.TOO_LONG,
                NackReason.TOO_LONG, NackReason.TOO_LONG), answers.subList(1, 7), "the clock was not restarted");
        double ventS = 0.5 * Math.log(30 / CuffController.EMPTY_MMHG) + 0.1;
        assertTrue(inflated <= 3 + ventS, "inflated " + inflated + " s; bound 3 s + vent " + ventS + " s");
        assertEquals(CuffState.IDLE, c.state());
        assertNull(c.command(Command.inflate(20, 30, 2.5)), "an empty cuff starts a new inflation with a new clock");
    }

    @Test
    void anInflateWhileVentingContinuesTheSameInflation() {
        CuffController c = new CuffController();
        c.command(new Command(1, Opcode.SET_LIMITS, 400, 5));
        c.command(Command.inflate(2, 30, 5));
        run(c, 5.05);
        assertEquals(CuffState.VENTING, c.state());
        assertEquals(CuffTelemetry.FLAG_MAX_TIME, c.flags() & CuffTelemetry.FLAG_MAX_TIME);
        assertEquals(NackReason.TOO_LONG, c.command(Command.inflate(3, 30, 1)), "the cuff is not empty yet");
        assertEquals(NackReason.BAD_PARAMETERS, c.command(new Command(4, Opcode.HOLD, 10, 0)), "HOLD only while inflating");
        run(c, 3);
        assertEquals(CuffState.IDLE, c.state());
        assertNull(c.command(Command.inflate(5, 30, 1)), "empty: a new inflation");
    }

    @Test
    void holdWithZeroTimeOrStrayParametersIsRefusedAndChangesNothing() {
        CuffController c = new CuffController();
        c.command(Command.inflate(1, 30, 20));
        run(c, 3);
        assertEquals(CuffState.HOLDING, c.state());
        assertEquals(NackReason.BAD_PARAMETERS, c.command(new Command(2, Opcode.HOLD, 0, 0)));
        assertEquals(NackReason.BAD_PARAMETERS, c.command(new Command(3, Opcode.HOLD, 50, 7)));
        assertEquals(NackReason.BAD_PARAMETERS, c.command(new Command(4, Opcode.VENT, 1, 0)));
        run(c, 1);
        assertEquals(CuffState.HOLDING, c.state(), "none of them vented");
        assertEquals(1, c.telemetry(0).lastCommandId());
        assertNull(c.command(Command.vent(5)));
        assertEquals(NackReason.BAD_PARAMETERS, c.command(new Command(6, Opcode.HOLD, 0, 0)), "also when not inflated");
    }

    @Test
    void anUnknownOpcodeIsRefusedByNameAndExecutesNothing() {
        CuffController c = new CuffController();
        c.command(Command.inflate(1, 30, 20));
        run(c, 2);
        assertEquals(NackReason.UNKNOWN_OPCODE, c.command(new UnknownCommand(2, 9, 100, 0)));
        assertEquals(NackReason.UNKNOWN_OPCODE, c.command(new UnknownCommand(2, 9, 100, 0)), "a repeat, same answer");
        assertEquals(1, c.telemetry(0).lastCommandId(), "not an accepted command");
        assertEquals(CuffState.HOLDING, c.state());
    }

    @Test
    void flagsClearOnlyByAnExplicitCommand() {
        CuffController c = new CuffController();
        c.command(Command.inflate(1, 30, 60));
        run(c, 2);
        c.watchdogExpired();
        run(c, 700);
        assertEquals(CuffState.IDLE, c.state());
        assertEquals(CuffTelemetry.FLAG_WATCHDOG_VENT, c.flags(), "still set after minutes empty");
        assertNull(c.command(Command.vent(2)));
        assertEquals(0, c.flags());
    }

    @Test
    void setLimitsMayRaiseTheRuntimeLimitsAgainUpToTheCompiledOnes() {
        CuffController c = new CuffController();
        assertNull(c.command(new Command(1, Opcode.SET_LIMITS, 300, 10)));
        assertEquals(NackReason.ABOVE_CEILING, c.command(Command.inflate(2, 45, 5)));
        assertNull(c.command(new Command(3, Opcode.SET_LIMITS, 600, 120)));
        assertEquals(60, c.ceilingMmHg(), 1e-9);
        assertNull(c.command(Command.inflate(4, 45, 60)));
        assertEquals(NackReason.ABOVE_CEILING, c.command(new Command(5, Opcode.SET_LIMITS, 601, 120)));
        assertEquals(NackReason.TOO_LONG, c.command(new Command(6, Opcode.SET_LIMITS, 600, 121)));
    }

    @Test
    void theSessionLengthIsBoundedAndAGapEndsTheSession() {
        CuffController c = new CuffController();
        int id = 1;
        double t = 0;
        NackReason last = null;
        // Published dose: 5 s of 29 mmHg every minute, for longer than the session allows.
        while (t < CuffController.MAX_SESSION_S + 120) {
            last = c.command(Command.inflate(id++, 29, 5));
            run(c, 60);
            t += 60;
        }
        assertEquals(NackReason.TOO_LONG, last);
        assertEquals(CuffTelemetry.FLAG_SESSION_LIMIT, c.flags() & CuffTelemetry.FLAG_SESSION_LIMIT);
        assertTrue(c.drainEvents().stream().anyMatch(e -> e.code() == ErrorCode.SESSION_LIMIT));
        run(c, CuffController.SESSION_GAP_S + 1);
        assertNull(c.command(Command.inflate(id, 29, 5)), "ten minutes empty ended the session");
    }
}
