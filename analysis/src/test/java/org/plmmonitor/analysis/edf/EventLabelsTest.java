package org.plmmonitor.analysis.edf;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLabelsTest {

    @Test
    void aStageLabelIsNeverTakenForAnEventWhateverTheExpression() throws Exception {
        EventLabels broad = EventLabels.defaults().with(EventLabels.Kind.LEG_MOVEMENT, ".*\\b(L|R)");
        assertTrue(broad.is("Tib R", EventLabels.Kind.LEG_MOVEMENT));
        assertFalse(broad.is("Sleep stage R", EventLabels.Kind.LEG_MOVEMENT), "a REM epoch is not a right-leg movement");
        EventLabels movement = EventLabels.defaults().with(EventLabels.Kind.LEG_MOVEMENT, ".*movement.*");
        assertFalse(movement.is("Movement time", EventLabels.Kind.LEG_MOVEMENT), "an unscored epoch is not an LM");
        assertTrue(movement.is("Leg movement", EventLabels.Kind.LEG_MOVEMENT));
        assertTrue(movement.is("Movement time", EventLabels.Kind.UNSCORED));

        EdfAnnotations f = new EdfAnnotations(LocalDateTime.of(2024, 1, 1, 22, 0), "EDF+C", 10, 30, List.of("EDF Annotations"),
                List.of(new Annotation(0, 30, "Sleep stage R"), new Annotation(5, 2, "Tib R"),
                        new Annotation(30, 30, "Movement time")));
        assertEquals(List.of(LegMovement.of(5, 7, Leg.RIGHT)), EdfEvents.legMovements(f, broad, "f.edf"));
    }

    @Test
    void remLogicEventTypesAreAmongTheDefaults() {
        EventLabels l = EventLabels.defaults();
        assertTrue(l.is("PLM-LM", EventLabels.Kind.LEG_MOVEMENT));
        for (String s : List.of("APNEA", "APNEA-OBSTRUCTIVE", "APNEA-CENTRAL", "APNEA-MIXED", "HYPOPNEA",
                "HYPOPNEA-OBSTRUCTIVE")) {
            assertTrue(l.is(s, EventLabels.Kind.RESPIRATORY), s);
        }
        assertFalse(l.is("DESAT", EventLabels.Kind.RESPIRATORY));
        assertFalse(l.is("RESP-MOVEMENT-STOP", EventLabels.Kind.RESPIRATORY));
        for (String s : List.of("AROUSAL", "AROUSAL-SPONT", "AROUSAL-RESP", "AROUSAL-PLM", "AROUSAL-LM")) {
            assertTrue(l.is(s, EventLabels.Kind.AROUSAL), s);
            assertFalse(l.is(s, EventLabels.Kind.LEG_MOVEMENT), s);
        }
        for (String s : List.of("SLEEP-S1", "SLEEP-S2", "SLEEP-S3", "SLEEP-S4", "SLEEP-REM")) {
            assertTrue(l.is(s, EventLabels.Kind.SLEEP), s);
        }
        assertTrue(l.is("SLEEP-S0", EventLabels.Kind.WAKE));
        assertFalse(l.is("SLEEP-S0", EventLabels.Kind.SLEEP));
        assertTrue(l.is("SLEEP-UNSCORED", EventLabels.Kind.UNSCORED));
        assertTrue(l.is("Sleep stage ?", EventLabels.Kind.UNSCORED));
        assertFalse(l.is("Sleep stage ?", EventLabels.Kind.WAKE));
        assertFalse(l.is("Sleep stage ?", EventLabels.Kind.SLEEP));
    }

    @Test
    void legsFromChannelNames() {
        assertEquals(Optional.of(Leg.LEFT), EventLabels.legOfChannel("EMG.Tibialis-Leg-Left"));
        assertEquals(Optional.of(Leg.RIGHT), EventLabels.legOfChannel("EMG.Tibialis-Leg.Right"));
        assertEquals(Optional.of(Leg.LEFT), EventLabels.legOfChannel("LAntib1-LAntib2"));
        assertEquals(Optional.of(Leg.RIGHT), EventLabels.legOfChannel("RAntib1-RAntib2"));
        assertEquals(Optional.of(Leg.RIGHT), EventLabels.legOfChannel("RAT1-RAT2"));
        assertEquals(Optional.of(Leg.LEFT), EventLabels.legOfChannel("Tib L"));
        assertEquals(Optional.empty(), EventLabels.legOfChannel("EMG.Tibialis"));
        assertEquals(Optional.empty(), EventLabels.legOfChannel("LAT1-RAT1"), "both legs: none");
    }

    @Test
    void unscoredEpochsAreNeitherSleepNorWakeAndEndTheStageBefore() {
        EdfAnnotations f = new EdfAnnotations(LocalDateTime.of(2024, 1, 1, 22, 0), "EDF+C", 10, 30, List.of("EDF Annotations"),
                List.of(new Annotation(0, Double.NaN, "Sleep stage W"), new Annotation(60, Double.NaN, "Sleep stage ?"),
                        new Annotation(120, Double.NaN, "Sleep stage 2"), new Annotation(180, 30, "Movement time"),
                        new Annotation(210, 30, "Sleep stage W")));
        EventLabels l = EventLabels.defaults();
        assertEquals(List.of(new TimeInterval(0, 60), new TimeInterval(210, 240)), EdfEvents.wake(f, l));
        assertEquals(List.of(new TimeInterval(120, 180)), EdfEvents.sleep(f, l));
    }
}
