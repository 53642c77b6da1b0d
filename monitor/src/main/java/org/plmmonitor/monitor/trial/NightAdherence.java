package org.plmmonitor.monitor.trial;

import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffSession;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a stored night followed its scheduled arm (README, n-of-1 trial): judged from what the daemon sent
 * and how its sessions ended, never from the night's index.
 */
public final class NightAdherence {
    /** Pressures are sent to 0.1 mmHg. */
    private static final double TOLERANCE_MMHG = 0.05;

    private NightAdherence() {
    }

    /**
     * @param night    the scheduled night
     * @param trial    the trial (its policy and the arms' pressures)
     * @param sessions the night's stored cuff sessions
     * @param actions  the night's stored cuff commands
     * @return how the night did not follow its arm, in words, or empty when it did
     */
    public static Optional<String> judge(ScheduledNight night, TrialSchedule trial, List<CuffSession> sessions,
                                         List<CuffAction> actions) {
        List<Double> inflates = actions.stream().filter(a -> a.command() == CuffCommand.INFLATE)
                .map(CuffAction::targetMmHg).toList();
        if (night.arm() == TrialConfig.Arm.NONE) {
            return inflates.isEmpty() ? Optional.empty()
                    : Optional.of(inflates.size() + " INFLATE sent on a night without the cuff");
        }
        double want = night.arm() == TrialConfig.Arm.SHAM ? trial.shamMmHg() : trial.cuffMmHg();
        Optional<Double> wrong = inflates.stream().filter(p -> Math.abs(p - want) > TOLERANCE_MMHG).findFirst();
        if (wrong.isPresent()) {
            return Optional.of(String.format(Locale.ROOT, "an INFLATE to %.1f mmHg on a %s night (%.1f mmHg)",
                    wrong.get(), night.arm().word(), want));
        }
        Optional<CuffSession> early = sessions.stream()
                .filter(s -> s.outcome().endsNight() || s.outcome() == SessionOutcome.DAEMON_STOPPED).findFirst();
        if (early.isPresent()) {
            return Optional.of("a session ended early (" + early.get().outcome().word() + ")");
        }
        if (trial.policy() == CuffTherapy.Policy.SCHEDULED
                && sessions.stream().noneMatch(s -> s.outcome() == SessionOutcome.COMPLETED)) {
            return Optional.of("no completed scheduled session");
        }
        return Optional.empty();
    }
}
