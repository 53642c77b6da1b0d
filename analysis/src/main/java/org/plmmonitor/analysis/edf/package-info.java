/**
 * Imported event files: event CSVs ({@link org.plmmonitor.analysis.edf.EventCsv}) and EDF+ annotations
 * (Kemp and Olivan 2003): reading the time-stamped annotation lists (TALs) of every
 * "EDF Annotations" signal, writing annotation-only EDF+C files, and mapping annotation labels of
 * PSG scorings to leg movements, respiratory events, arousals and sleep. Pure parsing of bytes and
 * files; corruption is reported as {@link org.plmmonitor.analysis.io.InputException} naming the
 * file, byte offset and data record.
 */
package org.plmmonitor.analysis.edf;
