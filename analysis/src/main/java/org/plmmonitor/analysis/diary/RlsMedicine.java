package org.plmmonitor.analysis.diary;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One RLS medicine taken that evening.
 *
 * @param name the medicine, 1-60 characters, no {@code : @ ;} and no control characters (e.g. "pramipexole")
 * @param dose the dose with its unit as written, 1-30 characters, no {@code @ ;} (e.g. "0.25 mg")
 * @param time when it was taken, local time of day
 */
public record RlsMedicine(String name, String dose, LocalTime time) {
    public RlsMedicine {
        Objects.requireNonNull(time, "rls_medicines: time");
        name = DiaryCells.checkText("rls_medicines", "name", name, 60, ":@;");
        dose = DiaryCells.checkText("rls_medicines", "dose", dose, 30, "@;");
    }
}
