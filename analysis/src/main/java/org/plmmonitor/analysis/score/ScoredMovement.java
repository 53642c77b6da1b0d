package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.movement.LegMovement;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One leg movement as the scorer sees it. Every movement given to the scorer is listed once, and
 * every bilateral movement the scorer builds by merging is listed too (with {@code leg == BILATERAL}).
 * A movement's key is its leg plus its onset: an undecided and a decided emission of the same
 * movement share that key.
 *
 * <p>Build one with the named factories ({@link #unscored}, {@link #nonCandidate},
 * {@link #candidate}, {@link #mergedMember}, {@link #droppedForShortImi}, then {@link #inSeries})
 * rather than by listing flags; read the flags with {@link #candidate()}, {@link #periodic()},
 * {@link #respiratory()}, {@link #arousal()}, {@link #merged()}.
 *
 * @param movement the movement (for a bilateral merge: onset of the first member, latest offset of
 *                 all members, largest peak, duration-weighted RMS)
 * @param flags    what the rules decided about it (see {@link Flag}); copied, unmodifiable
 * @param seriesId 1-based id of its {@link PlmSeries}, or null; set exactly when {@link Flag#PERIODIC} is
 * @param imiS     seconds from the previous candidate's onset to this onset (whole milliseconds),
 *                 null for the first candidate and for non-candidates (except AASM movements
 *                 dropped for a short interval, which keep the interval that dropped them)
 */
public record ScoredMovement(LegMovement movement, Set<Flag> flags, Integer seriesId, Double imiS) {

    /** What the rules decided about a movement. */
    public enum Flag {
        /** Counts towards series by the selected standard (WASM 2016: a CLM). */
        CANDIDATE,
        /** Belongs to a PLM series (then the series id is set). */
        PERIODIC,
        /**
         * Respiration-related (WASM: overlaps end-of-event - 2.0 s to end + 10.25 s; AASM: within
         * 0.5 s of the event); never set when no events were supplied.
         */
        RESPIRATORY,
        /** An arousal overlaps it or is less than 0.5 s away; never set when none were supplied. */
        AROUSAL,
        /**
         * This one-leg movement became part of a bilateral movement (then it is not a candidate, not
         * periodic, and has no series id and no interval).
         */
        MERGED
    }

    public ScoredMovement {
        if (movement == null) {
            throw new IllegalArgumentException("scored movement needs a movement");
        }
        EnumSet<Flag> f = EnumSet.noneOf(Flag.class);
        if (flags != null) {
            f.addAll(flags);
        }
        flags = Collections.unmodifiableSet(f);
        if (flags.contains(Flag.PERIODIC) != (seriesId != null)) {
            throw new IllegalArgumentException("movement at " + movement.onsetS()
                    + " s: periodic must go with a series id (flags=" + flags + ", series=" + seriesId + ")");
        }
    }

    /**
     * @param respiratory true when the movement is respiration-related
     * @param arousal     true when it is arousal-associated
     * @return the relation flags for those two facts (a fresh, modifiable set)
     */
    public static EnumSet<Flag> relations(boolean respiratory, boolean arousal) {
        EnumSet<Flag> f = EnumSet.noneOf(Flag.class);
        if (respiratory) {
            f.add(Flag.RESPIRATORY);
        }
        if (arousal) {
            f.add(Flag.AROUSAL);
        }
        return f;
    }

    /**
     * @param m the movement
     * @return a movement with no flag set: listed, not a candidate, related to nothing
     */
    public static ScoredMovement unscored(LegMovement m) {
        return new ScoredMovement(m, Set.of(), null, null);
    }

    /**
     * @param m         the movement
     * @param relations {@link Flag#RESPIRATORY} and/or {@link Flag#AROUSAL} (see {@link #relations})
     * @return a movement that does not count towards series
     */
    public static ScoredMovement nonCandidate(LegMovement m, Set<Flag> relations) {
        return new ScoredMovement(m, relationsOnly(relations), null, null);
    }

    /**
     * @param m         the movement
     * @param imiS      seconds since the previous candidate's onset (whole ms), null for the first
     * @param relations {@link Flag#RESPIRATORY} and/or {@link Flag#AROUSAL}
     * @return a candidate not (yet) in a series
     */
    public static ScoredMovement candidate(LegMovement m, Double imiS, Set<Flag> relations) {
        EnumSet<Flag> f = relationsOnly(relations);
        f.add(Flag.CANDIDATE);
        return new ScoredMovement(m, f, null, imiS);
    }

    /**
     * @param m         a one-leg movement that became part of a bilateral movement
     * @param relations {@link Flag#RESPIRATORY} and/or {@link Flag#AROUSAL}
     * @return the member as listed: merged, not a candidate
     */
    public static ScoredMovement mergedMember(LegMovement m, Set<Flag> relations) {
        EnumSet<Flag> f = relationsOnly(relations);
        f.add(Flag.MERGED);
        return new ScoredMovement(m, f, null, null);
    }

    /**
     * AASM: a movement less than 5 s after the previous kept candidate is dropped from series scoring.
     *
     * @param m         the movement
     * @param imiS      the interval that dropped it, s
     * @param relations {@link Flag#RESPIRATORY} and/or {@link Flag#AROUSAL}
     * @return a non-candidate that keeps its interval
     */
    public static ScoredMovement droppedForShortImi(LegMovement m, double imiS, Set<Flag> relations) {
        return new ScoredMovement(m, relationsOnly(relations), null, imiS);
    }

    /**
     * @param id 1-based series id
     * @return this candidate as a member of that series
     * @throws IllegalStateException when this movement is not a candidate
     */
    public ScoredMovement inSeries(int id) {
        if (!candidate()) {
            throw new IllegalStateException("movement at " + onsetS() + " s is not a candidate; it cannot join series " + id);
        }
        EnumSet<Flag> f = EnumSet.copyOf(flags);
        f.add(Flag.PERIODIC);
        return new ScoredMovement(movement, f, id, imiS);
    }

    private static EnumSet<Flag> relationsOnly(Set<Flag> relations) {
        EnumSet<Flag> f = EnumSet.noneOf(Flag.class);
        for (Flag x : relations) {
            if (x != Flag.RESPIRATORY && x != Flag.AROUSAL) {
                throw new IllegalArgumentException("relation flags are RESPIRATORY and AROUSAL, not " + x);
            }
            f.add(x);
        }
        return f;
    }

    /** @return true when it counts towards series by the selected standard (WASM 2016: a CLM) */
    public boolean candidate() {
        return flags.contains(Flag.CANDIDATE);
    }

    /** @return true when it belongs to a PLM series ({@code seriesId != null}) */
    public boolean periodic() {
        return flags.contains(Flag.PERIODIC);
    }

    /** @return true when it is respiration-related; false when no events were supplied */
    public boolean respiratory() {
        return flags.contains(Flag.RESPIRATORY);
    }

    /** @return true when it is arousal-associated; false when no arousals were supplied */
    public boolean arousal() {
        return flags.contains(Flag.AROUSAL);
    }

    /** @return true when this one-leg movement became part of a bilateral movement */
    public boolean merged() {
        return flags.contains(Flag.MERGED);
    }

    /** @return the onset in seconds (shortcut) */
    public double onsetS() {
        return movement.onsetS();
    }
}
