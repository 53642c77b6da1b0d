package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.metrics.DurationStats;
import org.plmmonitor.analysis.metrics.ImiStats;
import org.plmmonitor.analysis.metrics.LegCounts;
import org.plmmonitor.analysis.report.Provenance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the morning report of one night shows, immutable and free of I/O. Times are seconds
 * from the night's start ({@code start}); the renderer turns them into local clock times in
 * {@code zone}.
 *
 * @param nightId          the night's name (local date of its evening)
 * @param zone             the time zone the night is shown in
 * @param start            when the night opened (the timeline's left edge)
 * @param durationS        the timeline's length, s, {@code > 0}
 * @param marks            every movement of the report, one per leg row (bilateral candidates in
 *                         their own row besides their one-leg parts)
 * @param series           PLM series
 * @param analysable       time in bed with signal, worn and lying (what rates are per hour of)
 * @param unworn           time a sensor was judged not worn
 * @param noSignal         time without samples (gaps, a sensor silent)
 * @param hourOriginS      where the hourly PLM counts start, seconds from the night's start
 * @param plmPerHour       PLM onsets per hour from {@code hourOriginS}
 * @param imi              inter-movement interval counts and histograms
 * @param rates            WASM-style rows: in bed, recorded, then sleep and wake when known
 * @param periodicityIndex Ferri 2006 periodicity index over the night, 0-1, null without intervals
 * @param periodicityIndexSleep the same over sleep, null without sleep times
 * @param lmDuration       LM duration statistics
 * @param legs             left, right and bilateral counts
 * @param seriesCount      number of PLM series
 * @param provenance       software, detector, standard, sensors, zone, wear time
 * @param caveat           the sensor's caveat sentence, null for imported events
 * @param otherDetectors   detector versions the store also holds this night from (not shown here)
 * @param sources          where the numbers came from, as named to the reader (files, store)
 * @param cuffSessions     cuff therapy sessions (the daemon's report with a cuff), in start order; empty for none
 */
public record NightView(String nightId, ZoneId zone, Instant start, double durationS, List<Mark> marks,
                        List<SeriesBand> series, List<Span> analysable, List<Span> unworn, List<Span> noSignal,
                        double hourOriginS, List<Integer> plmPerHour, ImiStats imi, List<RateRow> rates,
                        Double periodicityIndex, Double periodicityIndexSleep, DurationStats lmDuration,
                        List<LegCounts> legs, int seriesCount, Provenance provenance, String caveat,
                        List<String> otherDetectors, List<String> sources, List<CuffBand> cuffSessions) {
    public NightView {
        if (!(durationS > 0) || Double.isInfinite(durationS)) {
            throw new IllegalArgumentException("night " + nightId + ": duration " + durationS + " s must be finite and > 0");
        }
        marks = List.copyOf(marks);
        series = List.copyOf(series);
        analysable = List.copyOf(analysable);
        unworn = List.copyOf(unworn);
        noSignal = List.copyOf(noSignal);
        plmPerHour = List.copyOf(plmPerHour);
        rates = List.copyOf(rates);
        legs = List.copyOf(legs);
        otherDetectors = List.copyOf(otherDetectors);
        sources = List.copyOf(sources);
        cuffSessions = List.copyOf(cuffSessions);
    }

    /** @return the in-bed row (always the first) */
    public RateRow inBed() {
        return rates.get(0);
    }
}
