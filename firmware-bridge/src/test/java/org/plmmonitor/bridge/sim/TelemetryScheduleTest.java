package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message.CuffState;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelemetryScheduleTest {

    @Test
    void aChangeBetweenTwoSlotsIsDueAtOnceAndThePeriodCarriesOnFromIt() {
        TelemetrySchedule s = new TelemetrySchedule(0.1);
        assertTrue(s.changed(CuffState.IDLE, 0), "nothing sent yet");
        assertTrue(s.periodicDue(0));
        s.sent(0, CuffState.IDLE, 0);
        assertFalse(s.changed(CuffState.IDLE, 0));
        assertFalse(s.periodicDue(0.05));
        assertTrue(s.changed(CuffState.INFLATING, 0), "a state change at 0.05 s is due now, not at 0.1 s");
        s.sent(0.05, CuffState.INFLATING, 0);
        assertFalse(s.periodicDue(0.1), "the period restarts at the change frame");
        assertTrue(s.periodicDue(0.151));
        assertTrue(s.changed(CuffState.INFLATING, 8), "a flags change alone is due too");
    }
}
