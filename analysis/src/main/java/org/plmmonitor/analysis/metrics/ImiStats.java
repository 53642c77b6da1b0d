package org.plmmonitor.analysis.metrics;

/**
 * Inter-movement intervals between consecutive candidates (PLMScoRe conventions).
 *
 * @param total        number of intervals
 * @param below10      intervals under 10 s
 * @param from10To90   intervals of 10-90 s, both bounds included (whole milliseconds)
 * @param above90      intervals over 90 s
 * @param linear       2-s bins from 0 to 90 s (45 bins; 90.000 s falls in the last)
 * @param logarithmic  ln(IMI in s) in 0.1-wide bins from 0 to 4.5 (45 bins); IMIs under 1 s count as below
 */
public record ImiStats(int total, int below10, int from10To90, int above90, Histogram linear, Histogram logarithmic) {
}
