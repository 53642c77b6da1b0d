package org.plmmonitor.monitor.export;

import org.plmmonitor.analysis.export.DiarySections;
import org.plmmonitor.analysis.export.ExportFormat;
import org.plmmonitor.analysis.export.ExportPeriod;
import org.plmmonitor.analysis.export.JsonExport;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.monitor.report.StoredTrends;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a format writes beside the nights, read only for the format that needs it: the diary and blood tests as
 * sections of {@code export.json} (JSON), and the period's trends exactly as the trends page builds them (PDF), so
 * that the PDF's trend chart and the page's cannot differ. {@code plm export} and the web's download both take
 * them from here.
 *
 * @param jsonSections the further sections of {@code export.json}; empty for the other formats
 * @param trends       the period's trends; present for {@link ExportFormat#PDF}
 */
public record PeriodRecords(List<JsonExport.Section> jsonSections, Optional<TrendsView> trends) {
    public PeriodRecords {
        jsonSections = List.copyOf(jsonSections);
        Objects.requireNonNull(trends, "trends");
    }

    /**
     * @param store   the open store the nights were read from
     * @param dataDir its data directory (holds {@code nights/})
     * @param from    first night of the export
     * @param to      last night
     * @param format  the format being written
     * @return the records that format needs, read from the store and its diary
     * @throws InputException when the trends cannot be made (a period longer than {@link TrendsView#MAX_DAYS} nights)
     * @throws org.plmmonitor.monitor.store.StoreException naming the file when the diary cannot be read
     */
    public static PeriodRecords fromStore(LocalStore store, Path dataDir, LocalDate from, LocalDate to, ExportFormat format)
            throws InputException {
        List<JsonExport.Section> sections = format == ExportFormat.JSON ? StoredDiary.sections(store.file(), from, to) : List.of();
        if (format != ExportFormat.PDF) {
            return new PeriodRecords(sections, Optional.empty());
        }
        try (DiaryStore diary = DiaryStore.open(store.file(), Clock.systemUTC())) {
            return new PeriodRecords(sections, Optional.of(StoredTrends.load(store, diary, dataDir, from, to)));
        }
    }

    /**
     * Records of nights read from a source that holds nothing else (InfluxDB: the diary and blood tests are not
     * forwarded): empty diary sections, and trends from the nights' own reports.
     *
     * @param period the nights
     * @param format the format being written
     * @param source where the nights were read, for the trends' provenance
     * @return the records
     * @throws InputException when the period is longer than {@link TrendsView#MAX_DAYS} nights (PDF only)
     */
    public static PeriodRecords withoutDiary(ExportPeriod period, ExportFormat format, String source) throws InputException {
        List<JsonExport.Section> sections = List.of(DiarySections.diary(List.of()), DiarySections.lab(List.of()));
        if (format != ExportFormat.PDF) {
            return new PeriodRecords(sections, Optional.empty());
        }
        try {
            return new PeriodRecords(sections, Optional.of(period.trends(List.of(), List.of(), List.of(source))));
        } catch (IllegalArgumentException e) {
            throw new InputException("--to", 0, e.getMessage(), e);
        }
    }
}
