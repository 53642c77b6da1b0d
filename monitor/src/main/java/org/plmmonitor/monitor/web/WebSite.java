package org.plmmonitor.monitor.web;

import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the pages read and write: one data directory's store, diary and night files, and the facts the
 * pages need about it. {@link #routes} is where every page is registered, and {@link #nav} the
 * navigation bar: the extension point for new pages.
 *
 * @param store     the open store (nights, movements)
 * @param diary     the open diary (evenings, lab results)
 * @param dataDir   the folder holding {@code nights/}
 * @param zone      the zone whose date "today" is (the diary form's default evening)
 * @param patientId the pseudonymous id written into exports
 * @param recording the night the daemon records now, if any ({@code Optional::empty} where no daemon writes)
 */
public record WebSite(LocalStore store, DiaryStore diary, Path dataDir, ZoneId zone, String patientId,
                      Supplier<Optional<String>> recording) {
    public WebSite {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(diary, "diary");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(recording, "recording");
    }

    /** @return the navigation bar's entries */
    static List<Pages.NavItem> nav() {
        return List.of(new Pages.NavItem("/nights", "Nights"), new Pages.NavItem(TrendPages.TRENDS, "Trends"),
                new Pages.NavItem(DiaryPage.PATH, "Diary"), new Pages.NavItem(LabPage.PATH, "Ferritin"),
                new Pages.NavItem(TrendPages.FACTORS, "Factors"), new Pages.NavItem(ExportPage.PATH, "Export"),
                new Pages.NavItem(DeletePage.PATH, "Delete my data"));
    }

    /**
     * @param pages the shared frame
     * @return every page's routes
     */
    List<Route> routes(Pages pages) {
        NightArchive archive = new StoreArchive(store, dataDir, recording);
        List<Route> all = new ArrayList<>(new NightPages(archive, pages).routes());
        all.addAll(new TrendPages(this, pages).routes());
        all.addAll(new DiaryPage(this, pages).routes());
        all.addAll(new LabPage(this, pages).routes());
        all.addAll(new ExportPage(this, pages).routes());
        all.addAll(new DeletePage(archive, pages).routes());
        return all;
    }
}
