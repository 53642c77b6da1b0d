package org.plmmonitor.monitor.trial;

import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.ConfigProblem;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records the trial's schedule in the store before its first night and keeps it: the same trial is left as it
 * is; a different one replaces it only while no night of the recorded one is stored, and is refused after.
 */
public final class TrialBook {
    private TrialBook() {
    }

    /**
     * @param store  the open store
     * @param wanted the trial the configuration describes, drawn ({@link TrialSchedule#draw})
     * @return the trial in force: the recorded one when it is the same, else {@code wanted}, now recorded
     * @throws ConfigException naming the store, the first differing key and both values, when a night of the
     *                         recorded trial is already stored (the recorded schedule stays)
     */
    public static TrialSchedule settle(LocalStore store, TrialSchedule wanted) throws ConfigException {
        Optional<TrialSchedule> had = store.trial();
        if (had.isPresent()) {
            Optional<TrialSchedule.Difference> diff = had.get().differenceFrom(wanted);
            if (diff.isEmpty()) {
                return had.get();
            }
            Set<String> stored = store.nights().stream().map(NightRecord::nightId).collect(Collectors.toSet());
            Optional<ScheduledNight> begun = had.get().nights().stream()
                    .filter(n -> stored.contains(n.night().toString())).findFirst();
            if (begun.isPresent()) {
                throw new ConfigException(List.of(new ConfigProblem(store.file().toString(), 0, diff.get().key(),
                        diff.get().message() + " (" + had.get().describe() + "), whose night " + begun.get().night()
                                + " is stored: a trial's schedule is never changed once it has begun; restore the "
                                + "recorded setting, or start a new trial in a new store")));
            }
        }
        store.recordTrial(wanted);
        return wanted;
    }
}
