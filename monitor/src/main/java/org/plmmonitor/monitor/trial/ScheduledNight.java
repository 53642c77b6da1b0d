package org.plmmonitor.monitor.trial;

import org.plmmonitor.monitor.config.TrialConfig;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One night of the trial's schedule.
 *
 * @param night the night (the local date of its evening)
 * @param block its randomisation block, from 1
 * @param arm   what it gets
 */
public record ScheduledNight(LocalDate night, int block, TrialConfig.Arm arm) {
    public ScheduledNight {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(arm, "arm");
        if (block < 1) {
            throw new IllegalArgumentException("block " + block + " is below 1");
        }
    }
}
