package org.plmmonitor.monitor.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.daemon.SimulatedHistory;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Server time of a 90-night trends page, as {@code plm report --from --to} and the web build it: read 90 nights'
 * JSON reports and records, 90 diary evenings and the lab results from a real store, compare the factors
 * (10,000 resamples and permutations each) and render. One real night is simulated and stored the daemon's way;
 * its JSON report is copied to the other 89 nights with their own index. Reported in the README. Tagged
 * {@code bench}: run with {@code mvn -Pbench -pl monitor -am test -Dtest=TrendsPageBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class TrendsPageBench {
    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NIGHTS = 90;

    @TempDir
    Path dir;

    @Test
    void ninetyNights() throws Exception {
        Path db = dir.resolve("plm.db");
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Random r = new Random(42);
        try (LocalStore store = LocalStore.open(db, StoreConfig.builder().path(db).build(), Clock.systemUTC())) {
            Path nights = dir.resolve("nights");
            ClosedNight one = SimulatedHistory.store(store, nights, zone, FIRST, NightSpec.builder().seed(7).durationS(8 * 3600)
                    .rateHz(25).bilateral(true).plmPerHour(30).build(), ScoringStandard.WASM2016);
            String json = Files.readString(one.report(), StandardCharsets.UTF_8);
            store.flush();
            List<NightRecord> recs = store.nights();
            NightRecord rec = recs.get(recs.size() - 1);
            for (int i = 1; i < NIGHTS; i++) {
                LocalDate d = FIRST.plusDays(i);
                String copy = json.replaceFirst("\"plm_per_h\": [0-9.]+", String.format(Locale.ROOT, "\"plm_per_h\": %.3f",
                        Math.max(0, 20 + r.nextGaussian() * 6)));
                Files.writeString(StoredNightReport.reportFile(dir, d.toString()), copy, StandardCharsets.UTF_8);
                long shift = i * 86_400_000L;
                store.putNight(new NightRecord(d.toString(), rec.startUtcMs() + shift, rec.endUtcMs() + shift, zone,
                        rec.analysableS(), rec.wearS(), rec.softwareVersion(), rec.detectorVersion(), rec.standard()));
            }
            store.flush();
            try (DiaryStore diary = DiaryStore.open(db, Clock.systemUTC())) {
                List<DiaryEntry> e = new ArrayList<>();
                for (int i = 0; i < NIGHTS; i++) {
                    e.add(DiaryEntry.builder(FIRST.plusDays(i)).caffeineLast(LocalTime.of(9 + r.nextInt(10), 0))
                            .alcoholUnits((double) r.nextInt(3)).nicotine(false).exerciseMin(r.nextBoolean() ? 30 : 0)
                            .massage(r.nextBoolean()).compression(r.nextInt(4) == 0).contrastShower(r.nextBoolean())
                            .medicines(List.of()).ironMg(i > 20 ? 65.0 : 0.0).symptomRating(r.nextInt(11)).build());
                }
                diary.saveAll(e);
                diary.saveLabs(List.of(new LabResult(FIRST.plusDays(5), 35.0, 15.0), new LabResult(FIRST.plusDays(60), 70.0, 22.0),
                        new LabResult(FIRST.plusDays(85), 96.0, 27.0)));
            }
            int runs = 15;
            double[] total = new double[runs];
            double[] loadOnly = new double[runs];
            double[] cpu = new double[runs];
            double[] factorsCpu = new double[runs];
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            int bytes = 0;
            try (DiaryStore diary = DiaryStore.open(db, Clock.systemUTC())) {
                for (int k = 0; k < runs; k++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    TrendsView v = StoredTrends.load(store, diary, dir, FIRST, FIRST.plusDays(NIGHTS - 1));
                    long t1 = System.nanoTime();
                    bytes = TrendsReport.document(v).getBytes(StandardCharsets.UTF_8).length;
                    total[k] = (System.nanoTime() - t0) / 1e6;
                    cpu[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    loadOnly[k] = (t1 - t0) / 1e6;
                    long f0 = mx.getCurrentThreadCpuTime();
                    org.plmmonitor.analysis.report.html.TrendsViews.of(v.from(), v.to(), v.nights(),
                            diary.entries().stream().map(org.plmmonitor.monitor.store.DiaryRevision::entry).toList(),
                            v.labs(), CompareOptions.DEFAULT, List.of());
                    factorsCpu[k] = (mx.getCurrentThreadCpuTime() - f0) / 1e6;
                }
            }
            Arrays.sort(total);
            Arrays.sort(loadOnly);
            Arrays.sort(cpu);
            Arrays.sort(factorsCpu);
            System.out.printf(Locale.ROOT, "TrendsPageBench: %d nights (JSON report %d KB each), page %d KB: server time median %.0f ms "
                            + "(min %.0f, max %.0f) over %d runs after the first; of which reading the store, the reports and comparing "
                            + "the %d factors (%d resamples and permutations each) median %.0f ms%n", NIGHTS, json.length() / 1024,
                    bytes / 1024, total[runs / 2], total[1], total[runs - 1], runs - 1, 8, CompareOptions.DEFAULT.resamples(),
                    loadOnly[runs / 2]);
            System.out.printf(Locale.ROOT, "TrendsPageBench: CPU time of the request thread median %.0f ms (min %.0f); of which "
                    + "building the view from what was read (factors, rolling median) median %.0f ms; load average %.1f on %d cores%n",
                    cpu[runs / 2], cpu[1], factorsCpu[runs / 2],
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
