package org.plmmonitor.analysis.report.html;

/**
 * A PLM series on the timeline.
 *
 * @param id     the series id (from 1)
 * @param span   from its first onset to its last offset, seconds from the night's start
 * @param count  its movements
 */
public record SeriesBand(int id, Span span, int count) {
}
