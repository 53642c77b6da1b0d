/**
 * Reads what the daemon stored of a closed night into the analysis module's morning-report view:
 * the night's JSON report (counts, histograms, provenance: written once at close, never recomputed
 * here), and from the store the night record (start, end, time zone, detector versions), the stored
 * movements' UTC times (the daemon's own mapping of the sources' time line to wall-clock time) and
 * the per-second activity (analysable, unworn, no signal). {@link org.plmmonitor.monitor.report.StoredTrends}
 * does the same for the trends of a period: each night's index from its JSON report, the diary and the lab
 * results from {@link org.plmmonitor.monitor.store.DiaryStore}.
 */
package org.plmmonitor.monitor.report;
