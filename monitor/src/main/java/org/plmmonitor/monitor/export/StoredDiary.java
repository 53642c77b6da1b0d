package org.plmmonitor.monitor.export;

import org.plmmonitor.analysis.export.DiarySections;
import org.plmmonitor.analysis.export.JsonExport;
import org.plmmonitor.monitor.store.DiaryRevision;
import org.plmmonitor.monitor.store.DiaryStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The diary and blood tests of a store as the JSON export's sections (docs/export.md): every revision of
 * each evening of the period, and every blood test up to the period's end.
 */
public final class StoredDiary {
    private StoredDiary() {
    }

    /**
     * @param db   the store file ({@code plm.db})
     * @param from first evening
     * @param to   last evening; blood tests up to this date
     * @return the {@code diary} and {@code lab_results} sections
     * @throws org.plmmonitor.monitor.store.StoreException naming the file when the diary cannot be read
     */
    public static List<JsonExport.Section> sections(Path db, LocalDate from, LocalDate to) {
        try (DiaryStore diary = DiaryStore.open(db, Clock.systemUTC())) {
            List<DiarySections.Evening> evenings = new ArrayList<>();
            for (DiaryRevision current : diary.entries(from, to)) {
                for (DiaryRevision r : diary.history(current.entry().date())) {
                    evenings.add(new DiarySections.Evening(r.entry(), r.revision(), r.recorded(), r.afterAnalysis()));
                }
            }
            return List.of(DiarySections.diary(evenings), DiarySections.lab(diary.labResults(LocalDate.of(1900, 1, 1), to)));
        }
    }
}
