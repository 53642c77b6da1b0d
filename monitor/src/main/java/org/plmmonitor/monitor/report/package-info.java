/**
 * Reads what the daemon stored of a closed night into the analysis module's morning-report view:
 * the night's JSON report (counts, histograms, provenance: written once at close, never recomputed
 * here), and from the store the night record (start, end, time zone, detector versions), the stored
 * movements' UTC times (the daemon's own mapping of the sources' time line to wall-clock time) and
 * the per-second activity (analysable, unworn, no signal).
 */
package org.plmmonitor.monitor.report;
