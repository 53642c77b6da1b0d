package org.plmmonitor.monitor.report;

import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.analysis.report.html.TrendsViews;
import org.plmmonitor.monitor.store.DiaryRevision;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoreException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trends of a period from what the store holds: each night's index from the JSON report of its newest
 * analysis ({@code <data dir>/nights/<night>.json}, or {@code <night>.<version>.json} of a re-analysis;
 * {@code summary.plm_per_h} and {@code summary.analysable_s}, the same numbers as its morning report), the diary and the lab results from {@link DiaryStore}. A night the
 * store knows but that cannot count keeps its reason (still open, no report, a damaged report).
 */
public final class StoredTrends {
    private StoredTrends() {
    }

    /**
     * Opens the store at {@code db} and builds the view (what {@code plm report --from --to} and {@code plm demo}
     * render).
     *
     * @param db   the store file ({@code plm.db}); its directory holds {@code nights/}
     * @param from first night
     * @param to   last night, at most {@link TrendsView#MAX_DAYS} nights after {@code from}
     * @return the view
     * @throws InputException naming the store when it cannot be read, or the period when it is reversed or too long
     */
    public static TrendsView load(Path db, LocalDate from, LocalDate to) throws InputException {
        StoreConfig cfg = StoreConfig.forReading(db);
        try (LocalStore store = LocalStore.open(db, cfg, Clock.systemUTC());
             DiaryStore diary = DiaryStore.open(db, Clock.systemUTC())) {
            return load(store, diary, cfg.dataDir(), from, to);
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot read the store: " + e.getMessage(), e);
        }
    }

    /**
     * @param store   the open store (nights)
     * @param diary   the open diary (evenings, lab results)
     * @param dataDir the directory holding {@code nights/}
     * @param from    first night
     * @param to      last night
     * @return the view; factor comparisons with {@link CompareOptions#DEFAULT}
     * @throws InputException when the period is reversed or longer than {@link TrendsView#MAX_DAYS} nights
     */
    public static TrendsView load(LocalStore store, DiaryStore diary, Path dataDir, LocalDate from, LocalDate to)
            throws InputException {
        if (to.isBefore(from)) {
            throw new InputException("--to", 0, to + " is before --from " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > TrendsView.MAX_DAYS) {
            throw new InputException("--to", 0, "the period " + from + " to " + to + " is longer than "
                    + TrendsView.MAX_DAYS + " nights");
        }
        Map<String, NightRecord> latest = new LinkedHashMap<>();
        for (NightRecord r : store.nights()) {
            LocalDate d = LocalDate.parse(r.nightId());
            if (!d.isBefore(from) && !d.isAfter(to)) {
                latest.put(r.nightId(), r); // nights() is ordered by id then last update: the last one wins
            }
        }
        List<NightIndex> nights = new ArrayList<>();
        for (NightRecord r : latest.values()) {
            nights.add(index(r, dataDir));
        }
        List<org.plmmonitor.analysis.diary.DiaryEntry> entries = diary.entries().stream().map(DiaryRevision::entry).toList();
        return TrendsViews.of(from, to, nights, entries, diary.labResults(), CompareOptions.DEFAULT,
                List.of(dataDir.resolve("nights") + " (each night's JSON report: plm_per_h, analysable_s)",
                        store.file() + " (nights, diary, lab results)"));
    }

    private static NightIndex index(NightRecord r, Path dataDir) {
        LocalDate d = LocalDate.parse(r.nightId());
        if (r.endUtcMs() == null) {
            return new NightIndex(d, Double.NaN, r.analysableS(), Optional.of("still open"));
        }
        // The analysis the morning report shows (the newest), so that the trend and the page agree.
        Path json = StoredNightReport.analysisFile(dataDir, r.nightId(), r.detectorVersion());
        Map<?, ?> report;
        try {
            report = StoredNightReport.read(json);
        } catch (InputException e) {
            return new NightIndex(d, Double.NaN, r.analysableS(), Optional.of("no readable night report"));
        }
        return TrendsViews.index(d, report)
                .orElse(new NightIndex(d, Double.NaN, r.analysableS(), Optional.of("night report without a summary")));
    }
}
