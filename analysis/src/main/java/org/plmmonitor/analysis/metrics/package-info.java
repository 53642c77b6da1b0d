/**
 * Night metrics from a scoring result: counts and per-hour rates for recorded, analysable (in bed),
 * sleep and wake time, the Ferri 2006 periodicity index, LM durations, IMI histograms, the hourly
 * distribution of PLMs and the per-leg breakdown. Pure functions of their inputs; immutable results.
 */
package org.plmmonitor.analysis.metrics;
