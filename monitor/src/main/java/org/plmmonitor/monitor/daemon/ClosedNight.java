package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.pipeline.NightAnalysis;

import java.nio.file.Path;

/**
 * A night the daemon has closed.
 *
 * @param nightId    its name (local date of its evening)
 * @param startUtcMs when it opened, UTC epoch ms
 * @param endUtcMs   when it closed, UTC epoch ms
 * @param analysis   its analysis, as {@code plm analyze} reports a file
 * @param report     the JSON report written for it
 */
public record ClosedNight(String nightId, long startUtcMs, long endUtcMs, NightAnalysis analysis, Path report) {
}
