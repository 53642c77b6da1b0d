package org.plmmonitor.monitor.config;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The cuff's n-of-1 trial ({@code cuff.trial = on} and its keys, deploy/plm.conf): which nights get the cuff,
 * drawn in blocks from a seed. Part of {@link CuffConfig}; the schedule itself is drawn and recorded by the
 * monitor's trial package.
 *
 * @param control     the control arm, {@link Arm#NONE} or {@link Arm#SHAM}
 * @param blockNights nights per randomisation block, even, {@value #MIN_BLOCK}-{@value #MAX_BLOCK}; half of each
 *                    block gets the cuff
 * @param nights      nights in the trial, {@value #MIN_NIGHTS}-{@value #MAX_NIGHTS}, a whole number of blocks
 * @param seed        seed of the draw (any value)
 * @param start       the first night (the local date of its evening)
 */
public record TrialConfig(Arm control, int blockNights, int nights, long seed, LocalDate start) {
    /** Pressure of a sham session, mmHg: about 3.4 cmH2O (Lettieri 2009's sham inflated to 3-4 cmH2O). */
    public static final double SHAM_MMHG = 2.5;
    /** Shortest block. */
    public static final int MIN_BLOCK = 2;
    /** Longest block. */
    public static final int MAX_BLOCK = 14;
    /** Fewest nights: three usable per arm are needed before anything is compared (contracts.md). */
    public static final int MIN_NIGHTS = 6;
    /** Most nights, a year. */
    public static final int MAX_NIGHTS = 366;
    /** Default block length. */
    public static final int DEFAULT_BLOCK = 4;
    /** Default length, four weeks. */
    public static final int DEFAULT_NIGHTS = 28;

    /** What a night of the trial gets. */
    public enum Arm {
        /** The configured policy's sessions. */
        CUFF,
        /** No session. */
        NONE,
        /** The policy's sessions at {@link #SHAM_MMHG}. */
        SHAM;

        /** @return the word stored and shown, e.g. {@code sham} */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TrialConfig {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(start, "start");
        if (control == Arm.CUFF) {
            throw new IllegalArgumentException("the control arm is none or sham, not cuff");
        }
        Checks.range("trial_block_nights", blockNights, MIN_BLOCK, MAX_BLOCK);
        if (blockNights % 2 != 0) {
            throw new IllegalArgumentException("trial_block_nights " + blockNights + " is odd: half of each block gets the cuff");
        }
        Checks.range("trial_nights", nights, MIN_NIGHTS, MAX_NIGHTS);
        if (nights % blockNights != 0) {
            throw new IllegalArgumentException("trial_nights " + nights + " is not a whole number of blocks of "
                    + blockNights);
        }
    }

    /** @return the arms as the config writes them, e.g. {@code cuff/sham} */
    public String armsWord() {
        return "cuff/" + control.word();
    }
}
