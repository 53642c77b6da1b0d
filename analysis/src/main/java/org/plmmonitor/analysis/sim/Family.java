package org.plmmonitor.analysis.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Named generator settings the detector is judged on. The {@link Split#TUNING} families may be read
 * by any loop that chooses a detector parameter; the {@link Split#HELD_OUT} families must never be:
 * they are only run to report how the detector does on movements it was not fitted to (the rule is
 * written in docs/detector.md). Within a family, night {@code i} cycles through rates (25, 50, 100 Hz),
 * severities, one or two legs and quantisation, so every family spans the sensor settings.
 */
public enum Family {
    /** The original burst model (issue 2), all else at its defaults. */
    BURST(Split.TUNING, MovementModel.BURST, Kinematics.TYPICAL, 250e-6, -1, 0.39, 0),
    /** Kinematic movements with the typical spread: 1-15 degrees, 0.3-2 s ramps. */
    KINEMATIC_TYPICAL(Split.TUNING, MovementModel.KINEMATIC, Kinematics.TYPICAL, 250e-6, -1, 0.39, 0),
    /** Small slow tilts down to the 15 mg floor, no vibration on top. */
    KINEMATIC_SMALL(Split.TUNING, MovementModel.KINEMATIC,
            new Kinematics(0.86, 3, 0.5, 2, 0.6, 2, 0.1, 0.1, 0.15, 0, 0.005, 0.3, 0.45), 250e-6, -1, 0.39, 0),
    /** Many pairs 0.5-1.5 s apart, dips that do not stop, long movements. */
    KINEMATIC_PAIRS(Split.TUNING, MovementModel.KINEMATIC,
            new Kinematics(1, 15, 0.3, 2, 0.6, 3, 0.35, 0.3, 0.35, 0.3, 0.01, 0.3, 0.45), 250e-6, -1, 0.39, 0),
    /** Held out: strong fast tilts with vibration, a noisier sensor at 3.9 mg. */
    KINEMATIC_STRONG(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(4, 15, 0.3, 0.8, 0.6, 3, 0.15, 0.15, 0.2, 0.6, 0.02, 0.3, 0.45), 400e-6, 0.0039, 0.39, 0.02),
    /** Held out: burst and kinematic movements mixed, feet that settle further, clock drift. */
    MIXED_ROUGH(Split.HELD_OUT, MovementModel.MIXED,
            new Kinematics(0.86, 12, 0.3, 2, 0.8, 4, 0.2, 0.2, 0.25, 0.3, 0.01, 0.3, 0.45), 300e-6, -1, 0.2, 0.03),
    /** Held out: slow 1-2 s ramps, every foot settling 0.5-3 degrees away, no vibration. */
    KINEMATIC_SLOW(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1, 8, 1, 2, 1, 3, 0.15, 0.15, 0.2, 0, 0.003, 0.4, 0.5), 200e-6, -1, 0.39, -0.01),
    /**
     * Held out (added for accel-2.1, before its tuning began): a restless leg in wake, six isolated
     * movements in ten long and wandering, a short shank (sensor 0.22-0.3 m below the knee), 0.4-1.5 s
     * ramps, 25 % pairs, a noisy sensor at 3.9 mg, 30 % invisible, +1.5 % drift.
     */
    RESTLESS_SHORT_SHANK(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1.2, 10, 0.4, 1.5, 0.7, 2.5, 0.25, 0.2, 0.6, 0.15, 0.008, 0.22, 0.3), 300e-6, 0.0039, 0.3, 0.015),
    /**
     * Held out (added after a first accel-2.1 rule had been run once on the other held-out families,
     * before the next round of tuning): feet that nearly always settle up to 4 degrees away, 2-12
     * degrees in 0.2-1 s, 30 % pairs, 25 % dips, a third of isolated movements long, a long shank
     * (0.45-0.6 m), strong tremor, a quiet sensor at 1 mg, -2 % drift.
     */
    SETTLING_LONG_SHANK(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(2, 12, 0.2, 1, 0.9, 4, 0.3, 0.25, 0.35, 0.5, 0.015, 0.45, 0.6), 150e-6, 0.001, 0.25, -0.02),
    /**
     * Held out (added after accel-2.1's first report, before the rhythm-of-pieces round): small
     * 0.86-2.5 degree movements with slow 1-3 s ramps, half of them dipping, 5 % pairs, a quarter of
     * isolated movements long, no vibration, a coarse 3.9 mg sensor, +4 % drift.
     */
    DIPPING_SMALL_COARSE(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(0.86, 2.5, 1, 3, 0.5, 1.5, 0.05, 0.5, 0.25, 0, 0.003, 0.3, 0.35), 200e-6, 0.0039, 0.15, 0.04),
    /**
     * Held out (added for accel-2.3, before its tuning began): burst and kinematic movements mixed,
     * 1.5-12 degrees with 0.3-2.5 s ramps, 70 % of feet settling up to 3 degrees away, 20 % pairs,
     * 20 % dips, nearly half of isolated movements long, vibration up to 0.4 of the tilt, a mid-length
     * shank (0.35-0.5 m), 350 ug/sqrt(Hz), 25 % invisible, -3 % drift.
     */
    WAKEFUL_MIXED(Split.HELD_OUT, MovementModel.MIXED,
            new Kinematics(1.5, 12, 0.3, 2.5, 0.7, 3, 0.2, 0.2, 0.45, 0.4, 0.012, 0.35, 0.5), 350e-6, -1, 0.25, -0.03),
    /**
     * Held out (added for accel-2.4, before its tuning began): brisk moderate movements, 1-6 degrees
     * in 0.2-0.6 s, half of the feet settling up to 2 degrees away, 15 % pairs, 15 % dips, 30 % of
     * isolated movements long, a little vibration, a strong tremor, a short-to-mid shank (0.25-0.4 m),
     * 250 ug/sqrt(Hz), 35 % invisible, +2.5 % drift.
     */
    BRISK_MODERATE(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1, 6, 0.2, 0.6, 0.5, 2, 0.15, 0.15, 0.3, 0.2, 0.02, 0.25, 0.4), 250e-6, -1, 0.35, 0.025),
    /**
     * Held out (added for accel-2.5, before its tuning began): mid-range movements, 1.5-9 degrees in
     * 0.4-1.2 s, 60 % of feet settling up to 2.5 degrees away, 40 % pairs, 15 % dips, a quarter of
     * isolated movements long, a little vibration, a weak tremor, a mid-to-long shank (0.32-0.5 m),
     * a quiet sensor (200 ug/sqrt(Hz)), 30 % invisible, -1.5 % drift.
     */
    PAIRED_MIDRANGE(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1.5, 9, 0.4, 1.2, 0.6, 2.5, 0.4, 0.15, 0.25, 0.1, 0.006, 0.32, 0.5), 200e-6, -1, 0.3, -0.015),
    /**
     * Held out (added for accel-2.6, before its tuning began): large slow movements, 5-18 degrees in
     * 0.8-2.5 s, 80 % of feet settling up to 5 degrees away, 20 % pairs, 35 % dips, a fifth of
     * isolated movements long, hardly any vibration, a weak tremor, a long shank (0.42-0.6 m), a noisy
     * coarse sensor (300 ug/sqrt(Hz), 3.9 mg), 20 % invisible, +3 % drift.
     */
    LARGE_SLOW_SETTLING(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(5, 18, 0.8, 2.5, 0.8, 5, 0.2, 0.35, 0.2, 0.05, 0.004, 0.42, 0.6), 300e-6, 0.0039, 0.2, 0.03),
    /**
     * Held out (added after accel-2.6, before the next round's tuning): a tremulous restless leg, 1-7
     * degrees in quick 0.15-0.5 s ramps, 30 % of feet settling up to 1.5 degrees away, 10 % pairs,
     * 10 % dips, 40 % of isolated movements long, strong vibration (up to 0.8 of the tilt) and tremor
     * (0.03 g), a short shank (0.2-0.3 m), a noisy sensor (450 ug/sqrt(Hz)), 25 % invisible, -0.5 % drift.
     */
    TREMULOUS_SHORT(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1, 7, 0.15, 0.5, 0.3, 1.5, 0.1, 0.1, 0.4, 0.8, 0.03, 0.2, 0.3), 450e-6, -1, 0.25, -0.005),
    /**
     * Tuning (added in the seventh round of issue 9, after accel-2.6): ordinary movements on a rough
     * sensor and body. Every other tuning family uses one quiet sensor (250 ug/sqrt(Hz)), a perfect
     * clock, weak tremor (at most 0.01 g) and a 0.3-0.45 m shank, so nothing tuned so far was tuned
     * against the nuisances real hardware and real legs bring. The settings come from parts and anatomy,
     * not from any other family: a 400 ug/sqrt(Hz) noise density (the MPU-6050's accelerometer power
     * spectral density, InvenSense PS-MPU-6000A-00 rev 3.4, section 6.2; the ADXL345 is about
     * 300-400, the LIS3DH 220), the ADXL345's 3.9 mg/LSB full-resolution step (Analog Devices'
     * product description: "3.9 mg/LSB enables measurement of inclination changes less than 1.0
     * degrees") on every night, a sample clock 2 % fast (a microcontroller's RC oscillator or an accelerometer's own output
     * data rate is good to a percent or two), a physiological tremor of the leg up to 0.03 g (of order
     * 0.01-0.03 g), and a strap anywhere 0.2-0.55 m below the knee (a short or a long adult shank). The
     * movements themselves are an ordinary broad spread like {@link Kinematics#TYPICAL}'s: 1-15
     * degrees in 0.3-2 s, 60 % of feet settling up to 3 degrees away, 15 % pairs, 15 % dips, 15 % of
     * isolated movements long, vibration up to 0.3 of the tilt; 39 % invisible, as the other tuning
     * families.
     */
    KINEMATIC_ROUGH(Split.TUNING, MovementModel.KINEMATIC,
            new Kinematics(1, 15, 0.3, 2, 0.6, 3, 0.15, 0.15, 0.15, 0.3, 0.03, 0.2, 0.55), 400e-6, 0.0039, 0.39, 0.02),
    /**
     * Tuning (added in the session after accel-2.6, so that tuning sees dense irregular nights): the
     * timing of a severe RLS night, which {@link SeriesTiming#REGULAR} never draws. Every other family
     * has clean series of nearly constant interval at 5-60 PLM/h; a sleep lab's densest nights have
     * 30-120 PLM/h in long series whose intervals spread widely about a mode of 20-40 s, broken by a
     * missed beat or a short-interval movement, with clusters of movements in the wake before sleep.
     * A detector that loses one movement in such a series loses the series around it, so what such
     * nights cost is something the tuning families should show. The timing
     * ({@link SeriesTiming#IRREGULAR_DENSE}) is drawn from the published physiology, not from any
     * scored night:
     * <ul>
     *   <li>rates 30-120 PLM/h (severities 30, 45, 60, 80, 100, 120): untreated RLS patients reach
     *       PLMS indices of 50-100/h and more (Montplaisir et al., Mov Disord 1997; Ferri et al.,
     *       Sleep 2006);</li>
     *   <li>intervals log-normal about a median of 20-40 s (at most 0.7 x 3600 / rate: denser nights,
     *       shorter intervals), 90 % within 0.52-1.9 x the median, 5-120 s: the periodic component of
     *       the IMI histogram in RLS peaks at 20-40 s and is wide (Ferri et al., Sleep 2006, "New
     *       approaches to the study of periodic leg movements during sleep in restless legs syndrome";
     *       Ferri et al., Sleep Med 2016, the WASM standards, IMI 10-90 s);</li>
     *   <li>short-interval movements (IMI under 10 s) are frequent in RLS and break series under WASM
     *       2016 (Ferri et al., J Sleep Res 2017, "Short-interval leg movements during sleep entail
     *       greater cardiac activation than periodic leg movements during sleep in restless legs
     *       syndrome patients"): 6 % of beats are followed by one 1-8 s after their end; 6 % are
     *       followed by a missed beat, the interval doubling;</li>
     *   <li>movements in wake come in clusters at short intervals and last longer, most of all in the
     *       wake before sleep, when RLS is worst, and after awakenings (PLM in wakefulness: Montplaisir
     *       et al., Mov Disord 1997; Michaud et al., Sleep Med 2001, leg movements of the suggested
     *       immobilisation test): 5-20 movements 0.6-20 s apart (offset to onset), median 2.5 s long,
     *       some over 10 s;</li>
     *   <li>the shape is {@link Kinematics#TYPICAL}'s but with 15 % of slots two movements 0.5-1.5 s
     *       apart (legs alternating, or a double movement: short rests inside a run, domain.md
     *       section 2's offset rule makes them two), so that what this family adds is timing; the
     *       default sensor;</li>
     *   <li>15 % invisible rather than Terrill 2013's 39 %: every invisible movement breaks the series
     *       the sensor sees, and at 39 % the visible truth of a night asked 30/h holds about 13 PLM/h,
     *       so the family would not show dense series to the sensor, which is its point.</li>
     * </ul>
     */
    KINEMATIC_DENSE(Split.TUNING, MovementModel.KINEMATIC,
            new Kinematics(1, 15, 0.3, 2, 0.6, 3, 0.15, 0.1, 0.15, 0.3, 0.01, 0.3, 0.45), 250e-6, -1, 0.15, 0,
            SeriesTiming.IRREGULAR_DENSE, new double[]{30, 45, 60, 80, 100, 120}),
    /**
     * Held out (added after accel-2.7, before the next round's tuning): whether what was tuned on
     * {@link #KINEMATIC_DENSE} carries over to dense nights of another body and sensor. The same
     * dense irregular timing ({@link SeriesTiming#IRREGULAR_DENSE}, 25-110 PLM/h asked), with burst and
     * kinematic movements mixed, 2-10 degrees in 0.4-1.5 s ramps, 80 % of feet settling up to 3.5
     * degrees away, 20 % pairs, 20 % dips, a fifth of isolated movements long, a little vibration
     * (0.15 of the tilt), tremor up to 0.015 g, a 0.28-0.5 m shank, a coarse sensor (300 ug/sqrt(Hz),
     * 3.9 mg), 20 % invisible, +1 % drift.
     */
    DENSE_SETTLING_COARSE(Split.HELD_OUT, MovementModel.MIXED,
            new Kinematics(2, 10, 0.4, 1.5, 0.8, 3.5, 0.2, 0.2, 0.2, 0.15, 0.015, 0.28, 0.5), 300e-6, 0.0039, 0.2, 0.01,
            SeriesTiming.IRREGULAR_DENSE, new double[]{25, 40, 55, 70, 90, 110}),
    /**
     * Held out (added after accel-2.8, before the next round's tuning): a severe night of small, slow
     * movements, as an older patient's can be. The dense irregular timing ({@link
     * SeriesTiming#IRREGULAR_DENSE}, 30-115 PLM/h asked) with small movements only, 1-5 degrees in
     * slow 0.5-2 s ramps, half the feet settling up to 2 degrees away, 30 % pairs, 20 % dips, 30 % of
     * isolated movements long, hardly any vibration (0.05 of the tilt), tremor up to 0.01 g, a long
     * shank (0.35-0.55 m), a quiet sensor (150 ug/sqrt(Hz)) at 1 or 3.9 mg, 25 % invisible, -2 % drift.
     * Neither dense family draws small movements: {@link #KINEMATIC_DENSE} has 1-15 degrees,
     * {@link #DENSE_SETTLING_COARSE} 2-10.
     */
    DENSE_SMALL_PAIRED(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1, 5, 0.5, 2, 0.5, 2, 0.3, 0.2, 0.3, 0.05, 0.01, 0.35, 0.55), 150e-6, -1, 0.25, -0.02,
            SeriesTiming.IRREGULAR_DENSE, new double[]{30, 45, 60, 75, 95, 115}),
    /**
     * Held out (added after accel-2.9, before the next round's tuning): movements that dip in the middle
     * without stopping, on ordinary nights. Burst and kinematic movements mixed, 2-8 degrees in
     * 0.6-1.8 s ramps, 45 % of them dipping (the most of any family whose movements are not all
     * small: {@link #DIPPING_SMALL_COARSE} dips half of 1-2.5 degree movements), half the feet settling
     * up to 2.5 degrees away, 10 % pairs, a quarter of isolated movements long, vibration up to 0.2 of
     * the tilt, tremor up to 0.02 g, a short-to-mid shank (0.25-0.4 m), 200 ug/sqrt(Hz) at 1 or 3.9 mg,
     * 30 % invisible, +2 % drift; regular series. A dip that does not stop is one movement (domain.md
     * section 2), so what this family asks is whether moderate dips are split.
     */
    DIPPING_MIXED_MODERATE(Split.HELD_OUT, MovementModel.MIXED,
            new Kinematics(2, 8, 0.6, 1.8, 0.5, 2.5, 0.1, 0.45, 0.25, 0.2, 0.02, 0.25, 0.4), 200e-6, -1, 0.3, 0.02),
    /**
     * Held out (added after accel-2.10, before the next round's tuning): sharp pairs that shake. Burst
     * and kinematic movements mixed, 1.2-7 degrees in quick 0.15-0.6 s ramps, 35 % rendered as pairs
     * 0.5-1.5 s apart (the most of any family but {@link #KINEMATIC_PAIRS}' tuning spread), 40 % of the
     * feet settling up to 2 degrees away, 10 % dips, a fifth of isolated movements long, vibration up to
     * half the tilt (a quick kick rings the shank and the mattress), tremor up to 0.02 g, a 0.25-0.45 m
     * shank, 300 ug/sqrt(Hz) at 1 or 3.9 mg, 25 % invisible, -1 % drift; regular series. What it asks:
     * whether a pair's second, small and shaking, is still taken for a leg movement and not a
     * vibration, and whether the two stay two.
     */
    SHARP_PAIRED_SHAKING(Split.HELD_OUT, MovementModel.MIXED,
            new Kinematics(1.2, 7, 0.15, 0.6, 0.4, 2, 0.35, 0.1, 0.2, 0.5, 0.02, 0.25, 0.45), 300e-6, -1, 0.25, -0.01),
    /**
     * Held out (added after accel-2.11, before the next round's tuning): a restless night of small
     * wandering movements. Kinematic movements of 1-4 degrees in slow 0.8-2.5 s ramps, 70 % of the feet
     * settling up to 2.5 degrees away, 25 % pairs, 30 % dips, 35 % of isolated movements long (the
     * wanders that get cut), little vibration (0.1 of the tilt), tremor up to 0.01 g, a 0.3-0.5 m shank,
     * 250 ug/sqrt(Hz) at 1 or 3.9 mg, 30 % invisible, +1.5 % drift; regular series. What it asks:
     * whether small slow movements that pause, dip and wander stay whole and stay apart.
     */
    WANDERING_SMALL_PAIRED(Split.HELD_OUT, MovementModel.KINEMATIC,
            new Kinematics(1, 4, 0.8, 2.5, 0.7, 2.5, 0.25, 0.3, 0.35, 0.1, 0.01, 0.3, 0.5), 250e-6, -1, 0.3, 0.015);

    /** Whether a tuning loop may read a family. */
    public enum Split {
        /** Free to tune on. */
        TUNING,
        /** Reported only; never read by a loop that chooses a parameter. */
        HELD_OUT
    }

    private static final double[] RATES = {25, 50, 100};
    /** Held in a class of its own: an enum's constructor may not read the enum's own static fields. */
    private static final class Regular {
        /** PLM/h of night i of every family with {@link SeriesTiming#REGULAR} series. */
        static final double[] SEVERITIES = {5, 15, 30, 45, 60, 0};
    }

    private final Split split;
    private final MovementModel model;
    private final Kinematics kinematics;
    private final double noiseDensity;
    private final double lsbG;
    private final double invisibleFraction;
    private final double clockDrift;
    private final SeriesTiming seriesTiming;
    /** PLM/h (EMG view) of night i, cycled by i; six, so that six nights span them. */
    private final double[] severities;

    Family(Split split, MovementModel model, Kinematics kinematics, double noiseDensity, double lsbG,
           double invisibleFraction, double clockDrift) {
        this(split, model, kinematics, noiseDensity, lsbG, invisibleFraction, clockDrift, SeriesTiming.REGULAR, Regular.SEVERITIES);
    }

    Family(Split split, MovementModel model, Kinematics kinematics, double noiseDensity, double lsbG,
           double invisibleFraction, double clockDrift, SeriesTiming seriesTiming, double[] severities) {
        this.seriesTiming = seriesTiming;
        this.severities = severities.clone();
        this.split = split;
        this.model = model;
        this.kinematics = kinematics;
        this.noiseDensity = noiseDensity;
        this.lsbG = lsbG;
        this.invisibleFraction = invisibleFraction;
        this.clockDrift = clockDrift;
    }

    /** @return whether a tuning loop may read this family */
    public Split split() {
        return split;
    }

    /** @return the families of one split, in declaration order */
    public static List<Family> of(Split split) {
        List<Family> out = new ArrayList<>();
        for (Family f : values()) {
            if (f.split == split) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The family's night number {@code index}: rate, severity (the family's own cycle), legs and
     * (unless the family fixes it) quantisation cycle with the index; the seed is the family's own.
     *
     * @param index     night number within the family, 0 to 9999
     * @param durationS night length in s, 60 to 172800
     */
    public NightSpec night(int index, double durationS) {
        if (index < 0 || index > 9999) {
            throw new IllegalArgumentException("family " + name() + " night index " + index + " is outside [0, 9999]");
        }
        return NightSpec.builder()
                .seed(90_000L + 10_000L * ordinal() + index)
                .durationS(durationS)
                .rateHz(RATES[index % RATES.length])
                .plmPerHour(severities[index % severities.length])
                .bilateral(index % 2 == 1)
                .lsbG(lsbG >= 0 ? lsbG : index % 4 < 2 ? 0.001 : 0.0039)
                .noiseDensity(noiseDensity)
                .invisibleFraction(invisibleFraction)
                .clockDrift(clockDrift)
                .movementModel(model)
                .kinematics(kinematics)
                .seriesTiming(seriesTiming)
                .build();
    }
}
