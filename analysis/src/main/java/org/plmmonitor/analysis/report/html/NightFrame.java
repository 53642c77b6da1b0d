package org.plmmonitor.analysis.report.html;

import java.time.ZoneId;
import java.util.List;

/**
 * What a night's JSON report does not say and its morning report needs: where the night lies in
 * wall-clock time, and which stretches were analysable, unworn or without signal.
 *
 * @param nightId        the night's name
 * @param startUtcMs     when it opened, UTC epoch ms
 * @param endUtcMs       when it closed, UTC epoch ms, {@code > startUtcMs}
 * @param zone           the time zone it is named and shown in
 * @param clock          maps the report's line seconds to UTC
 * @param analysable     analysable stretches, seconds from the start
 * @param unworn         stretches with a sensor not worn, seconds from the start
 * @param noSignal       stretches without samples, seconds from the start
 * @param otherDetectors other detector versions the night was also analysed by
 * @param sources        where the report's parts were read from, as named to the reader
 */
public record NightFrame(String nightId, long startUtcMs, long endUtcMs, ZoneId zone, LineClock clock,
                         List<Span> analysable, List<Span> unworn, List<Span> noSignal,
                         List<String> otherDetectors, List<String> sources) {
    public NightFrame {
        if (endUtcMs <= startUtcMs) {
            throw new IllegalArgumentException("night " + nightId + " ends (" + endUtcMs + " ms) before it starts ("
                    + startUtcMs + " ms)");
        }
        analysable = List.copyOf(analysable);
        unworn = List.copyOf(unworn);
        noSignal = List.copyOf(noSignal);
        otherDetectors = List.copyOf(otherDetectors);
        sources = List.copyOf(sources);
    }

    /** @return seconds from the night's start of a time on the report's line */
    double fromStartS(double lineS) {
        return (clock.utcMs(lineS) - startUtcMs) / 1000.0;
    }
}
