package org.plmmonitor.analysis.metrics;

import org.plmmonitor.analysis.movement.Leg;

/**
 * Whole-recording counts for one leg (or for bilateral merges).
 *
 * @param leg the leg
 * @param lm  leg movements of at least 0.5 s on it (merged one-leg movements excluded)
 * @param clm candidates on it
 * @param plm periodic movements on it
 */
public record LegCounts(Leg leg, int lm, int clm, int plm) {
}
