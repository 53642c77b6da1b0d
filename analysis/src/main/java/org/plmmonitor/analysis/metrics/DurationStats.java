package org.plmmonitor.analysis.metrics;

/**
 * LM duration statistics over the counted leg movements.
 *
 * @param n     number of movements
 * @param meanS mean duration, s; null when n = 0
 * @param sdS   sample standard deviation (n - 1), s; null when n &lt; 2
 * @param minS  shortest, s; null when n = 0
 * @param maxS  longest, s; null when n = 0
 */
public record DurationStats(int n, Double meanS, Double sdS, Double minS, Double maxS) {
}
