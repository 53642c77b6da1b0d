/**
 * The clinician export's I/O side (docs/export.md): which closed nights of the store fall in a period
 * ({@link org.plmmonitor.monitor.export.StoredNights}), and writing a format's files into a folder, each
 * whole or not at all ({@link org.plmmonitor.monitor.export.ExportFiles}). The formats themselves are the
 * analysis module's pure writers ({@code org.plmmonitor.analysis.export}).
 */
package org.plmmonitor.monitor.export;
