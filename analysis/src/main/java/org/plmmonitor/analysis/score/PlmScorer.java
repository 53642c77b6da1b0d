package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.movement.MovementSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores leg movements into candidate movements and PLM series, streaming, with bounded memory:
 * only the open bilateral merge group and the pending members of a run shorter than four are held.
 * The batch entry {@link #scoreAll} runs the same code, so a closed night scored live equals the
 * same night scored from a file.
 *
 * <p>All times are compared in whole milliseconds (each time rounded once): 10.000 s and 90.000 s
 * intervals are inside the WASM range, 9.999 s and 90.001 s are outside.
 *
 * <h2>WASM 2016 (Ferri et al., Sleep Med 2016), as scored here</h2>
 * <ul>
 * <li>A one-leg movement shorter than 0.5 s is not an LM: listed, never a candidate, no effect.</li>
 * <li>Bilateral merge: one-leg LMs on different legs that overlap or are less than 0.5 s apart
 * (group offset to next onset) merge, greedily in onset order. Two LMs of the same leg never merge
 * with each other directly; a same-leg LM joins a group only through a member of the other leg
 * already in it. The merge is not cut at the caps: as in MATPLM, a merged movement longer than 15 s,
 * made of more than 4 one-leg LMs, or holding a one-leg LM longer than 10 s, is a bilateral LM that
 * is not a CLM and breaks the series.</li>
 * <li>CLM: a one-leg LM of 0.5-10 s, a bilateral LM of 0.5-15 s. Any other LM breaks the series.</li>
 * <li>IMI: onset to onset of consecutive CLMs. A run continues while each IMI is in [10, 90] s;
 * an IMI below 10 s or above 90 s, or a non-CLM LM, ends it, and the CLM after the break starts a
 * new run (short IMI included: MATPLM's reading; SOMAS also bars that CLM, this scorer does not).
 * A run of at least 4 CLMs is a series.</li>
 * <li>Respiratory events do not remove CLMs: PLMs are found with all CLMs and the flag feeds PLMnr.</li>
 * </ul>
 *
 * <h2>AASM Manual v2.x</h2>
 * <ul>
 * <li>An LM is 0.5-10 s. A longer movement is not an LM: listed, not a candidate, and it does not
 * break a series (the manual defines no series end other than the interval; see Table 3 of
 * PMC9619152).</li>
 * <li>A one-leg LM within 0.5 s of an apnea/hypopnea (window start - 0.5 s to end + 0.5 s, edges
 * included) is not scored: flagged respiratory, not a candidate, no effect on series.</li>
 * <li>LMs on the two legs with onsets less than 5 s apart count as one: a group is anchored at its
 * first LM's onset and takes each later LM whose onset is less than 5 s after the anchor, provided
 * the group already holds an LM of the other leg; it is listed as one bilateral candidate.</li>
 * <li>IMI 5-90 s: an LM less than 5 s after the previous kept candidate is dropped from series
 * scoring (candidate false, its interval kept in imiS) and does not break the run; the next interval is
 * measured from the last kept candidate. This is the older MATPLM "remove short IMI" path (removeShortIMI).
 * An IMI above 90 s ends the run; a run of at least 4 is a series.</li>
 * </ul>
 */
public final class PlmScorer {
    static final long MIN_LM_MS = 500;
    static final long MAX_ONE_LEG_MS = 10_000;
    static final long MAX_BILATERAL_MS = 15_000;
    static final int MAX_BILATERAL_MEMBERS = 4;
    static final long BILATERAL_GAP_MS = 500;
    static final long AASM_BILATERAL_ONSET_MS = 5_000;
    static final long MAX_IMI_MS = 90_000;
    static final int MIN_SERIES = 4;

    private final ScoringStandard std;
    private final ScoringListener listener;
    private final IntervalIndex respiratory;
    private final IntervalIndex arousals;
    private final long minImiMs;

    // merge stage: the open group (bounded: members are decided as soon as they are known merged)
    private LegMovement first;
    private int members;
    private long groupOnMs;
    private long groupOffMs;
    private double groupOffS;
    private boolean groupLeft;
    private boolean groupRight;
    private long maxMemberMs;
    private double peakMax;
    private double rmsSqDur;
    private double durSum;
    /** The open group's members' sources together. */
    private MovementSource groupSource;
    /** Whether the open group's amplitude is in g (then members measured in mmHg add none to it). */
    private boolean groupAmpInG;

    // series stage
    private boolean haveCandidate;
    private long lastCandidateOnMs;
    private final List<ScoredMovement> pending = new ArrayList<>();
    private int runCount;
    private int seriesId;
    private double seriesStartS;
    private double seriesEndS;
    private int nextSeriesId = 1;

    private double lastOnsetS = Double.NEGATIVE_INFINITY;
    private long watermarkMs = Long.MIN_VALUE;
    private boolean finished;

    /**
     * @param std      the rules
     * @param ctx      respiratory and arousal events (use {@link ScoringContext#NONE} when none)
     * @param listener receives movements and series as they are decided
     */
    public PlmScorer(ScoringStandard std, ScoringContext ctx, ScoringListener listener) {
        if (std == null || listener == null) {
            throw new IllegalArgumentException("scorer needs a standard and a listener");
        }
        ScoringContext c = ctx == null ? ScoringContext.NONE : ctx;
        this.std = std;
        this.listener = listener;
        this.minImiMs = std == ScoringStandard.AASM ? 5_000 : 10_000;
        if (c.hasRespiratory()) {
            respiratory = std == ScoringStandard.AASM
                    ? new IntervalIndex(c.respiratory(), true, 500, 500)
                    : new IntervalIndex(c.respiratory(), false, 2_000, 10_250);
        } else {
            respiratory = null;
        }
        arousals = c.hasArousals() ? new IntervalIndex(c.arousals(), true, BILATERAL_GAP_MS, BILATERAL_GAP_MS) : null;
    }

    /** @return seconds rounded to whole milliseconds, the unit every rule compares in */
    static long ms(double s) {
        return Math.round(s * 1000.0);
    }

    /**
     * Takes the next detected movement.
     *
     * @param m one-leg movement (a {@code BILATERAL} input is scored as an already merged movement);
     *          onsets must not decrease across calls and must not be before the last watermark
     * @throws IllegalArgumentException when the onset goes backwards
     * @throws IllegalStateException    after {@link #finish()} or when the onset is before the watermark
     */
    public void accept(LegMovement m) {
        if (finished) {
            throw new IllegalStateException("scorer already finished; movement at " + m.onsetS() + " s refused");
        }
        if (m.onsetS() < lastOnsetS) {
            throw new IllegalArgumentException("movement onset " + m.onsetS() + " s is before the previous onset "
                    + lastOnsetS + " s: feed movements in onset order");
        }
        long onMs = ms(m.onsetS());
        long offMs = ms(m.offsetS());
        if (onMs < watermarkMs) {
            throw new IllegalStateException("movement onset " + m.onsetS() + " s is before the watermark "
                    + watermarkMs / 1000.0 + " s given to advanceTo");
        }
        lastOnsetS = m.onsetS();
        long durMs = offMs - onMs;
        boolean resp = flagRespiratory(onMs, offMs);
        boolean aro = flagArousal(onMs, offMs);

        if (m.leg() == Leg.BILATERAL) {
            closeGroup();
            boolean cand = durMs >= MIN_LM_MS && durMs <= MAX_BILATERAL_MS && !(std == ScoringStandard.AASM && resp);
            boolean breaks = std == ScoringStandard.WASM2016 && durMs > MAX_BILATERAL_MS;
            listener.movement(cand ? ScoredMovement.candidate(m, null, rel(resp, aro))
                    : ScoredMovement.nonCandidate(m, rel(resp, aro)), false);
            unit(m, cand, breaks, resp, aro);
            return;
        }
        boolean isLm = durMs >= MIN_LM_MS;
        boolean mergeable = std == ScoringStandard.AASM ? isLm && durMs <= MAX_ONE_LEG_MS && !resp : isLm;
        listener.movement(mergeable && durMs <= MAX_ONE_LEG_MS ? ScoredMovement.candidate(m, null, rel(resp, aro))
                : ScoredMovement.nonCandidate(m, rel(resp, aro)), false);
        if (!mergeable) {
            // Not an LM under the rules in force (or an LM AASM does not score): it neither merges nor
            // breaks a series, so it is final now. (A WASM LM over 10 s is mergeable and breaks later.)
            listener.movement(ScoredMovement.nonCandidate(m, rel(resp, aro)), true);
            return;
        }
        if (first != null && joins(m, onMs)) {
            if (members == 1) {
                listener.movement(ScoredMovement.mergedMember(first, rel(
                        flagRespiratory(ms(first.onsetS()), ms(first.offsetS())),
                        flagArousal(ms(first.onsetS()), ms(first.offsetS())))), true);
            }
            listener.movement(ScoredMovement.mergedMember(m, rel(resp, aro)), true);
            addMember(m, onMs, offMs);
            return;
        }
        closeGroup();
        first = m;
        members = 0;
        groupOnMs = onMs;
        groupOffMs = offMs;
        groupOffS = m.offsetS();
        groupLeft = false;
        groupRight = false;
        maxMemberMs = 0;
        peakMax = Double.NEGATIVE_INFINITY;
        rmsSqDur = 0;
        durSum = 0;
        addMember(m, onMs, offMs);
    }

    private boolean joins(LegMovement m, long onMs) {
        boolean otherLegPresent = m.leg() == Leg.LEFT ? groupRight : groupLeft;
        if (!otherLegPresent) {
            return false;
        }
        return std == ScoringStandard.AASM
                ? onMs - groupOnMs < AASM_BILATERAL_ONSET_MS
                : onMs - groupOffMs < BILATERAL_GAP_MS;
    }

    private void addMember(LegMovement m, long onMs, long offMs) {
        members++;
        groupOffMs = Math.max(groupOffMs, offMs);
        groupOffS = Math.max(groupOffS, m.offsetS());
        groupLeft |= m.leg() == Leg.LEFT;
        groupRight |= m.leg() == Leg.RIGHT;
        maxMemberMs = Math.max(maxMemberMs, offMs - onMs);
        groupSource = members == 1 ? m.source() : groupSource.join(m.source());
        // Amplitudes in g and in mmHg do not mix: a bilateral movement any accelerometer saw takes its
        // amplitude from the accelerometer members only (docs/contracts.md).
        boolean inG = m.source().amplitudeInG();
        if (members == 1 || inG && !groupAmpInG) {
            groupAmpInG = inG;
            peakMax = Double.NEGATIVE_INFINITY;
            rmsSqDur = 0;
            durSum = 0;
        }
        if (inG != groupAmpInG) {
            return;
        }
        peakMax = Math.max(peakMax, m.peak()); // NaN propagates: unknown stays unknown
        double d = m.durationS();
        rmsSqDur += m.rms() * m.rms() * d;
        durSum += d;
    }

    /**
     * Watermark: no movement with an onset before {@code tS} will arrive any more. Lets the scorer
     * close a bilateral group and end a run (IMI above 90 s) without waiting for the next movement.
     *
     * @param tS seconds on the movements' time line; a smaller value than before is ignored
     */
    public void advanceTo(double tS) {
        if (finished) {
            return;
        }
        long t = ms(tS);
        if (t <= watermarkMs) {
            return;
        }
        watermarkMs = t;
        if (first != null) {
            boolean closed = std == ScoringStandard.AASM
                    ? t - groupOnMs >= AASM_BILATERAL_ONSET_MS
                    : t - groupOffMs >= BILATERAL_GAP_MS;
            if (closed) {
                closeGroup();
            }
        }
        long seriesWatermark = first != null ? groupOnMs : t;
        if (runCount > 0 && seriesWatermark - lastCandidateOnMs > MAX_IMI_MS) {
            closeRun();
        }
    }

    /**
     * The signal broke off at {@code tS} (samples missing): nothing is known of what happened in the
     * gap, so no interval may span it. Closes any bilateral group, ends the run (deciding its
     * members), and the next candidate has no IMI and may start a new series. Implies
     * {@code advanceTo(tS)}.
     *
     * @param tS seconds on the movements' time line: the last sample before the gap
     */
    public void breakAt(double tS) {
        if (finished) {
            return;
        }
        advanceTo(tS);
        closeGroup();
        closeRun();
        haveCandidate = false;
    }

    /** Ends the night: decides everything still pending. Further calls do nothing. */
    public void finish() {
        if (finished) {
            return;
        }
        closeGroup();
        closeRun();
        finished = true;
    }

    private void closeGroup() {
        if (first == null) {
            return;
        }
        LegMovement m;
        boolean cand;
        if (members == 1) {
            m = first;
            long d = groupOffMs - groupOnMs;
            cand = d <= MAX_ONE_LEG_MS; // >= 0.5 s and (AASM) <= 10 s already hold for mergeable movements
        } else {
            double rms = durSum > 0 ? Math.sqrt(rmsSqDur / durSum) : Double.NaN;
            m = new LegMovement(first.onsetS(), groupOffS, Leg.BILATERAL, peakMax, rms, groupSource);
            long d = groupOffMs - groupOnMs;
            cand = std == ScoringStandard.AASM
                    || d <= MAX_BILATERAL_MS && members <= MAX_BILATERAL_MEMBERS && maxMemberMs <= MAX_ONE_LEG_MS;
        }
        first = null;
        long on = ms(m.onsetS());
        long off = ms(m.offsetS());
        boolean resp = flagRespiratory(on, off);
        boolean aro = flagArousal(on, off);
        if (members > 1) {
            listener.movement(cand ? ScoredMovement.candidate(m, null, rel(resp, aro))
                    : ScoredMovement.nonCandidate(m, rel(resp, aro)), false);
        }
        unit(m, cand, !cand && std == ScoringStandard.WASM2016, resp, aro);
    }

    /** Series stage: one LM (one-leg or bilateral), in onset order. */
    private void unit(LegMovement m, boolean candidate, boolean breaks, boolean resp, boolean aro) {
        if (!candidate) {
            if (breaks) {
                closeRun();
            }
            listener.movement(ScoredMovement.nonCandidate(m, rel(resp, aro)), true);
            return;
        }
        long on = ms(m.onsetS());
        Long imiMs = haveCandidate ? on - lastCandidateOnMs : null;
        Double imiS = imiMs == null ? null : imiMs / 1000.0;
        if (std == ScoringStandard.AASM && imiMs != null && imiMs < minImiMs) {
            listener.movement(ScoredMovement.droppedForShortImi(m, imiS, rel(resp, aro)), true);
            return;
        }
        haveCandidate = true;
        lastCandidateOnMs = on;
        ScoredMovement sm = ScoredMovement.candidate(m, imiS, rel(resp, aro));
        boolean continues = runCount > 0 && imiMs != null && imiMs >= minImiMs && imiMs <= MAX_IMI_MS;
        if (!continues) {
            closeRun();
        }
        runCount++;
        if (seriesId != 0) {
            seriesEndS = Math.max(seriesEndS, m.offsetS());
            listener.movement(sm.inSeries(seriesId), true);
            listener.series(new PlmSeries(seriesId, seriesStartS, seriesEndS, runCount));
            return;
        }
        pending.add(sm);
        listener.movement(sm, false);
        if (runCount == MIN_SERIES) {
            seriesId = nextSeriesId++;
            seriesStartS = pending.get(0).movement().onsetS();
            seriesEndS = Double.NEGATIVE_INFINITY;
            for (ScoredMovement p : pending) {
                seriesEndS = Math.max(seriesEndS, p.movement().offsetS());
                listener.movement(p.inSeries(seriesId), true);
            }
            pending.clear();
            listener.series(new PlmSeries(seriesId, seriesStartS, seriesEndS, runCount));
        }
    }

    private void closeRun() {
        for (ScoredMovement p : pending) {
            listener.movement(p, true);
        }
        pending.clear();
        runCount = 0;
        seriesId = 0;
    }

    private static EnumSet<ScoredMovement.Flag> rel(boolean resp, boolean aro) {
        return ScoredMovement.relations(resp, aro);
    }

    private boolean flagRespiratory(long onMs, long offMs) {
        return respiratory != null && respiratory.hits(onMs, offMs, false);
    }

    private boolean flagArousal(long onMs, long offMs) {
        return arousals != null && arousals.hits(onMs, offMs, true);
    }

    /**
     * PLMnr, "the rate without considering the respiratory related events" (WASM 2016), as PLMScoRe,
     * MATPLM and SOMAS compute it: the respiration-related candidates of a scored night are taken
     * out, then intervals and series are found again on what remains, by this class's own series
     * stage. Everything else stays: a non-candidate LM still breaks a series (WASM), and a gap that
     * broke the night (a candidate without an interval after an earlier candidate) still breaks it.
     * Under AASM a respiration-related LM is not a candidate in the first place, so nothing is taken
     * out and the series are those of {@code r}.
     *
     * @param r a closed night's scoring
     * @return the remaining candidates and breaking LMs as rescored, in onset order; the periodic
     *         ones are the PLMnr
     */
    public static List<ScoredMovement> withoutRespiratory(ScoringResult r) {
        List<ScoredMovement> out = new ArrayList<>();
        PlmScorer s = new PlmScorer(r.standard(), ScoringContext.NONE, new ScoringListener() {
            @Override
            public void movement(ScoredMovement m, boolean isDecided) {
                if (isDecided) {
                    out.add(m);
                }
            }

            @Override
            public void series(PlmSeries ps) {
                // the rescored series are read from the movements' flags
            }
        });
        boolean seenCandidate = false;
        boolean gapBefore = false;
        for (ScoredMovement m : r.movements()) {
            if (m.merged()) {
                continue;
            }
            LegMovement lm = m.movement();
            if (!m.candidate()) {
                boolean isLm = ms(lm.offsetS()) - ms(lm.onsetS()) >= MIN_LM_MS;
                if (r.standard() == ScoringStandard.WASM2016 && isLm) {
                    s.unit(lm, false, true, m.respiratory(), m.arousal());
                }
                continue;
            }
            gapBefore |= seenCandidate && m.imiS() == null;
            seenCandidate = true;
            if (m.respiratory()) {
                continue;
            }
            if (gapBefore) {
                s.closeRun();
                s.haveCandidate = false;
                gapBefore = false;
            }
            s.unit(lm, true, false, false, m.arousal());
        }
        s.finish();
        out.sort(Comparator.comparingDouble(ScoredMovement::onsetS).thenComparing(x -> x.movement().leg()));
        return out;
    }

    /**
     * Scores a closed night: sorts by onset, streams through a {@link PlmScorer}, keeps the decided
     * versions.
     *
     * @param ms  the detected or imported movements, any order
     * @param std the rules
     * @param ctx respiratory and arousal events, or {@link ScoringContext#NONE}
     * @return movements in onset order (one-leg before bilateral at equal onsets), series by id
     */
    public static ScoringResult scoreAll(List<LegMovement> ms, ScoringStandard std, ScoringContext ctx) {
        return scoreAll(ms, std, ctx, List.of());
    }

    /**
     * As {@link #scoreAll(List, ScoringStandard, ScoringContext)}, with the signal broken at the
     * given times (gaps): each is applied with {@link #breakAt} before the first movement at or after it.
     *
     * @param breaks times of the last sample before each gap, s, any order
     */
    public static ScoringResult scoreAll(List<LegMovement> ms, ScoringStandard std, ScoringContext ctx,
                                         List<Double> breaks) {
        List<Double> cuts = new ArrayList<>(breaks);
        cuts.sort(null);
        List<LegMovement> sorted = new ArrayList<>(ms);
        sorted.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
        List<ScoredMovement> decided = new ArrayList<>();
        Map<Integer, PlmSeries> series = new TreeMap<>();
        PlmScorer s = new PlmScorer(std, ctx, new ScoringListener() {
            @Override
            public void movement(ScoredMovement m, boolean isDecided) {
                if (isDecided) {
                    decided.add(m);
                }
            }

            @Override
            public void series(PlmSeries ps) {
                series.put(ps.id(), ps);
            }
        });
        int c = 0;
        for (LegMovement m : sorted) {
            while (c < cuts.size() && cuts.get(c) <= m.onsetS()) {
                s.breakAt(cuts.get(c++));
            }
            s.accept(m);
        }
        s.finish();
        decided.sort(Comparator.comparingDouble(ScoredMovement::onsetS).thenComparing(x -> x.movement().leg()));
        return new ScoringResult(std, decided, new ArrayList<>(series.values()), ctx);
    }
}
