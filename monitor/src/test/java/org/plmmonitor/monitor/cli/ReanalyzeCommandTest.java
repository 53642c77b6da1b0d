package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.pipeline.VersionedDetector;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.monitor.daemon.SimulatedNights;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.DaemonOptions;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;
import org.plmmonitor.monitor.store.StoredSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plm reanalyze} on a night the real daemon stored with an older detector (issue 9: "re-analysis adds a
 * version beside the old one"), and {@code plm report} showing which analysis it displays (issue 10). The older
 * detector is a study version with a stricter onset threshold, given to the daemon as its run option.
 */
class ReanalyzeCommandTest {
    private static final Clock WALL = SimulatedNights.MORNING;
    private static final String NIGHT = SimulatedNights.NIGHT;
    private static final String OLD = "accel-0.9-study";
    private static final String NEW = DetectorConfig.VERSION;

    @TempDir
    static Path dir;
    static Path data;
    static ClosedNight closed;

    @BeforeAll
    static void storeANightWithTheOlderDetector() throws Exception {
        data = dir.resolve("data");
        VersionedDetector older = new VersionedDetector(OLD, DetectorConfig.builder().onThresholdG(0.04).build());
        closed = SimulatedNights.record(SimulatedNights.config(data, 6).build(),
                DaemonOptions.builder().simulatedHours(2.0).detector(older), WALL);
        assertEquals(NIGHT, closed.nightId());
        // A row waiting in the outbox, as a daemon forwarding to InfluxDB leaves them: a re-analysis must add none.
        try (LocalStore store = open()) {
            store.putDeviceEvent(new DeviceEvent(NIGHT, closed.endUtcMs(), "monitor", DeviceEventKind.INFO, "forwarded later"));
            store.flush();
        }
    }


    private static PlmRun plm(String... args) {
        return PlmRun.of(args);
    }

    private static LocalStore open() {
        return LocalStore.open(data.resolve("plm.db"), StoreConfig.builder().path(data.resolve("plm.db"))
                .forwardingEnabled(true).build(), WALL);
    }

    private static int marks(String html) {
        Matcher m = Pattern.compile("class=\"mark ").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aReanalysisIsStoredBesideTheOldOneWhichStaysAsItWasAndTheReportSaysWhichIsShown() throws Exception {
        byte[] oldJson = Files.readAllBytes(closed.report());
        List<StoredMovement> oldMovements;
        List<StoredSeries> oldSeries;
        NightRecord oldNight;
        long backlog;
        try (LocalStore store = open()) {
            oldMovements = store.movements(NIGHT, OLD);
            oldSeries = store.series(NIGHT, OLD);
            oldNight = store.nights().get(0);
            backlog = store.outboxBacklog();
        }
        assertTrue(oldMovements.size() > 5, "the study detector finds movements: " + oldMovements.size());
        assertEquals(1, backlog, "one row waits in the outbox");

        PlmRun r = plm("reanalyze", "--dir", data.toString(), "--night", NIGHT);

        assertEquals(0, r.code(), r.err());
        Path newJson = data.resolve("nights").resolve(NIGHT + "." + NEW + ".json");
        assertTrue(r.out().startsWith("night " + NIGHT + " re-analysed by " + NEW + " from its stored raw signal: "), r.out());
        assertTrue(r.out().contains("beside " + OLD + "; report " + newJson), r.out());
        assertArrayEquals(oldJson, Files.readAllBytes(closed.report()), "the old report is untouched");
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(newJson));
        assertEquals(NEW, ((Map<?, ?>) json.get("provenance")).get("detector_version"));
        List<?> newMovements = (List<?>) json.get("movements");
        try (LocalStore store = open()) {
            assertEquals(oldMovements, store.movements(NIGHT, OLD), "the old analysis' movements are as they were");
            assertEquals(oldSeries, store.series(NIGHT, OLD), "and its series");
            List<NightRecord> recs = store.nights();
            assertEquals(List.of(OLD, NEW), recs.stream().map(NightRecord::detectorVersion).toList());
            assertEquals(oldNight, recs.get(0), "the old night record is as it was");
            NightRecord added = recs.get(1);
            assertEquals(oldNight.startUtcMs(), added.startUtcMs());
            assertEquals(oldNight.endUtcMs(), added.endUtcMs());
            assertEquals(oldNight.analysableS(), added.analysableS(), 60, "the same recording, the same time in bed to a minute");
            List<StoredMovement> stored = store.movements(NIGHT, NEW);
            assertEquals(newMovements.size(), stored.size(), "every movement of the report is stored under " + NEW);
            assertTrue(stored.stream().allMatch(m -> m.decided() && m.onsetUtcMs() >= added.startUtcMs()
                    && m.offsetUtcMs() <= added.endUtcMs()), "decided, inside the night");
            assertTrue(stored.size() > oldMovements.size(), "the validated threshold finds more than the strict study one: "
                    + stored.size() + " vs " + oldMovements.size());
            assertEquals(store.series(NIGHT, NEW).size(), ((List<?>) json.get("series")).size());
            assertEquals(backlog, store.outboxBacklog(), "a re-analysis is not forwarded to InfluxDB");
        }

        // Again with the same detector: nothing to add, refused.
        PlmRun again = plm("reanalyze", "--dir", data.toString(), "--night", NIGHT);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already analysed by detector " + NEW), again.err());

        // The report shows the newest by default and says which is shown and that the other exists.
        Path page = dir.resolve("newest.html");
        PlmRun shown = plm("report", "--dir", data.toString(), "--night", NIGHT, "--out", page.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().contains("detector " + NEW + " (also analysed by " + OLD + ": --detector VERSION shows it)"),
                shown.out());
        String html = Files.readString(page);
        assertTrue(html.contains("<dt>detector shown</dt><dd>" + NEW + "</dd>"), "the version shown is named");
        assertTrue(html.contains("<dt>also analysed by</dt><dd>" + OLD), "the other analysis is named");
        assertEquals(newMovements.size(), marks(html));

        Path older = dir.resolve("older.html");
        PlmRun chosen = plm("report", "--dir", data.toString(), "--night", NIGHT, "--detector", OLD, "--out", older.toString());
        assertEquals(0, chosen.code(), chosen.err());
        String oldHtml = Files.readString(older);
        assertTrue(oldHtml.contains("<dt>detector shown</dt><dd>" + OLD + "</dd>"), "the chosen version is shown");
        assertTrue(oldHtml.contains("<dt>also analysed by</dt><dd>" + NEW), "and the newer one named");
        assertEquals(oldMovements.size(), marks(oldHtml));

        PlmRun none = plm("report", "--dir", data.toString(), "--night", NIGHT, "--detector", "accel-7", "--out",
                dir.resolve("none.html").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("night " + NIGHT + " has no analysis by detector accel-7; it has: " + OLD + ", " + NEW),
                none.err());
        assertFalse(Files.exists(dir.resolve("none.html")));
    }

    @Test
    void anUnknownNightOrAMissingStoreIsRefusedNamingWhatIsThere() {
        PlmRun unknown = plm("reanalyze", "--dir", data.toString(), "--night", "2026-06-30");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no night 2026-06-30 in this store; its nights: " + NIGHT), unknown.err());
        assertEquals("", unknown.out());
        PlmRun noStore = plm("reanalyze", "--dir", dir.resolve("nowhere").toString(), "--night", NIGHT);
        assertEquals(2, noStore.code());
        assertTrue(noStore.err().contains("no store here"), noStore.err());
        PlmRun badDate = plm("reanalyze", "--dir", data.toString(), "--night", "yesterday");
        assertEquals(2, badDate.code());
        assertTrue(badDate.err().contains("--night"), badDate.err());
    }
}
