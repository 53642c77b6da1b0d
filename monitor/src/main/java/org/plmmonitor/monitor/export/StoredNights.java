package org.plmmonitor.monitor.export;

import org.plmmonitor.analysis.export.ExportNight;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The closed nights of a store whose names lie in a period, each as the morning report reads it
 * ({@link StoredNightReport#night}). A night still open is left out and named.
 *
 * @param nights     the closed nights, in order
 * @param stillOpen  nights in the period still being recorded (not exported)
 */
public record StoredNights(List<ExportNight> nights, List<String> stillOpen) {
    public StoredNights {
        nights = List.copyOf(nights);
        stillOpen = List.copyOf(stillOpen);
    }

    /**
     * @param store   the open store
     * @param dataDir the directory holding {@code nights/}
     * @param from    first night, included
     * @param to      last night, included
     * @return the nights of the period
     * @throws InputException naming the store when no closed night lies in the period (with the nights it
     *                        holds), or naming a night's report that is missing or damaged
     */
    public static StoredNights select(LocalStore store, Path dataDir, LocalDate from, LocalDate to) throws InputException {
        TreeMap<String, Boolean> closed = new TreeMap<>();
        for (NightRecord r : store.nights()) {
            closed.merge(r.nightId(), r.endUtcMs() != null, Boolean::logicalOr);
        }
        List<ExportNight> nights = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (var e : closed.subMap(from.toString(), true, to.toString(), true).entrySet()) {
            if (e.getValue()) {
                nights.add(StoredNightReport.night(store, dataDir, e.getKey()));
            } else {
                open.add(e.getKey());
            }
        }
        if (nights.isEmpty()) {
            TreeSet<String> known = new TreeSet<>(closed.keySet());
            throw new InputException(store.file().toString(), 0, "no closed night from " + from + " to " + to
                    + (open.isEmpty() ? "" : " (" + String.join(", ", open) + " still open)") + "; "
                    + (known.isEmpty() ? "the store holds no night yet" : "its nights: " + String.join(", ", known)));
        }
        return new StoredNights(nights, open);
    }
}
