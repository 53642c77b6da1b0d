package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.diary.DiaryColumn;

import java.util.stream.Collectors;

/** The diary's two tables (docs/storage.md, "The evening diary and lab results"). */
final class DiaryTables {
    static final String DIARY = "diary";
    static final String LAB = "lab_results";

    /** Field columns named as the CSV's, TEXT holding the cell's text (NULL: not recorded). */
    static final String FIELD_COLUMNS = DiaryColumn.fields().stream().map(DiaryColumn::columnName)
            .collect(Collectors.joining(", "));

    static final String DIARY_DDL = "CREATE TABLE IF NOT EXISTS " + DIARY + " (id INTEGER PRIMARY KEY, night_id TEXT NOT NULL,"
            + " revision INTEGER NOT NULL, recorded_ms INTEGER NOT NULL, after_analysis INTEGER NOT NULL, "
            + DiaryColumn.fields().stream().map(c -> c.columnName() + " TEXT").collect(Collectors.joining(", "))
            + ", UNIQUE (night_id, revision))";

    static final String LAB_DDL = "CREATE TABLE IF NOT EXISTS " + LAB + " (id INTEGER PRIMARY KEY, date TEXT NOT NULL UNIQUE,"
            + " ferritin_ng_ml REAL, tsat_pct REAL, recorded_ms INTEGER NOT NULL)";

    private DiaryTables() {
    }
}
