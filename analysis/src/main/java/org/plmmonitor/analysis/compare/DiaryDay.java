package org.plmmonitor.analysis.compare;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One evening's diary as the factor comparison reads it.
 *
 * @param date   the evening's local date (the night it precedes has the same name)
 * @param values factor key to what was recorded; a factor not in the map was not recorded that evening
 */
public record DiaryDay(LocalDate date, Map<String, FactorValue> values) {
    public DiaryDay {
        Objects.requireNonNull(date, "date");
        values = Map.copyOf(values);
    }
}
