package org.plmmonitor.monitor.trial;

import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The trial as recorded: its settings, the policy and pressures its arms run, and every night's block and arm.
 * Drawn by {@link #draw}: nights {@code start + i}, {@code i < nights}, in blocks of {@code blockNights}; each block
 * half cuff and half control, ordered by a Fisher-Yates shuffle from one {@link Random} seeded with the seed,
 * block after block (README, so that anyone can draw it again).
 *
 * @param config   the trial's settings
 * @param policy   the policy the cuff arm runs
 * @param cuffMmHg the cuff arm's cycle pressure, mmHg, above {@code shamMmHg}
 * @param shamMmHg the sham arm's cycle pressure, mmHg
 * @param nights   every night in date order, {@code config.nights()} of them
 */
public record TrialSchedule(TrialConfig config, CuffTherapy.Policy policy, double cuffMmHg, double shamMmHg,
                            List<ScheduledNight> nights) {
    public TrialSchedule {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(policy, "policy");
        nights = List.copyOf(nights);
        if (nights.size() != config.nights()) {
            throw new IllegalArgumentException(nights.size() + " scheduled nights for a trial of " + config.nights());
        }
        if (!(cuffMmHg > shamMmHg)) {
            throw new IllegalArgumentException("cuff pressure " + cuffMmHg + " mmHg is not above the sham's " + shamMmHg);
        }
    }

    /**
     * @param config   the trial's settings
     * @param policy   the policy the cuff arm runs
     * @param cuffMmHg the cuff arm's cycle pressure, mmHg
     * @return the seeded schedule
     */
    public static TrialSchedule draw(TrialConfig config, CuffTherapy.Policy policy, double cuffMmHg) {
        Random random = new Random(config.seed());
        List<ScheduledNight> out = new ArrayList<>(config.nights());
        int half = config.blockNights() / 2;
        for (int b = 0; b < config.nights() / config.blockNights(); b++) {
            TrialConfig.Arm[] arms = new TrialConfig.Arm[config.blockNights()];
            for (int i = 0; i < arms.length; i++) {
                arms[i] = i < half ? TrialConfig.Arm.CUFF : config.control();
            }
            for (int i = arms.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                TrialConfig.Arm t = arms[i];
                arms[i] = arms[j];
                arms[j] = t;
            }
            for (int i = 0; i < arms.length; i++) {
                out.add(new ScheduledNight(config.start().plusDays((long) b * arms.length + i), b + 1, arms[i]));
            }
        }
        return new TrialSchedule(config, policy, cuffMmHg, TrialConfig.SHAM_MMHG, out);
    }

    /**
     * @param nightId a night id, {@code yyyy-MM-dd}
     * @return its scheduled night, or empty outside the trial
     */
    public Optional<ScheduledNight> night(String nightId) {
        LocalDate d = LocalDate.parse(nightId);
        long i = d.toEpochDay() - config.start().toEpochDay();
        return i >= 0 && i < nights.size() ? Optional.of(nights.get((int) i)) : Optional.empty();
    }

    /**
     * @param nightId a night id
     * @return what that night gets: its scheduled arm, or {@link TrialConfig.Arm#CUFF} (the policy as configured)
     *         outside the trial
     */
    public TrialConfig.Arm armOf(String nightId) {
        return night(nightId).map(ScheduledNight::arm).orElse(TrialConfig.Arm.CUFF);
    }

    /**
     * @param other another trial (the configuration's now)
     * @return the first config key whose value differs, with both values, or empty when they are the same trial
     */
    public Optional<Difference> differenceFrom(TrialSchedule other) {
        TrialConfig a = config;
        TrialConfig b = other.config;
        if (a.seed() != b.seed()) {
            return Optional.of(differs("cuff.trial_seed", b.seed(), a.seed()));
        }
        if (a.control() != b.control()) {
            return Optional.of(differs("cuff.trial_arms", b.armsWord(), a.armsWord()));
        }
        if (a.blockNights() != b.blockNights()) {
            return Optional.of(differs("cuff.trial_block_nights", b.blockNights(), a.blockNights()));
        }
        if (a.nights() != b.nights()) {
            return Optional.of(differs("cuff.trial_nights", b.nights(), a.nights()));
        }
        if (!a.start().equals(b.start())) {
            return Optional.of(differs("cuff.trial_start", b.start(), a.start()));
        }
        if (policy != other.policy) {
            return Optional.of(differs("cuff.policy", other.policy.configName(), policy.configName()));
        }
        if (cuffMmHg != other.cuffMmHg) {
            return Optional.of(differs("cuff.target_mmhg", other.cuffMmHg, cuffMmHg));
        }
        return Optional.empty();
    }

    private static Difference differs(String key, Object now, Object recorded) {
        return new Difference(key, now + " differs from the recorded trial's " + recorded);
    }

    /**
     * A setting that differs from the recorded trial.
     *
     * @param key     the config key
     * @param message both values, in words
     */
    public record Difference(String key, String message) {
    }

    /** @return the settings in one line, e.g. {@code seed 7, cuff/none, blocks of 4, 28 nights from 2026-12-08} */
    public String describe() {
        return String.format(Locale.ROOT, "seed %d, %s, blocks of %d, %d nights from %s, %s policy at %.1f mmHg",
                config.seed(), config.armsWord(), config.blockNights(), config.nights(), config.start(),
                policy.configName(), cuffMmHg);
    }
}
