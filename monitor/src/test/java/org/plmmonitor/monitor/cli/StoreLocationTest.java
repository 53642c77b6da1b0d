package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.store.DiaryStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command that takes {@code --config FILE | --dir DIR} treats them alike (the {@link StoreLocation} mixin). */
class StoreLocationTest {
    @TempDir
    Path dir;


    private static PlmRun plm(List<String> args) {
        return PlmRun.of(args.toArray(String[]::new));
    }

    /** Each command with the arguments it needs besides the location; none of them reads standard input first. */
    private List<List<String>> commands() {
        String out = dir.resolve("out").toString();
        return List.of(List.of("status"), List.of("night", "start"), List.of("cuff", "stop"),
                List.of("report", "--night", "2026-05-04"), List.of("report", "--from", "2026-05-01", "--to", "2026-05-03"),
                List.of("reanalyze", "--night", "2026-05-04"),
                List.of("export", "--from", "2026-05-01", "--to", "2026-05-03", "--format", "csv", "--out", out),
                List.of("diary", "export"), List.of("diary", "import", dir.resolve("d.csv").toString()),
                List.of("diary", "lab", "--date", "2026-05-01", "--ferritin", "40"), List.of("trial"),
                List.of("web", "--port", "1"), List.of("user", "set", "anna", "--password-stdin"),
                List.of("user", "delete", "anna"));
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void everyCommandRefusesBothOptionsWithOneLine() {
        for (List<String> c : commands()) {
            PlmRun r = plm(with(c, "--dir", dir.toString(), "--config", dir.resolve("p.conf").toString()));
            assertEquals(2, r.code(), c + ": " + r.err());
            assertEquals("", r.out(), c.toString());
            assertTrue(r.err().contains("give --config FILE or --dir DIR, not both"), c + ": " + r.err());
            assertEquals(1, r.err().lines().count(), c + ": " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("plm.db")), "no store was made");
    }

    @Test
    void everyCommandNamesWhatIsMissingWhereNoDaemonRan() {
        Path nope = dir.resolve("nope");
        for (List<String> c : commands()) {
            if (c.get(0).equals("user") && c.get(1).equals("set")) {
                continue; // it makes the store: the first login is set before the daemon runs
            }
            PlmRun r = plm(with(c, "--dir", nope.toString()));
            assertEquals(2, r.code(), c + ": " + r.err());
            String expected = switch (c.get(0)) {
                case "status" -> "plm: " + nope.resolve("status.txt") + ": no status at";
                case "night", "cuff" -> "plm: " + nope + ": no such data directory: has plm monitor run with this data directory?";
                case "diary" -> "plm: " + nope + ": no such data directory"; // it writes: a mistyped folder is no store
                default -> "plm: " + nope.resolve("plm.db") + ": no store here: has plm monitor (or plm demo) run with "
                        + "this data directory?";
            };
            assertTrue(r.err().startsWith(expected), c + ": " + r.err());
            assertEquals(1, r.err().lines().count(), c + ": " + r.err());
        }
        assertFalse(Files.exists(nope), "nothing was created");
    }

    @Test
    void withConfigTheStoreIsTheFileTheConfigurationNames() throws Exception {
        // A store file not called plm.db: diary lab used to write plm.db beside it, a second store nobody reads.
        Path data = Files.createDirectories(dir.resolve("data"));
        Path store = data.resolve("monitor.db");
        Path conf = Files.writeString(dir.resolve("p.conf"), "sensor.left.type = simulator\nstore.path = " + store + "\n");
        PlmRun trial = plm(List.of("trial", "--config", conf.toString()));
        assertEquals(2, trial.code());
        assertTrue(trial.err().startsWith("plm: " + store + ": no store here: has plm monitor (or plm demo) run with this "
                + "configuration?"), trial.err());
        PlmRun lab = plm(List.of("diary", "lab", "--date", "2026-05-01", "--ferritin", "40", "--config", conf.toString()));
        assertEquals(0, lab.code(), lab.err());
        assertEquals("recorded the blood test of 2026-05-01 in " + store + "\n", lab.out());
        assertFalse(Files.exists(data.resolve("plm.db")), "no second store");
        try (DiaryStore diary = DiaryStore.open(store, Clock.systemUTC())) {
            assertEquals(40.0, diary.labResults().get(0).ferritinNgMl().doubleValue());
        }
    }
}
