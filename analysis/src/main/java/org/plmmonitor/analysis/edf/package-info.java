/**
 * Imported event files and the night scored from them: event CSVs
 * ({@link org.plmmonitor.analysis.edf.EventCsv}), EDF+ annotations (Kemp and Olivan 2003: reading the
 * time-stamped annotation lists (TALs) of every "EDF Annotations" signal, writing annotation-only
 * EDF+C files) and RemLogic event exports ({@link org.plmmonitor.analysis.edf.RemLogicExport});
 * mapping the labels of PSG scorings to leg movements, respiratory events, arousals and hypnogram
 * stages ({@link org.plmmonitor.analysis.edf.EventLabels}); and {@link org.plmmonitor.analysis.edf.ImportedNight},
 * the one place that turns those files into a scored night for {@code plm score}. Corruption is
 * reported as {@link org.plmmonitor.analysis.io.InputException} naming the file and the line (text) or
 * byte offset and data record (EDF).
 */
package org.plmmonitor.analysis.edf;
