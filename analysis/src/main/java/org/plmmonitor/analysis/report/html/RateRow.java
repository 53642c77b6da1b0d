package org.plmmonitor.analysis.report.html;

/**
 * One row of the WASM-style table: counts and rates over one kind of time. A count or rate the
 * report does not give (e.g. LM during sleep) is null and shown as a dash.
 *
 * @param what     the time the row counts over, in words ("in bed (analysable)", "sleep", ...)
 * @param hours    that time, h, null when unknown
 * @param lm       leg movements
 * @param clm      candidate leg movements
 * @param plm      periodic leg movements
 * @param lmPerH   LM per hour of that time
 * @param clmPerH  CLM per hour of that time
 * @param plmPerH  PLM per hour of that time
 */
public record RateRow(String what, Double hours, Integer lm, Integer clm, Integer plm,
                      Double lmPerH, Double clmPerH, Double plmPerH) {
}
