package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.SessionState;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The cuff therapy policy as {@code plm status} shows it ({@code therapy} in the status files, README).
 *
 * @param policy            the configured {@code cuff.policy} word ({@code off} without a cuff)
 * @param session           where the policy stands
 * @param sessionsTonight   sessions started that are filed under the night the daemon's time names now, 0 or more
 * @param nextAllowedUtc    the earliest time the policy may start a session, or null (one runs, none other
 *                          tonight, the policy off, or no trusted time)
 * @param contraindications the declared {@code cuff.contraindication} words, sorted
 * @param trialArm          the n-of-1 trial's arm of the night the daemon's time names now, or null (no trial,
 *                          outside its nights, or no trusted time)
 */
public record TherapyStatus(String policy, SessionState session, int sessionsTonight, Instant nextAllowedUtc,
                            List<String> contraindications, TrialConfig.Arm trialArm) {
    /** Without a cuff. */
    public static final TherapyStatus NONE = new TherapyStatus(CuffTherapy.Policy.OFF.configName(), SessionState.OFF, 0,
            null, List.of(), null);

    public TherapyStatus {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(session, "session");
        contraindications = List.copyOf(contraindications);
    }

    /**
     * What the configuration alone says: no policy runs (off, or not started yet).
     *
     * @param t the configured therapy
     * @return its policy, no session, its contraindications
     */
    static TherapyStatus configured(CuffTherapy t) {
        return new TherapyStatus(t.policy().configName(), SessionState.OFF, 0, null, words(t), null);
    }

    static List<String> words(CuffTherapy t) {
        return t.contraindications().stream().map(CuffTherapy.Contraindication::configName).sorted().toList();
    }
}
