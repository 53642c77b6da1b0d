package org.plmmonitor.monitor.cuff;

/** What the policy decided: a command to send to the controller, or a session's start or end to record. */
public sealed interface PolicyAction {
    /**
     * Send INFLATE.
     *
     * @param targetMmHg target pressure, mmHg, above 0 and below the host ceiling
     * @param holdS      hold time, s, above 0 and at most the longest inflation
     */
    record Inflate(double targetMmHg, double holdS) implements PolicyAction {
    }

    /** Send VENT. */
    record Vent() implements PolicyAction {
    }

    /**
     * A session started.
     *
     * @param utcMs   when, UTC epoch ms
     * @param trigger what started it
     */
    record SessionStarted(long utcMs, SessionTrigger trigger) implements PolicyAction {
    }

    /**
     * A session ended.
     *
     * @param startUtcMs      when it started, UTC epoch ms
     * @param utcMs           when it ended, UTC epoch ms, {@code >= startUtcMs}
     * @param trigger         what had started it
     * @param outcome         how it ended
     * @param cycles          INFLATE commands sent in it, 0 or more
     * @param maxPressureMmHg highest pressure the controller reported during it, mmHg, 0 or more
     */
    record SessionEnded(long startUtcMs, long utcMs, SessionTrigger trigger, SessionOutcome outcome, int cycles,
                        double maxPressureMmHg) implements PolicyAction {
    }
}
