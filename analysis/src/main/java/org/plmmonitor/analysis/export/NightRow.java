package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.report.Provenance;

import java.util.List;

/**
 * A night's summary in the layout of PLMScoRe's and SOMAS's output tables (one row of {@code nights.csv},
 * one FHIR observation). Every number is the night's JSON report's own except {@code meanLnImi}, which
 * the report does not give and which is taken from the same intervals as {@code imiTotal}.
 *
 * @param nightId         the night's name
 * @param startUtcMs      its start, UTC epoch ms
 * @param endUtcMs        its end, UTC epoch ms
 * @param zone            its time zone (IANA id)
 * @param recordedS       recorded time, s
 * @param analysableS     analysable time in bed, s (what the rates are per hour of)
 * @param wearS           time the sensors were worn, s, null when unknown
 * @param lm              leg movements with onsets in analysable time
 * @param clm             candidates among them
 * @param plm             periodic ones among them
 * @param lmPerH          LM per hour in bed, null without analysable time
 * @param clmPerH         CLM per hour in bed, null without analysable time
 * @param plmPerH         PLM per hour in bed, null without analysable time
 * @param plmSeries       PLM series
 * @param periodicityIndex Ferri 2006 periodicity index, 0-1, null without intervals
 * @param imiTotal        intervals between consecutive candidates
 * @param imiBelow10      of them under 10 s
 * @param imi10To90       of them 10-90 s
 * @param imiAbove90      of them over 90 s
 * @param meanLnImi       mean of ln(IMI in s) over those intervals, null without any
 * @param lmDurationMeanS mean LM duration, s, null without LM
 * @param provenance      software, detector, standard, sensors, zone, wear
 * @param otherDetectors  other detector versions the night was analysed by
 * @param caveat          the report's caveat sentence, null for imported events
 */
public record NightRow(String nightId, long startUtcMs, long endUtcMs, String zone, double recordedS, double analysableS,
                       Double wearS, int lm, int clm, int plm, Double lmPerH, Double clmPerH, Double plmPerH, int plmSeries,
                       Double periodicityIndex, int imiTotal, int imiBelow10, int imi10To90, int imiAbove90,
                       Double meanLnImi, Double lmDurationMeanS, Provenance provenance, List<String> otherDetectors,
                       String caveat) {
    public NightRow {
        otherDetectors = List.copyOf(otherDetectors);
    }
}
