package org.plmmonitor.analysis.report.html;

import java.util.Objects;

/**
 * A cuff therapy session on the timeline (the night JSON's {@code cuff_sessions[]}).
 *
 * @param span            from its start to its end, seconds from the night's start (may begin before 0: a
 *                        scheduled session before bed is drawn from the timeline's left edge)
 * @param trigger         what started it, e.g. {@code scheduled}
 * @param cycles          INFLATE commands sent in it, 0 or more
 * @param maxPressureMmHg highest pressure reported during it, mmHg
 * @param outcome         how it ended, e.g. {@code completed}
 */
public record CuffBand(Span span, String trigger, int cycles, double maxPressureMmHg, String outcome) {
    public CuffBand {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(outcome, "outcome");
    }
}
