package org.plmmonitor.monitor.trial;

import org.junit.jupiter.api.Test;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialScheduleTest {
    private static final LocalDate START = LocalDate.of(2026, 12, 8);

    private static TrialSchedule draw(long seed, TrialConfig.Arm control, int block, int nights) {
        return TrialSchedule.draw(new TrialConfig(control, block, nights, seed, START), CuffTherapy.Policy.SCHEDULED, 29);
    }

    @Test
    void everyBlockIsHalfCuffHalfControlAndTheSeedFixesTheOrder() {
        TrialSchedule a = draw(7, TrialConfig.Arm.SHAM, 6, 36);
        assertEquals(36, a.nights().size());
        for (int b = 1; b <= 6; b++) {
            final int block = b;
            List<ScheduledNight> in = a.nights().stream().filter(n -> n.block() == block).toList();
            assertEquals(6, in.size());
            assertEquals(3, in.stream().filter(n -> n.arm() == TrialConfig.Arm.CUFF).count(), "block " + b);
            assertEquals(3, in.stream().filter(n -> n.arm() == TrialConfig.Arm.SHAM).count(), "block " + b);
            assertEquals(START.plusDays((b - 1) * 6L), in.get(0).night(), "blocks follow one another night by night");
        }
        assertEquals(a, draw(7, TrialConfig.Arm.SHAM, 6, 36), "the same seed, the same schedule");
        assertNotEquals(a.nights(), draw(8, TrialConfig.Arm.SHAM, 6, 36).nights(), "another seed, another order");
        // Not all blocks in the same order (a shuffle, not a pattern).
        assertTrue(a.nights().stream().map(n -> n.block() + ":" + (n.night().toEpochDay() - START.toEpochDay()) % 6 + n.arm())
                .map(s -> s.substring(s.indexOf(':'))).distinct().count() > 2);
    }

    @Test
    void theArmOfANightAndOutsideTheTrial() {
        TrialSchedule a = draw(7, TrialConfig.Arm.NONE, 4, 8);
        assertEquals(a.nights().get(3).arm(), a.armOf("2026-12-11"));
        assertEquals(TrialConfig.Arm.CUFF, a.armOf("2026-12-07"), "before the trial: the policy as configured");
        assertEquals(TrialConfig.Arm.CUFF, a.armOf("2026-12-16"), "after it");
        assertEquals(2.5, a.shamMmHg());
    }

    @Test
    void differencesNameTheirKey() {
        TrialSchedule a = draw(7, TrialConfig.Arm.NONE, 4, 8);
        assertTrue(a.differenceFrom(draw(7, TrialConfig.Arm.NONE, 4, 8)).isEmpty());
        assertEquals(new TrialSchedule.Difference("cuff.trial_seed", "8 differs from the recorded trial's 7"),
                a.differenceFrom(draw(8, TrialConfig.Arm.NONE, 4, 8)).orElseThrow());
        assertEquals("cuff.trial_arms", a.differenceFrom(draw(7, TrialConfig.Arm.SHAM, 4, 8)).orElseThrow().key());
        assertEquals("cuff.trial_nights", a.differenceFrom(draw(7, TrialConfig.Arm.NONE, 4, 12)).orElseThrow().key());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrialConfig(TrialConfig.Arm.NONE, 3, 6, 1, START));
        assertThrows(IllegalArgumentException.class, () -> new TrialConfig(TrialConfig.Arm.NONE, 4, 10, 1, START));
        assertThrows(IllegalArgumentException.class, () -> new TrialConfig(TrialConfig.Arm.CUFF, 4, 8, 1, START));
    }
}
