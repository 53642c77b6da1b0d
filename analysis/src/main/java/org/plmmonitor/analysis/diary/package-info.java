/**
 * The evening diary and the iron blood tests as the analysis reads them: {@link
 * org.plmmonitor.analysis.diary.DiaryEntry} (one evening, every field optional: {@code null} means not
 * recorded, which is not the same as none), {@link org.plmmonitor.analysis.diary.LabResult} (ferritin,
 * transferrin saturation), the one text codec for their fields ({@link org.plmmonitor.analysis.diary.DiaryCells},
 * used by the CSV files and by the store alike), the CSV reader and writer ({@link
 * org.plmmonitor.analysis.diary.DiaryCsv}), and how an evening becomes factor values, trend markers and
 * iron starts ({@link org.plmmonitor.analysis.diary.DiaryFactors}, {@link org.plmmonitor.analysis.diary.IronStarts}).
 *
 * <p>No storage here: the monitor's store keeps entries and seals them once their night is analysed.
 */
package org.plmmonitor.analysis.diary;
