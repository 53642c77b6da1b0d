package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.signal.SampleSource;

import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic night of ankle accelerometry with its truth: periodic and isolated leg
 * movements (some too small for an ankle sensor), and the distractor families of docs/domain.md section 3
 * (posture changes, getting up and walking, mattress vibration from a bed partner, respiration,
 * cardio-ballistic pulse, single-sample spikes, sensor gaps, slow drift, a loosening strap,
 * hypnagogic foot tremor, a sensor left unworn). The plan is made once; samples are produced lazily
 * by {@link #source(Leg)} so a 24-hour night needs no memory for the signal.
 *
 * <p>Physics: the shank carries the sensor. Lying, the shank is near horizontal and rolling over turns
 * gravity about the shank's long axis; standing puts gravity along it. A leg movement adds a burst of
 * linear acceleration (0.8-4 Hz content, peak 25-400 mg when visible, under 5 mg when not) and a
 * small tilt proportional to its size ({@link MovementModel#BURST}, the original model). A kinematic
 * movement ({@link MovementModel#KINEMATIC}, {@link Kinematics}) instead turns the shank about the knee:
 * gravity's projection follows the tilt (about 17 mg per degree) and the sensor feels the linear
 * acceleration of its point on the turning shank; the foot may settle a little away from where it
 * started. The sensor is mounted at a random orientation per leg.
 *
 * <p>When leg movements happen is the plan's choice ({@link #generate}: periodic runs and isolated
 * movements drawn from the seed) or the caller's ({@link #render}: given movements, e.g. a PSG
 * scorer's); how each looks is decided in one place for both.
 */
public final class SyntheticNight {
    private static final double DEG = Math.PI / 180;
    /** Shank elevation lying in bed: a few degrees off horizontal. */
    private static final double LYING_THETA = 4 * DEG;
    /** Share of the burst model's isolated movements that are long (over 10 s). */
    private static final double BURST_LONG_SHARE = 0.15;

    private final NightSpec spec;
    private final List<TruthEvent> truth;
    private final List<TimeInterval> notInBed;
    private final Plan plan;

    private SyntheticNight(NightSpec spec, Plan plan) {
        this.spec = spec;
        this.plan = plan;
        List<TruthEvent> t = new ArrayList<>(plan.truth);
        t.sort(Comparator.comparingDouble(TruthEvent::onsetS));
        this.truth = List.copyOf(t);
        this.notInBed = List.copyOf(Intervals.union(plan.notInBed));
    }

    /**
     * Plans a night. Cheap: only the event list is made here.
     *
     * @param spec what the night should contain
     * @return the night
     */
    public static SyntheticNight generate(NightSpec spec) {
        return new SyntheticNight(spec, new Plan(spec, null));
    }

    /**
     * A night whose leg movements are given (for example a PSG scorer's, so that their timing is real)
     * instead of drawn: the spec still decides everything else (rate, LSB, noise, clock, mounting,
     * physiology, distractors in the time the given movements leave free) and how each given movement
     * is rendered (burst or kinematic shape from its {@link Kinematics}, size and visibility drawn as for
     * a generated movement). Each given movement stays one movement in truth: a kinematic slot never
     * becomes a pair here. Its truth kind is {@link Kind#PERIODIC_LM} when WASM 2016 scores it periodic
     * among the given movements, else {@link Kind#ISOLATED_LM}. {@code spec.plmPerHour()} is not used.
     *
     * @param spec      the night's settings; {@code content} must be FULL and {@code bilateral} true when
     *                  any movement is on the right leg
     * @param movements the leg movements, LEFT or RIGHT, each inside [0, durationS] and lasting &gt; 0 s,
     *                  no two on one leg overlapping (join them first, e.g. with SameLegMerge)
     * @return the night
     * @throws IllegalArgumentException naming the first movement that breaks one of those conditions
     */
    public static SyntheticNight render(NightSpec spec, List<LegMovement> movements) {
        return new SyntheticNight(spec, new Plan(spec, GivenMovements.of(spec, movements)));
    }

    /** @return the spec it was made from */
    public NightSpec spec() {
        return spec;
    }

    /** @return the legs that carry a sensor: LEFT, or LEFT and RIGHT */
    public List<Leg> legs() {
        return spec.bilateral() ? List.of(Leg.LEFT, Leg.RIGHT) : List.of(Leg.LEFT);
    }

    /** @return every planned event in onset order (leg movements, distractors, gaps, unworn time) */
    public List<TruthEvent> truth() {
        return truth;
    }

    /**
     * The movements a leg-EMG scorer would see ({@code visibleOnly = false}) or those an ankle sensor
     * can see ({@code true}).
     */
    public List<TruthEvent> legMovements(Leg leg, boolean visibleOnly) {
        List<TruthEvent> out = new ArrayList<>();
        for (TruthEvent e : truth) {
            if (e.kind().isLegMovement() && e.leg() == leg && (e.visible() || !visibleOnly)) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return time out of bed, unworn or without samples, merged and sorted */
    public List<TimeInterval> notInBed() {
        return notInBed;
    }

    /** @return seconds in bed with a worn sensor and samples: the truth for analysable time */
    public double inBedS() {
        double out = 0;
        for (TimeInterval i : notInBed) {
            out += Math.min(i.endS(), spec.durationS()) - Math.max(i.startS(), 0);
        }
        return spec.durationS() - out;
    }

    /**
     * A fresh cursor over one leg's samples; each call starts again from the first sample and yields
     * exactly the same values.
     *
     * @param leg LEFT, or RIGHT on a bilateral night
     */
    public SampleSource source(Leg leg) {
        if (!legs().contains(leg)) {
            throw new IllegalArgumentException("this night has no sensor on leg " + leg + "; legs: " + legs());
        }
        return new LegSource(plan, leg);
    }

    // ------------------------------------------------------------------------------------------
    // The plan: every random choice is made here, in a fixed order, from one seed.

    /** Something that adds linear acceleration (shank frame, g) during [start, end). */
    private abstract static class Component {
        final double start;
        final double end;

        Component(double start, double end) {
            this.start = start;
            this.end = end;
        }

        abstract void add(double t, double[] a);
    }

    /** Raised-cosine ramps at both ends, flat in between. */
    static double envelope(double t, double start, double end) {
        double d = end - start;
        double ramp = Math.min(0.15, d / 4);
        double u = t - start;
        if (u < 0 || u > d) {
            return 0;
        }
        if (u < ramp) {
            return 0.5 - 0.5 * Math.cos(Math.PI * u / ramp);
        }
        if (d - u < ramp) {
            return 0.5 - 0.5 * Math.cos(Math.PI * (d - u) / ramp);
        }
        return 1;
    }

    /**
     * A leg movement: a broadband burst (six sinusoids in 0.8-4 Hz on random directions, so a long
     * movement is not a steady rhythm) under an envelope, plus tilt.
     */
    private static final class MovementBurst extends Component {
        static final int K = 6;
        final double[][] w = new double[K][3];
        final double[] f = new double[K];
        final double[] ph = new double[K];
        final double tiltRad;
        double scale = 1;

        MovementBurst(double start, double end, double peakG, double fLo, double fHi, SplittableRandom r) {
            super(start, end);
            for (int k = 0; k < K; k++) {
                f[k] = fLo + (fHi - fLo) * r.nextDouble();
                ph[k] = 2 * Math.PI * r.nextDouble();
                double[] dir = unit(r);
                double amp = 0.3 + r.nextDouble();
                for (int j = 0; j < 3; j++) {
                    w[k][j] = dir[j] * amp;
                }
            }
            tiltRad = peakG * r.nextDouble() * 0.5;
            double max = 1e-12;
            double[] a = new double[3];
            for (int i = 0; i <= 400; i++) {
                double t = start + (end - start) * i / 400.0;
                a[0] = a[1] = a[2] = 0;
                raw(t, a);
                max = Math.max(max, Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]));
            }
            scale = peakG / max;
        }

        private void raw(double t, double[] a) {
            double e = envelope(t, start, end);
            double u = t - start;
            for (int k = 0; k < K; k++) {
                double s = e * Math.sin(2 * Math.PI * f[k] * u + ph[k]);
                a[0] += w[k][0] * s;
                a[1] += w[k][1] * s;
                a[2] += w[k][2] * s;
            }
        }

        @Override
        void add(double t, double[] a) {
            double e = envelope(t, start, end);
            double u = t - start;
            for (int k = 0; k < K; k++) {
                double s = scale * e * Math.sin(2 * Math.PI * f[k] * u + ph[k]);
                a[0] += w[k][0] * s;
                a[1] += w[k][1] * s;
                a[2] += w[k][2] * s;
            }
            // The shank lifts a little: gravity's share on the long axis grows (small-angle).
            a[0] += tiltRad * e;
        }
    }

    /** Rhythmic burst: foot tremor or gait (one direction, a fundamental and a harmonic). */
    private static final class Rhythm extends Component {
        final double f;
        final double amp;
        final double[] dir;
        final double harmonic;
        final double ramp;

        Rhythm(double start, double end, double f, double amp, double harmonic, double ramp, SplittableRandom r) {
            super(start, end);
            this.f = f;
            this.amp = amp;
            this.dir = unit(r);
            this.harmonic = harmonic;
            this.ramp = ramp;
        }

        @Override
        void add(double t, double[] a) {
            double u = t - start;
            double d = end - start;
            double e = Math.min(1, Math.min(u / ramp, (d - u) / ramp));
            if (e <= 0) {
                return;
            }
            double s = amp * e * (Math.sin(2 * Math.PI * f * u) + harmonic * Math.sin(4 * Math.PI * f * u + 1.0));
            a[0] += dir[0] * s;
            a[1] += dir[1] * s;
            a[2] += dir[2] * s;
        }
    }

    /** Bed-partner vibration: damped oscillations of the mattress at its resonance, no tilt. */
    private static final class Vibration extends Component {
        final double f;
        final double amp;
        final double tau;
        final double[] impulses;
        final double[] dir;

        Vibration(double start, double end, SplittableRandom r) {
            super(start, end);
            f = 4 + 6 * r.nextDouble();
            amp = 0.01 + 0.05 * r.nextDouble();
            tau = 0.15 + 0.25 * r.nextDouble();
            List<Double> imp = new ArrayList<>();
            for (double t = start; t < end - 0.3; t += 0.5 + r.nextDouble()) {
                imp.add(t);
            }
            impulses = imp.stream().mapToDouble(Double::doubleValue).toArray();
            dir = unit(r);
        }

        @Override
        void add(double t, double[] a) {
            double s = 0;
            for (double t0 : impulses) {
                double u = t - t0;
                if (u >= 0 && u < 5 * tau) {
                    s += Math.exp(-u / tau) * Math.sin(2 * Math.PI * f * u);
                }
            }
            s *= amp;
            a[0] += dir[0] * s;
            a[1] += dir[1] * s;
            a[2] += dir[2] * s;
        }
    }

    /**
     * A change of posture as planned: gravity turns by {@code phiDelta} about the shank axis, and the
     * shank's elevation goes to {@code thetaTarget} (NaN: unchanged).
     */
    private record Turn(double start, double dur, double phiDelta, double thetaTarget) {
    }

    /** The same change resolved to absolute angles, so a sample can be placed without history. */
    private record Keyframe(double start, double dur, double phi0, double phi1, double theta0, double theta1) {
    }

    private static final class LegPlan {
        final List<Component> components = new ArrayList<>();
        /** Kinematic movements in onset order (none on a burst-model night). */
        final List<ShankMovement> shank = new ArrayList<>();
        final double[][] mount;
        final double gainAt;
        final double gainTo;
        final List<double[]> spikes = new ArrayList<>(); // {t, axis, value}
        final double[] driftAmp = new double[3];
        final double[] driftPeriod = new double[3];
        final double[] driftPhase = new double[3];
        final double[] respDir;
        final double[] pulseDir;
        final double respAmp;
        final double pulseAmp;
        final long noiseSeed;

        LegPlan(SplittableRandom r, boolean distractors) {
            mount = rotation(r);
            boolean strap = distractors && r.nextDouble() < 0.5;
            gainAt = strap ? r.nextDouble() : Double.POSITIVE_INFINITY;
            gainTo = 0.6 + 0.8 * r.nextDouble();
            for (int j = 0; j < 3; j++) {
                driftAmp[j] = distractors ? 0.02 * r.nextDouble() : 0;
                driftPeriod[j] = 3 * 3600 + 7 * 3600 * r.nextDouble();
                driftPhase[j] = 2 * Math.PI * r.nextDouble();
            }
            respDir = unit(r);
            pulseDir = unit(r);
            respAmp = 0.001 + 0.003 * r.nextDouble();
            pulseAmp = 0.0005 + 0.001 * r.nextDouble();
            noiseSeed = r.nextLong();
        }
    }

    private static final class Plan {
        final NightSpec spec;
        final List<TruthEvent> truth = new ArrayList<>();
        final List<TimeInterval> notInBed = new ArrayList<>();
        final List<TimeInterval> gaps = new ArrayList<>();
        final List<TimeInterval> unworn = new ArrayList<>();
        final List<Turn> turns = new ArrayList<>();
        List<Keyframe> keyframes = List.of();
        final List<Component> common = new ArrayList<>();
        final LegPlan[] legs = new LegPlan[2];
        final double phiStart;
        final double[][] tableMount;
        final double respF;
        final double pulseF;
        final long clockSeed;
        /** Draws kinematic movements from a stream of its own; null on a burst-model night. */
        final KinematicPlanner kin;

        /**
         * @param given the leg movements to render in place of the drawn periodic runs and isolated
         *              movements, or null to draw them
         */
        Plan(NightSpec spec, GivenMovements given) {
            this.spec = spec;
            SplittableRandom r = new SplittableRandom(spec.seed());
            double d = spec.durationS();
            boolean dist = spec.distractors() && spec.content() == NightSpec.Content.FULL;
            legs[0] = new LegPlan(r.split(), dist);
            legs[1] = new LegPlan(r.split(), dist);
            phiStart = 2 * Math.PI * r.nextDouble();
            tableMount = rotation(r);
            respF = 0.2 + 0.13 * r.nextDouble();
            pulseF = 0.9 + 0.3 * r.nextDouble();
            clockSeed = r.nextLong();
            kin = spec.movementModel() == MovementModel.BURST ? null : new KinematicPlanner(spec.kinematics(), spec.seed());
            switch (spec.content()) {
                case NOISE_ONLY:
                    unworn.add(new TimeInterval(0, d));
                    notInBed.add(new TimeInterval(0, d));
                    truth.add(new TruthEvent(0, d, Leg.LEFT, Kind.UNWORN, false, 0));
                    return;
                case RESPIRATION_ONLY:
                    return;
                case VIBRATION_ONLY:
                    for (double t = 5 + 20 * r.nextDouble(); t < d - 12; t += 15 + 30 * r.nextDouble()) {
                        double len = 2 + 8 * r.nextDouble();
                        Vibration v = new Vibration(t, t + len, r);
                        common.add(v);
                        truth.add(new TruthEvent(t, t + len, Leg.LEFT, Kind.MATTRESS_VIBRATION, false, v.amp));
                    }
                    return;
                default:
                    break;
            }
            Occupancy busy = new Occupancy();
            if (given != null) {
                // Distractors go where the given movements leave room, as they do around drawn ones.
                given.occupy(busy);
            }
            if (dist) {
                planNotInBed(r, d, busy);
                planPostures(r, d, busy);
            }
            if (given == null && spec.seriesTiming() == SeriesTiming.IRREGULAR_DENSE) {
                List<IrregularSeries.Slot> slots = IrregularSeries.plan(r, d, spec.plmPerHour(),
                        () -> nextIsLong(r), busy);
                for (IrregularSeries.Slot s : slots) {
                    addMovement(r, s.onsetS(), s.durationS(), s.kind());
                }
                planIsolated(r, d, busy);
            } else if (given == null) {
                planSeries(r, d, busy);
                planIsolated(r, d, busy);
            } else {
                for (GivenMovements.Item m : given.items()) {
                    renderMovement(r, m.leg(), m.onsetS(), m.durationS(), m.kind(), false);
                }
            }
            if (dist) {
                planDistractors(r, d, busy);
            }
            resolveTurns();
        }

        private void resolveTurns() {
            turns.sort(Comparator.comparingDouble(Turn::start));
            List<Keyframe> out = new ArrayList<>();
            double phi = phiStart;
            double theta = LYING_THETA;
            for (Turn tr : turns) {
                double th1 = Double.isNaN(tr.thetaTarget()) ? theta : tr.thetaTarget();
                out.add(new Keyframe(tr.start(), tr.dur(), phi, phi + tr.phiDelta(), theta, th1));
                phi += tr.phiDelta();
                theta = th1;
            }
            keyframes = List.copyOf(out);
        }

        private void planNotInBed(SplittableRandom r, double d, Occupancy busy) {
            if (r.nextDouble() < 0.35) {
                double len = Math.min(d * 0.2, 600 + 1800 * r.nextDouble());
                TimeInterval u = r.nextBoolean() ? new TimeInterval(0, len) : new TimeInterval(d - len, d);
                unworn.add(u);
                notInBed.add(u);
                busy.add(null, u.startS() - 5, u.endS() + 5);
                truth.add(new TruthEvent(u.startS(), u.endS(), Leg.LEFT, Kind.UNWORN, false, 0));
            }
            int nGaps = r.nextInt(3);
            for (int i = 0; i < nGaps; i++) {
                double len = 20 + 580 * r.nextDouble();
                double s = d * (0.1 + 0.8 * r.nextDouble());
                if (s + len < d && busy.free(null, s - 5, s + len + 5)) {
                    TimeInterval g = new TimeInterval(s, s + len);
                    gaps.add(g);
                    notInBed.add(g);
                    busy.add(null, s - 5, s + len + 5);
                    truth.add(new TruthEvent(s, s + len, Leg.LEFT, Kind.GAP, false, 0));
                }
            }
            int nUp = r.nextInt(3);
            for (int i = 0; i < nUp; i++) {
                double walk1 = 20 + 40 * r.nextDouble();
                double stand = 60 + 180 * r.nextDouble();
                double walk2 = 20 + 40 * r.nextDouble();
                double len = 2 + walk1 + stand + walk2 + 2;
                double s = d * (0.15 + 0.75 * r.nextDouble());
                if (s + len >= d - 60 || !busy.free(null, s - 20, s + len + 20)) {
                    continue;
                }
                busy.add(null, s - 20, s + len + 20);
                TimeInterval up = new TimeInterval(s, s + len);
                notInBed.add(up);
                truth.add(new TruthEvent(s, s + len, Leg.LEFT, Kind.OUT_OF_BED, false, 0));
                double phiBack = 2 * Math.PI * r.nextDouble();
                turns.add(new Turn(s, 2, 0, 90 * DEG));
                turns.add(new Turn(s + len - 2, 2, phiBack, LYING_THETA));
                double fStride = 0.8 + 0.25 * r.nextDouble();
                double amp = 0.25 + 0.3 * r.nextDouble();
                common.add(new Rhythm(s + 2, s + 2 + walk1, fStride, amp, 0.6, 1.0, r));
                common.add(new Rhythm(s + 2 + walk1 + stand, s + 2 + walk1 + stand + walk2, fStride, amp, 0.6, 1.0, r));
            }
        }

        private void planPostures(SplittableRandom r, double d, Occupancy busy) {
            for (double t = 600 + 1800 * r.nextDouble(); t < d - 60; t += 1200 + 2400 * r.nextDouble()) {
                double dur = 0.5 + 2.5 * r.nextDouble();
                if (!busy.free(null, t - 3, t + dur + 3)) {
                    continue;
                }
                double delta = (20 + 100 * r.nextDouble()) * DEG * (r.nextBoolean() ? 1 : -1);
                turns.add(new Turn(t, dur, delta, Double.NaN));
                double peak = 0.05 + 0.25 * r.nextDouble();
                common.add(new MovementBurst(t - 0.2, t + dur + 0.3, peak, 0.5, 3, r));
                busy.add(null, t - 3, t + dur + 3);
                truth.add(new TruthEvent(t, t + dur, Leg.LEFT, Kind.POSTURE_CHANGE, false, peak));
            }
        }

        private void planSeries(SplittableRandom r, double d, Occupancy busy) {
            double targetCount = spec.plmPerHour() * d / 3600;
            int placed = 0;
            int attempts = 0;
            while (placed < targetCount && attempts++ < 500) {
                int n = 4 + (int) Math.min(56, -Math.log(1 - r.nextDouble()) * 18);
                double mean = 15 + 25 * r.nextDouble();
                double sd = 1.5 + 3.5 * r.nextDouble();
                double[] onsets = new double[n];
                double start = d * r.nextDouble();
                onsets[0] = start;
                for (int i = 1; i < n; i++) {
                    double imi = Math.max(11, Math.min(85, mean + sd * r.nextGaussian()));
                    onsets[i] = onsets[i - 1] + imi;
                }
                double end = onsets[n - 1] + 12;
                if (end >= d || !busy.free(null, start - 95, end + 95)) {
                    continue;
                }
                busy.add(null, start - 95, end + 95);
                for (double onset : onsets) {
                    addMovement(r, onset, lognormal(r, 1.6, 0.5, 0.6, 9), Kind.PERIODIC_LM);
                }
                placed += n;
            }
        }

        private void planIsolated(SplittableRandom r, double d, Occupancy busy) {
            int n = (int) (d / 3600 * 8);
            for (int i = 0; i < n; i++) {
                double onset = d * r.nextDouble();
                boolean isLong = nextIsLong(r);
                double dur = isLong ? 10.5 + 14.5 * r.nextDouble() : lognormal(r, 2, 0.6, 0.6, 9);
                if (onset + dur >= d || !busy.free(null, onset - 95, onset + dur + 95)) {
                    continue;
                }
                busy.add(null, onset - 95, onset + dur + 95);
                addMovement(r, onset, dur, Kind.ISOLATED_LM);
            }
        }

        /**
         * Whether an isolated slot is a long (over 10 s) movement: the kinematic planner's share from its
         * own stream, else the burst model's 15 % from the night's (one draw either way, so every seeded
         * night stays what it was).
         */
        private boolean nextIsLong(SplittableRandom r) {
            return kin == null ? r.nextDouble() < BURST_LONG_SHARE : kin.nextIsLong();
        }

        private void addMovement(SplittableRandom r, double onset, double dur, Kind kind) {
            List<Leg> which;
            if (!spec.bilateral()) {
                which = List.of(Leg.LEFT);
            } else {
                double u = r.nextDouble();
                which = u < 0.35 ? List.of(Leg.LEFT) : u < 0.7 ? List.of(Leg.RIGHT) : List.of(Leg.LEFT, Leg.RIGHT);
            }
            for (Leg leg : which) {
                double on = onset + (which.size() > 1 ? 0.3 * r.nextDouble() : 0);
                double du = which.size() > 1 ? Math.max(0.6, dur * (0.8 + 0.4 * r.nextDouble())) : dur;
                renderMovement(r, leg, on, du, kind, true);
            }
        }

        /**
         * How one leg movement looks (the planner above, or the given list, decided when and on which
         * leg): visibility and size, then a burst or a kinematic shape.
         *
         * @param mayPair whether a kinematic slot may become two movements (false for a given movement)
         */
        private void renderMovement(SplittableRandom r, Leg leg, double on, double du, Kind kind, boolean mayPair) {
            boolean visible = r.nextDouble() >= spec.invisibleFraction();
            double peak = visible ? Math.exp(Math.log(0.025) + (Math.log(0.4) - Math.log(0.025)) * r.nextDouble())
                    : 0.001 + 0.004 * r.nextDouble();
            if (kin != null && (spec.movementModel() == MovementModel.KINEMATIC || kin.random().nextBoolean())) {
                addKinematic(leg, on, du, kind, visible, mayPair);
                return;
            }
            legs[leg.ordinal()].components.add(new MovementBurst(on, on + du, peak, 0.8, 4, r));
            truth.add(new TruthEvent(on, on + du, leg, kind, visible, peak));
        }

        private void addKinematic(Leg leg, double on, double du, Kind kind, boolean visible, boolean mayPair) {
            KinematicPlanner.Planned p = kin.plan(leg, on, du, kind, visible, mayPair);
            LegPlan lp = legs[leg.ordinal()];
            lp.shank.add(p.movement());
            truth.addAll(p.truth());
            for (KinematicPlanner.Vibration v : p.vibrations()) {
                lp.components.add(new MovementBurst(v.start(), v.end(), v.peakG(), 0.8, 4, kin.random()));
            }
        }

        private void planDistractors(SplittableRandom r, double d, Occupancy busy) {
            // Mattress vibration from a partner: both ankles, no tilt, may fall anywhere in bed.
            for (double t = 300 * r.nextDouble(); t < d - 15; t += 600 + 900 * r.nextDouble()) {
                double len = 2 + 8 * r.nextDouble();
                if (!busy.free(null, t - 2, t + len + 2)) {
                    continue;
                }
                busy.add(null, t - 2, t + len + 2);
                Vibration v = new Vibration(t, t + len, r);
                common.add(v);
                truth.add(new TruthEvent(t, t + len, Leg.LEFT, Kind.MATTRESS_VIBRATION, false, v.amp));
            }
            for (Leg leg : spec.bilateral() ? List.of(Leg.LEFT, Leg.RIGHT) : List.of(Leg.LEFT)) {
                LegPlan lp = legs[leg.ordinal()];
                for (double t = 1200 * r.nextDouble(); t < d - 20; t += 1800 + 1800 * r.nextDouble()) {
                    double len = 10 + 5 * r.nextDouble();
                    if (!busy.free(leg, t - 2, t + len + 2)) {
                        continue;
                    }
                    busy.add(leg, t - 2, t + len + 2);
                    double amp = 0.015 + 0.035 * r.nextDouble();
                    lp.components.add(new Rhythm(t, t + len, 0.5 + 3 * r.nextDouble(), amp, 0.2, 1.0, r));
                    truth.add(new TruthEvent(t, t + len, leg, Kind.FOOT_TREMOR, false, amp));
                }
                for (double t = 600 * r.nextDouble(); t < d; t += 300 + 900 * r.nextDouble()) {
                    double v = (0.3 + 1.7 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
                    lp.spikes.add(new double[]{t, r.nextInt(3), v});
                    truth.add(new TruthEvent(t, t, leg, Kind.SPIKE, false, Math.abs(v)));
                }
                if (Double.isFinite(lp.gainAt)) {
                    truth.add(new TruthEvent(lp.gainAt * d, lp.gainAt * d + 20, leg, Kind.STRAP_LOOSENING, false, lp.gainTo));
                }
            }
        }
    }

    /** Keeps planned events apart (per leg, or for both when leg is null). */
    static final class Occupancy {
        private final List<double[]> spans = new ArrayList<>(); // {start, end, leg ordinal or -1}

        boolean free(Leg leg, double s, double e) {
            for (double[] x : spans) {
                boolean sameLeg = leg == null || x[2] < 0 || x[2] == leg.ordinal();
                if (sameLeg && s < x[1] && e > x[0]) {
                    return false;
                }
            }
            return true;
        }

        void add(Leg leg, double s, double e) {
            spans.add(new double[]{s, e, leg == null ? -1 : leg.ordinal()});
        }
    }

    // ------------------------------------------------------------------------------------------
    // Sample production.

    private static final class LegSource implements SampleSource {
        private final Plan plan;
        private final LegPlan lp;
        private final SplittableRandom noise;
        private final SplittableRandom clock;
        private final double sigma;
        private final List<Component> comps = new ArrayList<>();
        private final List<Component> active = new ArrayList<>();
        private final List<Keyframe> turns;
        private final List<ShankMovement> shank;
        private final double[] rest = new double[3];
        private final double[] up = new double[3];
        private int nextShank;
        private int nextComp;
        private int nextSpike;
        private int turnIdx;
        private double phi;
        private double theta = LYING_THETA;
        private double t;
        private final double[] a = new double[3];

        LegSource(Plan plan, Leg leg) {
            this.plan = plan;
            this.lp = plan.legs[leg.ordinal()];
            this.noise = new SplittableRandom(lp.noiseSeed);
            this.clock = new SplittableRandom(plan.clockSeed);
            this.sigma = plan.spec.noiseDensity() * Math.sqrt(plan.spec.rateHz() / 2);
            comps.addAll(lp.components);
            comps.addAll(plan.common);
            comps.sort(Comparator.comparingDouble(c -> c.start));
            turns = plan.keyframes;
            shank = new ArrayList<>(lp.shank);
            shank.sort(Comparator.comparingDouble(m -> m.start));
            lp.spikes.sort(Comparator.comparingDouble(s -> s[0]));
            phi = plan.phiStart;
            t = 0;
        }

        @Override
        public double rateHz() {
            return plan.spec.rateHz();
        }

        @Override
        public boolean next(double[] out) {
            NightSpec spec = plan.spec;
            while (true) {
                if (t >= spec.durationS()) {
                    return false;
                }
                double now = t;
                double drift = spec.clockDrift() * (1 + 0.1 * Math.sin(2 * Math.PI * now / 7200));
                t += 1 / (spec.rateHz() * (1 + drift));
                // The noise stream advances for every sample slot, gap or not, so legs stay reproducible.
                double n0 = sigma * noise.nextGaussian();
                double n1 = sigma * noise.nextGaussian();
                double n2 = sigma * noise.nextGaussian();
                if (inside(plan.gaps, now)) {
                    continue;
                }
                produce(now, n0, n1, n2, out);
                return true;
            }
        }

        private void produce(double now, double n0, double n1, double n2, double[] out) {
            out[0] = now;
            if (inside(plan.unworn, now)) {
                double[][] m = plan.tableMount;
                out[1] = quantise(m[0][2] + n0);
                out[2] = quantise(m[1][2] + n1);
                out[3] = quantise(m[2][2] + n2);
                return;
            }
            posture(now);
            double ct = Math.cos(theta);
            a[0] = Math.sin(theta);
            a[1] = ct * Math.cos(phi);
            a[2] = ct * Math.sin(phi);
            if (plan.kin != null) {
                shank(now);
            }
            while (nextComp < comps.size() && comps.get(nextComp).start <= now) {
                active.add(comps.get(nextComp++));
            }
            for (int i = active.size() - 1; i >= 0; i--) {
                Component c = active.get(i);
                if (c.end < now) {
                    active.remove(i);
                } else {
                    c.add(now, a);
                }
            }
            if (theta < 45 * DEG) {
                double resp = lp.respAmp * Math.sin(2 * Math.PI * plan.respF * now);
                double ph = (now * plan.pulseF) % 1.0 - 0.5;
                double pulse = lp.pulseAmp * Math.exp(-ph * ph / (2 * 0.04 * 0.04));
                for (int j = 0; j < 3; j++) {
                    a[j] += resp * lp.respDir[j] + pulse * lp.pulseDir[j];
                }
            }
            double gain = 1;
            if (Double.isFinite(lp.gainAt)) {
                double at = lp.gainAt * plan.spec.durationS();
                gain = now < at ? 1 : now > at + 20 ? lp.gainTo : 1 + (lp.gainTo - 1) * (now - at) / 20;
            }
            double[][] m = lp.mount;
            double[] n = {n0, n1, n2};
            for (int j = 0; j < 3; j++) {
                double v = gain * (m[j][0] * a[0] + m[j][1] * a[1] + m[j][2] * a[2]);
                v += lp.driftAmp[j] * Math.sin(2 * Math.PI * now / lp.driftPeriod[j] + lp.driftPhase[j]);
                out[1 + j] = v + n[j];
            }
            double dt = 1 / plan.spec.rateHz();
            while (nextSpike < lp.spikes.size() && lp.spikes.get(nextSpike)[0] < now + dt / 2) {
                double[] s = lp.spikes.get(nextSpike++);
                if (s[0] >= now - dt / 2) {
                    out[1 + (int) s[1]] += s[2];
                }
            }
            for (int j = 1; j <= 3; j++) {
                out[j] = quantise(out[j]);
            }
        }

        /** Turns the up vector in {@code a} by the leg's rest offset and the active movement, adds its linear part. */
        private void shank(double now) {
            while (nextShank < shank.size() && shank.get(nextShank).end <= now) {
                // The foot stays where the movement left it: its residual becomes part of the rest.
                double[] res = shank.get(nextShank++).residual(a);
                for (int j = 0; j < 3; j++) {
                    rest[j] += res[j];
                }
            }
            ShankMovement m = nextShank < shank.size() && shank.get(nextShank).start <= now ? shank.get(nextShank) : null;
            System.arraycopy(a, 0, up, 0, 3);
            ShankMovement.render(up, rest, m, now, a);
        }

        private double quantise(double v) {
            double q = plan.spec.lsbG();
            return q > 0 ? Math.rint(v / q) * q : v;
        }

        private void posture(double now) {
            while (turnIdx < turns.size()) {
                Keyframe k = turns.get(turnIdx);
                if (now < k.start()) {
                    return;
                }
                double u = Math.min(1, (now - k.start()) / k.dur());
                double sm = 0.5 - 0.5 * Math.cos(Math.PI * u);
                phi = k.phi0() + (k.phi1() - k.phi0()) * sm;
                theta = k.theta0() + (k.theta1() - k.theta0()) * sm;
                if (u < 1) {
                    return;
                }
                turnIdx++;
            }
        }
    }

    private static boolean inside(List<TimeInterval> list, double t) {
        for (TimeInterval i : list) {
            if (t >= i.startS() && t < i.endS()) {
                return true;
            }
        }
        return false;
    }

    private static double lognormal(SplittableRandom r, double median, double sigma, double lo, double hi) {
        return Math.max(lo, Math.min(hi, median * Math.exp(sigma * r.nextGaussian())));
    }

    private static double[] unit(SplittableRandom r) {
        double x = r.nextGaussian();
        double y = r.nextGaussian();
        double z = r.nextGaussian();
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[]{x / n, y / n, z / n};
    }

    /** A uniformly random rotation (from a random unit quaternion). */
    private static double[][] rotation(SplittableRandom r) {
        double q0 = r.nextGaussian();
        double q1 = r.nextGaussian();
        double q2 = r.nextGaussian();
        double q3 = r.nextGaussian();
        double n = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        q0 /= n;
        q1 /= n;
        q2 /= n;
        q3 /= n;
        return new double[][]{
                {1 - 2 * (q2 * q2 + q3 * q3), 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2)},
                {2 * (q1 * q2 + q0 * q3), 1 - 2 * (q1 * q1 + q3 * q3), 2 * (q2 * q3 - q0 * q1)},
                {2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), 1 - 2 * (q1 * q1 + q2 * q2)}};
    }
}
