package org.plmmonitor.analysis.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one {@code plm export} writes: the closed nights of a period, for one pseudonymous patient.
 *
 * @param patientId pseudonymous patient id, {@code [A-Za-z0-9_-]{1,64}} starting with a letter or digit
 * @param from      first night of the period (the local date of its evening)
 * @param to        last night, not before {@code from}
 * @param nights    the nights, in order, at least one
 * @param generated when the export was made (an injected clock's instant)
 */
public record ExportPeriod(String patientId, LocalDate from, LocalDate to, List<ExportNight> nights, Instant generated) {
    /** The pseudonymous id's pattern (the configuration's {@code patient.id}). */
    public static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public ExportPeriod {
        if (patientId == null || !PATIENT_ID.matcher(patientId).matches()) {
            throw new IllegalArgumentException("patient id '" + patientId + "' is not 1-64 letters, digits, '-' or '_'");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("period from " + from + " is after its end " + to);
        }
        nights = List.copyOf(nights);
        if (nights.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one night (period " + from + " to " + to + ")");
        }
    }
}
