package org.plmmonitor.monitor.config;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cuff's therapy policy ({@code cuff.policy} and the keys that shape it), part of {@link CuffConfig}.
 * Checked here on its own; that the dose fits the host limits is checked by {@link CuffConfig}, and the
 * policy core clamps to those limits again whatever it is given.
 *
 * @param policy              what starts a session
 * @param contraindications   declared contraindications; non-empty only with {@link Policy#OFF}
 * @param targetMmHg          pressure of each cycle, mmHg, {@value #MIN_TARGET_MMHG}-{@value CuffConfig#HARD_MAX_PRESSURE_MMHG}
 * @param inflationS          hold time of each cycle, s, 1-{@value CuffConfig#MAX_INFLATION_S}
 * @param cycleS              time from one cycle's start to the next, s, 5-600, more than {@code inflationS}
 * @param sessionMin          a session's length, min, 1-240
 * @param symptomOnset        usual symptom onset (local time), present exactly when the policy is scheduled
 * @param trigger             what starts a closed-loop session
 * @param triggerMovements    candidate movements that start one ({@link Trigger#MOVEMENTS}), 2-20
 * @param triggerWindowMin    within this many minutes, 1-60
 * @param quietHours          local times when no cycle is sent (closed-loop), or empty
 * @param refractoryMin       minutes after a session's end before another, 0-720
 * @param maxSessionsPerNight sessions a night, 1-10
 */
public record CuffTherapy(Policy policy, Set<Contraindication> contraindications, int targetMmHg, int inflationS,
                          int cycleS, int sessionMin, Optional<LocalTime> symptomOnset, Trigger trigger,
                          int triggerMovements, int triggerWindowMin, Optional<QuietHours> quietHours,
                          int refractoryMin, int maxSessionsPerNight) {
    /** About 40 cmH2O, the published dose (Lettieri 2009), in mmHg. */
    public static final int DEFAULT_TARGET_MMHG = 29;
    /** Lowest cycle pressure, mmHg (the sham of the trial inflated to 3-4 cmH2O, about 2-3 mmHg). */
    public static final int MIN_TARGET_MMHG = 2;
    /** Seconds of inflation per cycle in the published dose. */
    public static final int DEFAULT_INFLATION_S = 5;
    /** One cycle a minute. */
    public static final int DEFAULT_CYCLE_S = 60;
    /** One hour. */
    public static final int DEFAULT_SESSION_MIN = 60;
    /** The policy that does nothing, with the published dose's defaults. */
    public static final CuffTherapy OFF = new CuffTherapy(Policy.OFF, Set.of(), DEFAULT_TARGET_MMHG,
            DEFAULT_INFLATION_S, DEFAULT_CYCLE_S, DEFAULT_SESSION_MIN, Optional.empty(), Trigger.SERIES, 4, 5,
            Optional.empty(), 60, 2);

    /** {@code cuff.policy}. */
    public enum Policy {
        /** Never inflate. */
        OFF,
        /** One session a day, ending at the usual symptom onset. */
        SCHEDULED,
        /** A session when the open night shows periodic movements. */
        CLOSED_LOOP;

        /** @return the word in the config file, e.g. {@code closed-loop} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code cuff.trigger}: what starts a closed-loop session. */
    public enum Trigger {
        /** A PLM series in the open night. */
        SERIES,
        /** Enough candidate movements in a window. */
        MOVEMENTS;

        /** @return the word in the config file */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Contraindications to intermittent pneumatic compression (domain.md section 4). */
    public enum Contraindication {
        /** Acute deep vein thrombosis. */
        ACUTE_DVT,
        /** Thrombophlebitis. */
        THROMBOPHLEBITIS,
        /** Pulmonary embolism. */
        PULMONARY_EMBOLISM,
        /** Severe arterial disease. */
        ARTERIAL_DISEASE,
        /** Severe heart failure. */
        HEART_FAILURE,
        /** Skin lesions or infection on the leg. */
        SKIN_LESION,
        /** A fracture. */
        FRACTURE;

        /** @return the word in the config file, e.g. {@code acute-dvt} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Local times when no cycle is sent; {@code from} after {@code to} spans midnight.
     *
     * @param from first quiet minute (local time)
     * @param to   first minute no longer quiet (local time), not equal to {@code from}
     */
    public record QuietHours(LocalTime from, LocalTime to) {
        public QuietHours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.equals(to)) {
                throw new IllegalArgumentException("quiet_hours from and to are both " + from);
            }
        }

        /**
         * @param t a local time
         * @return whether it is quiet then
         */
        public boolean contains(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }

    public CuffTherapy {
        Objects.requireNonNull(policy, "policy");
        contraindications = Set.copyOf(contraindications);
        Objects.requireNonNull(symptomOnset, "symptomOnset");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(quietHours, "quietHours");
        if (policy != Policy.OFF && !contraindications.isEmpty()) {
            throw new IllegalArgumentException("policy " + policy.configName() + " refused: contraindication "
                    + String.join(", ", contraindications.stream().map(Contraindication::configName).sorted().toList())
                    + " declared; only off is allowed");
        }
        if ((policy == Policy.SCHEDULED) != symptomOnset.isPresent()) {
            throw new IllegalArgumentException("symptom_onset is needed exactly for the scheduled policy, policy "
                    + policy.configName());
        }
        Checks.range("target_mmhg", targetMmHg, MIN_TARGET_MMHG, CuffConfig.HARD_MAX_PRESSURE_MMHG);
        Checks.range("inflation_s", inflationS, 1, CuffConfig.MAX_INFLATION_S);
        Checks.range("cycle_s", cycleS, 5, 600);
        if (cycleS <= inflationS) {
            throw new IllegalArgumentException("cycle_s " + cycleS + " is not longer than inflation_s " + inflationS);
        }
        Checks.range("session_min", sessionMin, 1, 240);
        Checks.range("trigger_movements", triggerMovements, 2, 20);
        Checks.range("trigger_window_min", triggerWindowMin, 1, 60);
        Checks.range("refractory_min", refractoryMin, 0, 720);
        Checks.range("max_sessions_per_night", maxSessionsPerNight, 1, 10);
    }

    /** @return whether any contraindication is declared */
    public boolean contraindicated() {
        return !contraindications.isEmpty();
    }

    /** @return the declared contraindications, as words, or {@code none} */
    public String contraindicationWords() {
        return contraindications.isEmpty() ? "none" : String.join(", ", EnumSet.copyOf(contraindications).stream()
                .map(Contraindication::configName).toList());
    }
}
