package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.KnownMedicine;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.diary.RlsMedicine;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.monitor.daemon.SimulatedHistory;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Random;

/**
 * The days before the demo's night (two weeks by default), so that the trends page and the factors have
 * something to show: an evening diary for each evening (seeded), one ferritin result before an iron start,
 * and the nights themselves, simulated and stored the daemon's way ({@link SimulatedHistory}). The night
 * {@link #MISSING} days back is missing (a hole in the trend), the one {@link #SHORT} days back is too short to
 * count, and the evening {@link #AMENDED} days back is corrected after its night was analysed (kept as an
 * amendment), each when the history reaches that far. The simulation raises the PLM rate on evenings with alcohol;
 * the factors table reports the difference between the groups of nights without claiming a cause.
 */
final class DemoHistory {
    /** Earlier nights filled in by default. */
    static final int DAYS = 14;
    /** Days before the demo night left without a recording. */
    static final int MISSING = 9;
    /** Days before the demo night with only 3 h recorded. */
    static final int SHORT = 5;
    /** Days before the demo night whose diary is corrected after the night. */
    static final int AMENDED = 3;
    /** Days before the demo night of the iron start. */
    static final int IRON_FROM = 10;
    private static final int RATE_HZ = 25;
    /** Length of an earlier night, s: 5 h, enough to count (4 h analysable) and quick to simulate. */
    private static final double NIGHT_S = 5 * 3600;
    /** Length of the short night, s: 2.5 h, too short to count. */
    private static final double SHORT_S = 2.5 * 3600;

    private DemoHistory() {
    }

    /**
     * @param evening the demo night's evening, day 0
     * @param seed    the demo's seed
     * @param i       days before the demo night, 0-{@link #DAYS}
     * @return that evening's diary
     */
    static DiaryEntry diary(LocalDate evening, long seed, int i) {
        Random r = new Random(seed * 7919 + i);
        boolean alcohol = r.nextInt(3) == 0;
        DiaryEntry.Builder b = DiaryEntry.builder(evening.minusDays(i))
                .caffeineLast(LocalTime.of(r.nextBoolean() ? 10 : 16, r.nextInt(4) * 15))
                .alcoholUnits(alcohol ? 1.0 + r.nextInt(3) : 0.0)
                .nicotine(false)
                .medicines(r.nextInt(7) == 0 ? List.of(KnownMedicine.SEDATING_ANTIHISTAMINE) : List.of())
                .rlsMedicines(List.of())
                .exerciseMin(r.nextBoolean() ? 30 : 0).massage(r.nextInt(4) == 0).compression(false).contrastShower(false)
                .bedtime(LocalTime.of(22, 30)).symptomOnset(LocalTime.of(20, 30 + r.nextInt(3) * 10)).getUp(LocalTime.of(6, 30))
                .symptomRating(3 + r.nextInt(5) + (alcohol ? 2 : 0));
        DiaryEntry e = b.build();
        if (e.exerciseMin() > 0) {
            b.exerciseTime(LocalTime.of(18, 0));
        }
        if (i <= IRON_FROM) {
            b.ironMg(65.0).ironTime(LocalTime.of(8, 0));
        } else {
            b.ironMg(0.0);
        }
        return b.build();
    }

    /** @return the simulated PLM per hour for an evening: higher after alcohol, with seeded night-to-night spread */
    static double plmPerHour(DiaryEntry e, long seed, int i) {
        Random r = new Random(seed * 104729 + i);
        return Math.max(2, 16 + (e.alcoholUnits() > 0 ? 12 : 0) + r.nextGaussian() * 4);
    }

    /**
     * Writes the diary and lab result, then stores the earlier nights.
     *
     * @param db        the store file
     * @param nightsDir where night reports go
     * @param zone      the bedroom's time zone
     * @param evening   the demo night's evening
     * @param seed      the demo's seed
     * @param days      earlier nights to fill in, 0-60
     * @param store     the open store the nights go to
     * @return nights stored
     */
    static int fill(Path db, Path nightsDir, ZoneId zone, LocalDate evening, long seed, int days, LocalStore store) {
        int stored = 0;
        try (DiaryStore diary = DiaryStore.open(db, Clock.systemUTC())) {
            for (int i = days; i >= 0; i--) {
                diary.save(diary(evening, seed, i));
            }
            diary.saveLab(new LabResult(evening.minusDays(Math.max(0, days - 1)), 38.0, 16.0));
            // Nights are independent: two at a time keep both cores of a small machine busy (the store is thread-safe).
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = days; i >= 1; i--) {
                    if (i == MISSING) {
                        continue;
                    }
                    DiaryEntry e = diary(evening, seed, i);
                    NightSpec spec = NightSpec.builder().seed(seed * 1000 + i).durationS(i == SHORT ? SHORT_S : NIGHT_S)
                            .rateHz(RATE_HZ).bilateral(true).plmPerHour(plmPerHour(e, seed, i)).build();
                    done.add(pool.submit(() -> SimulatedHistory.store(store, nightsDir, zone, e.date(), spec,
                            ScoringStandard.WASM2016)));
                }
                for (Future<?> f : done) {
                    f.get();
                    stored++;
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("an earlier demo night could not be stored: " + e.getCause().getMessage(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing the earlier demo nights", e);
            } finally {
                pool.shutdownNow();
            }
            store.flush();
            if (days >= AMENDED) {
                DiaryEntry before = diary(evening, seed, AMENDED);
                diary.save(before.toBuilder().symptomRating(Math.min(10, before.symptomRating() + 1)).build());
            }
        }
        return stored;
    }
}
