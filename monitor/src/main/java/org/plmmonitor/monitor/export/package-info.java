/**
 * The clinician export's I/O side (docs/export.md): which closed nights of the store fall in a period
 * ({@link org.plmmonitor.monitor.export.StoredNights}), what a format needs beside them (the diary for JSON,
 * the trends page's view for the PDF: {@link org.plmmonitor.monitor.export.PeriodRecords}), and writing a
 * format's files ({@link org.plmmonitor.monitor.export.ExportFiles}) into an
 * {@link org.plmmonitor.monitor.export.ExportSink}: a folder, each file whole or not at all, or the web's
 * streamed zip. The formats themselves are the
 * analysis module's pure writers ({@code org.plmmonitor.analysis.export}).
 */
package org.plmmonitor.monitor.export;
