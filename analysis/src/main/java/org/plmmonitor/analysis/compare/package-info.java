/**
 * Comparing nightly indices between two groups of nights: nights with a diary factor and nights without,
 * or the two arms of an n-of-1 trial. {@link org.plmmonitor.analysis.compare.GroupComparer} gives counts,
 * medians, the difference in median with a seeded bootstrap confidence interval, a permutation test that
 * can follow a block randomisation, and an estimate of how many nights would show a 30 % difference;
 * below three usable nights on either side it answers {@link org.plmmonitor.analysis.compare.Comparison.CannotTellYet}.
 * {@link org.plmmonitor.analysis.compare.Factors} applies it to each diary factor.
 *
 * <p>Pure functions of their inputs with immutable results. Every random draw comes from a
 * {@link java.util.Random} seeded from the options, whose algorithm the Java specification fixes, so a
 * result is reproduced exactly from its inputs and seed. The texts describe differences between groups of
 * nights and never say what produced them: an observational diary cannot tell that.
 */
package org.plmmonitor.analysis.compare;
