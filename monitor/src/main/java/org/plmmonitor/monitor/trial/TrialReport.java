package org.plmmonitor.monitor.trial;

import org.plmmonitor.analysis.compare.CompareOptions;
import org.plmmonitor.analysis.compare.Labels;
import org.plmmonitor.analysis.compare.NOf1Trial;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.compare.Side;
import org.plmmonitor.analysis.compare.TrialNight;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code plm trial}'s result: the recorded schedule's closed nights, each with its arm, whether it followed it
 * ({@link NightAdherence}) and its index ({@code plm_per_h} and {@code analysable_s} of its JSON report),
 * compared by the analysis module ({@link NOf1Trial}).
 *
 * @param trial     the recorded trial
 * @param result    the comparison
 * @param labels    the words used
 * @param notYet    scheduled nights with no closed night in the store (yet)
 */
public record TrialReport(TrialSchedule trial, NOf1Trial result, Labels labels, int notYet) {
    /**
     * @param store   the open store
     * @param dataDir the directory holding {@code nights/}
     * @return the report
     * @throws InputException naming the store when no trial is recorded, or a night's report that cannot be read
     */
    public static TrialReport load(LocalStore store, Path dataDir) throws InputException {
        TrialSchedule t = store.trial().orElseThrow(() -> new InputException(store.file().toString(), 0, "no cuff trial "
                + "recorded in this store: the daemon records one when it starts with cuff.trial = on"));
        Set<String> closed = store.nights().stream().filter(n -> n.endUtcMs() != null).map(NightRecord::nightId)
                .collect(Collectors.toSet());
        List<TrialNight> nights = new ArrayList<>();
        int notYet = 0;
        for (ScheduledNight n : t.nights()) {
            String id = n.night().toString();
            if (!closed.contains(id)) {
                notYet++;
                continue;
            }
            Optional<String> deviation = NightAdherence.judge(n, t, store.cuffSessions(id), store.cuffActions(id));
            nights.add(new TrialNight(index(dataDir.resolve("nights").resolve(id + ".json"), n), n.block(),
                    n.arm() == TrialConfig.Arm.CUFF ? Side.B : Side.A, deviation));
        }
        Labels labels = new Labels("PLM per hour in bed", t.config().control() == TrialConfig.Arm.SHAM
                ? "with the sham" : "without the cuff", "with the cuff");
        return new TrialReport(t, NOf1Trial.analyse(nights, labels, CompareOptions.DEFAULT), labels, notYet);
    }

    /** The night's index from its JSON report; a missing report leaves the night without one. */
    private static NightIndex index(Path json, ScheduledNight n) throws InputException {
        String text;
        try {
            text = Files.readString(json);
        } catch (NoSuchFileException e) {
            return new NightIndex(n.night(), Double.NaN, 0, Optional.of("no night report (" + json.getFileName() + ")"));
        } catch (IOException e) {
            throw new InputException(json.toString(), 0, "cannot read the night report: " + IoErrors.reason(e), e);
        }
        try {
            Map<?, ?> summary = (Map<?, ?>) ((Map<?, ?>) JsonReader.parse(text)).get("summary");
            Object rate = summary.get("plm_per_h");
            Object analysable = summary.get("analysable_s");
            double s = analysable instanceof Number a ? a.doubleValue() : 0;
            return new NightIndex(n.night(), rate instanceof Number r ? r.doubleValue() : Double.NaN, s, Optional.empty());
        } catch (RuntimeException e) {
            throw new InputException(json.toString(), 0, "not a night report as plm writes it: summary.plm_per_h and "
                    + "summary.analysable_s expected (" + e.getMessage() + ")", e);
        }
    }

    /** @return the settings, each night, the comparison, and how many scheduled nights are still to come */
    public String text() {
        return "n-of-1 trial: " + trial.describe() + System.lineSeparator() + result.text(labels)
                + notYet + " scheduled night(s) not in the store (yet)." + System.lineSeparator();
    }
}
