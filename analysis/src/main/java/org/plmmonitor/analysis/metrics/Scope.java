package org.plmmonitor.analysis.metrics;

/**
 * Counts for movements whose onsets fall inside one stretch of time, with per-hour rates.
 *
 * @param durationS  length of the stretch in seconds, null when unknown
 * @param lm         leg movements of at least 0.5 s (a bilateral merge counted once, its members not)
 * @param clm        candidate movements by the selected standard
 * @param plm        periodic movements (members of a series)
 * @param plmnr      PLMnr: movements periodic once the respiration-related candidates are taken out and
 *                   the series found again on the rest (WASM 2016, PLMScoRe, MATPLM, SOMAS); null when no
 *                   respiratory events were supplied
 * @param plmArousal periodic movements associated with an arousal; null when no arousals were supplied
 */
public record Scope(Double durationS, int lm, int clm, int plm, Integer plmnr, Integer plmArousal) {

    /** @return LMs per hour, null when the duration is unknown or 0 */
    public Double lmPerH() {
        return rate(lm);
    }

    /** @return CLMs per hour, null when the duration is unknown or 0 */
    public Double clmPerH() {
        return rate(clm);
    }

    /** @return PLMs per hour, null when the duration is unknown or 0 */
    public Double plmPerH() {
        return rate(plm);
    }

    /** @return PLMnr per hour, null when not supplied or the duration is unknown or 0 */
    public Double plmnrPerH() {
        return plmnr == null ? null : rate(plmnr);
    }

    /** @return arousal-associated PLMs per hour, null when not supplied or the duration is unknown or 0 */
    public Double plmArousalPerH() {
        return plmArousal == null ? null : rate(plmArousal);
    }

    private Double rate(int n) {
        return durationS == null || !(durationS > 0) ? null : n * 3600.0 / durationS;
    }
}
