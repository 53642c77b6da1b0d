package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.store.NightRecord;

import java.util.List;
import java.util.Optional;

/** What the pages read from, and delete in, one data directory (the store and its night files). */
public interface NightArchive {
    /** @return every night record in the store (one per night and detector version) */
    List<NightRecord> nights();

    /**
     * @param nightId the night, {@code yyyy-MM-dd}
     * @return its morning-report view, as {@code plm report} renders it
     * @throws InputException when the night is unknown, still open, or its report is missing or damaged
     */
    NightView view(String nightId) throws InputException;

    /** @return why deleting cannot be done now (a night being recorded), or empty when it can */
    Optional<String> eraseRefusal();

    /**
     * Deletes every night, movement, activity second, raw chunk, event and file of the nights folder; the
     * web logins stay.
     *
     * @return what was deleted
     * @throws java.io.UncheckedIOException or a store exception naming what could not be deleted
     */
    Erased eraseAll();

    /**
     * @param nights distinct nights the store held
     * @param files  files deleted from the nights folder (reports, EDF+ files)
     */
    record Erased(int nights, int files) {
    }
}
