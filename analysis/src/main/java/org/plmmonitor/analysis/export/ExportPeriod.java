package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.analysis.report.html.TrendsViews;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * The trends of the period from its own nights, for a source that holds nothing but the nights' reports
     * (InfluxDB) and for tests; a store builds them as its trends page does.
     *
     * @param diary   diary evenings (markers, iron starts, factors), any order; may be empty
     * @param labs    blood tests, any order; may be empty
     * @param sources where the nights were read, for the provenance
     * @return the view the trends page and the PDF draw
     * @throws IllegalArgumentException when the period is longer than {@link TrendsView#MAX_DAYS} nights
     */
    public TrendsView trends(List<DiaryEntry> diary, List<LabResult> labs, List<String> sources) {
        List<NightIndex> index = new ArrayList<>();
        for (ExportNight n : nights) {
            LocalDate d = LocalDate.parse(n.nightId());
            index.add(TrendsViews.index(d, n.report()).orElse(new NightIndex(d, Double.NaN, 0,
                    Optional.of("night report without a summary"))));
        }
        return TrendsViews.of(from, to, index, diary, labs, CompareOptions.DEFAULT, sources);
    }
}
