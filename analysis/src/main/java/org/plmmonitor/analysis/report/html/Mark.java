package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.movement.Leg;

/**
 * One movement on the timeline.
 *
 * @param onsetS    onset, seconds from the night's start
 * @param offsetS   offset, seconds from the night's start, {@code >= onsetS}
 * @param leg       the row it is drawn in: left, right or bilateral
 * @param candidate true for a candidate leg movement (CLM)
 * @param periodic  true for a periodic one (PLM)
 * @param series    id of its series, or null
 */
public record Mark(double onsetS, double offsetS, Leg leg, boolean candidate, boolean periodic, Integer series) {
}
