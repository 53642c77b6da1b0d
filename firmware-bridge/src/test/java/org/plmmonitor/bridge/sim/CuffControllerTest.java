package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.Opcode;

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
        CuffController c = new CuffController();
        c.setLeakScale(200);
        c.command(Command.inflate(1, 30, 60));
        run(c, 10);
        assertEquals(CuffTelemetry.FLAG_LEAK, c.telemetry(0).flags() & CuffTelemetry.FLAG_LEAK);
        assertEquals(ErrorCode.LEAK, c.drainEvents().get(0).code());
    }
}
