package org.plmmonitor.monitor.config;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;

/**
 * When a night is recorded ({@code night.*}). Times are local, in the configured time zone; a night is
 * named by the local date of its evening.
 *
 * @param mode  what opens and closes a night
 * @param start local time the night window opens (e.g. 21:30)
 * @param end   local time it closes, next morning when earlier than {@code start}; differs from start
 */
public record NightConfig(Mode mode, LocalTime start, LocalTime end) {
    /** Defaults: a schedule from 21:30 to 07:30. */
    public static final NightConfig DEFAULT = new NightConfig(Mode.SCHEDULE, LocalTime.of(21, 30), LocalTime.of(7, 30));

    /** What opens and closes a night. */
    public enum Mode {
        /** The clock alone: from {@code start} to {@code end}. */
        SCHEDULE,
        /** Lying posture alone, whatever the time. */
        POSTURE,
        /** Lying within the schedule. */
        BOTH;

        /** @return the config spelling, {@code schedule}, {@code posture} or {@code both} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NightConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("night start and end are both " + start + ": a night needs a window");
        }
    }
}
