package org.plmmonitor.monitor.export;

import org.plmmonitor.monitor.cli.PlmRun;
import org.plmmonitor.monitor.cli.PlmCommand;
import org.plmmonitor.monitor.daemon.SimulatedNights;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.DaemonOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two nights the real daemon recorded from simulated sensors into one store, and {@code plm} run in-process. */
final class ExportFixture {
    static final String FIRST = "2026-07-01";
    static final String SECOND = "2026-07-02";

    private ExportFixture() {
    }


    /** Runs the daemon twice (the mornings after each night) into {@code data}; returns the closed nights. */
    static List<ClosedNight> twoNights(Path data) throws Exception {
        List<ClosedNight> all = new ArrayList<>();
        String[] mornings = {"2026-07-02T09:00:00Z", "2026-07-03T09:00:00Z"};
        for (int i = 0; i < mornings.length; i++) {
            Clock wall = Clock.fixed(Instant.parse(mornings[i]), ZoneOffset.UTC);
            all.add(SimulatedNights.record(SimulatedNights.config(data, 11 + i).build(),
                    DaemonOptions.builder().simulatedHours(2.0), wall));
        }
        assertEquals(List.of(FIRST, SECOND), all.stream().map(ClosedNight::nightId).toList());
        return all;
    }

    static PlmRun plm(String... args) {
        return PlmRun.of(args);
    }

    /** RFC 4180 rows: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
