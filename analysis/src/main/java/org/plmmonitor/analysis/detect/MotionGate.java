package org.plmmonitor.analysis.detect;

/**
 * Decides where a movement starts and stops from three views of one ankle: the slow orientation
 * (gravity low-passed at 1 Hz, g), the fast orientation (low-passed at 4 Hz, g) and the vibration
 * envelope (the fast less the slow orientation, smoothed, g). A leg movement turns the shank:
 * gravity leaves its rest, is held away, and comes back, often not exactly to where it was.
 *
 * <p>Idle, the rest follows the slow orientation (a 6-s average of it half a second ago, so a slow
 * onset does not drag it along). A movement starts when the envelope rises above its onset
 * threshold, or the slow orientation departs across the rest direction by more than the tilt onset
 * threshold (across, so that a loosening strap, which only scales gravity, starts nothing). It ends
 * where the limb stopped, once the fast orientation has stayed within {@link #STILL_G} of one place
 * for WASM's half second (less the envelope's window, which shortens every quiet stretch), and
 * <ul>
 *   <li>that place is near the rest it left: within the larger of the tilt onset threshold and
 *       {@code settleFraction} of the movement's largest departure (it came back, or the foot
 *       <i>settled</i> a little away: that place becomes the new rest);</li>
 *   <li>or it is turned from that rest by the posture threshold or more (<i>turned</i>: judged a
 *       posture change later);</li>
 *   <li>or, far from the rest, the limb stays within {@link #HELD_G} (respiration and all) for
 *       {@code holdMaxS} without coming back, or within {@link #STILL_G} of where it stopped for as
 *       long (<i>held</i>: the movement ended where it stopped).</li>
 * </ul>
 * A limb still far from its rest for less than that is holding the leg up inside the movement, which
 * goes on. A limb whose fast orientation has stayed within the larger of the tilt onset threshold and
 * {@link #BACK_FRACTION} of the largest departure from the rest it left for {@link #BACK_S} has come
 * back to rest, still or not (the short rest between two movements
 * of a pair, which the 4-Hz orientation's ringing and a tremor keep from looking still for long). A
 * movement that has lasted {@link #LONG_S} (a leg wandering in wake) ends only after
 * {@link #LONG_STOP_S} still or back, so its slow passages do not cut it up; one that ends back at its rest
 * but was still moving there after {@link #BACK_S} passed its rest rather than resting at it, and says
 * so ({@link Span#passedRest()}: the next piece may continue it). A movement whose limb was found
 * still away from its rest and has lain in that place since (within {@link #HELD_G}, its departure
 * within {@link #STILL_G}) ends where it first lay still there, however often a noisy or coarse
 * sensor restarted its still time since, or gave the place up by a swing of its departure that came
 * back (found still there again by the same test). A short movement whose limb lay there for {@link #SETTLED_S}
 * and then leaves it further out with a fresh onset ramp (the envelope over its onset threshold within
 * {@link #RAMP_S}) ends there too: the foot had settled, and a new movement starts. One that leaves it
 * with such a ramp sideways or back but not straight back toward its rest ({@link #RETURN_COS}) is
 * judged where the limb stops next: back at the settled place (as any movement's stop is judged against
 * the rest it left), however far the next movement's excursion has widened the first rest's settle band,
 * it was the next movement, out from the settled place and back; the first ended where it lay, and both
 * close then. A short movement
 * whose raw samples (a {@link #RAW_MEAN_S} mean, which a fast return's acceleration does not outlast as
 * it does the 4-Hz orientation) have lain still back in its band for {@link #BACK_S} has come back
 * there; after any return to the rest the envelope, which still averages the return, opens nothing
 * for its window. Onset thresholds rise with the noise floors of both channels. Mutable.
 */
final class MotionGate {
    /** Orientation change within which a limb counts as still, g (a sixth of a degree). */
    static final double STILL_G = 0.004;
    /** Orientation change within which a limb counts as held in place, respiration and all, g. */
    static final double HELD_G = 0.010;
    /**
     * A movement that has gone on this long is a long one (wake, a restless leg), s. A leg movement of
     * a PLM series moves and comes back within a few seconds; one still under way after 3 s may be a
     * slow wandering movement that passes near where it was, slowly enough to look still for a moment.
     */
    static final double LONG_S = 3;
    /**
     * A long movement pausing, or passing near its rest, ends only after this long still or back, s.
     * (2.5 s cut fewer wandering movements on the tuning families but let a long movement swallow a
     * leg movement that follows its end closely: see docs/detector.md, "accel-2.4 on the families".)
     */
    static final double LONG_STOP_S = 2;
    /**
     * A limb back within the band of {@link #BACK_FRACTION} around the rest it left for this long has
     * come back to rest, s: WASM's half second less the 4-Hz orientation's settling at each end of the rest.
     */
    static final double BACK_S = 0.35;
    /**
     * The band around the rest a movement left within which the limb counts as back, as a share of the
     * movement's largest departure (never under the tilt onset threshold; accel-2.3: that threshold
     * alone). A large fast return decelerates the sensor by tens to hundreds of mg and the 4-Hz
     * orientation rings for 0.1-0.2 s after it, so in a 0.5-s rest between the two movements of a
     * pair the orientation is within 9 mg of the rest for less than {@link #BACK_S}; a wider band for a
     * larger movement finds that rest. A dip turns back at 0.3-0.6 of the tilt, well outside it.
     */
    static final double BACK_FRACTION = 0.15;
    /**
     * A short movement's limb back within the band that leaves it for no longer than this and comes
     * back has not moved again, s: after a large fast return the 4-Hz orientation overshoots and rings
     * (a half period of 4 Hz is 0.125 s), and at the band's edge one step of the gate (0.04 s) can
     * fall just outside it, while a limb that moves again ramps for 0.3 s or more. Without it, the
     * 0.5-s rest of a large fast pair was cut to under {@link #BACK_S} and the pair merged
     * (docs/detector.md, "accel-2.6 (pairs)"); 0.1 s lost movements on the tuning nights.
     * Only where the band is set by the movement's size (over 60 mg at the default 9-mg tilt
     * threshold): there the ringing comes from a large return's deceleration, while a small
     * movement's band is the onset threshold itself, and a limb past it has moved by as much as
     * starts a movement (applied to every movement, this cut one more long wandering movement into
     * candidates in {@code KinematicAccuracyTest}). Long movements (over {@link #LONG_S}) keep the
     * plain rule: their stop is the long-stop logic's.
     */
    static final double BACK_RING_S = 0.05;
    /**
     * Length of the raw samples' mean that says where a limb between two short movements lies, s. A
     * limb at rest reads gravity alone, and a mean over a short window forgets a fast movement's
     * tangential acceleration (hundreds of mg at the sensor) the moment the window has passed it,
     * while the 4-Hz orientation, an infinite-response low-pass, decays from it over 0.15-0.25 s (the
     * larger the acceleration against the band of "back", the longer) and, at the other end, leaves the
     * band as the next movement's acceleration arrives: in the 0.5-0.65-s rest of a large fast pair it
     * was back for 0.2-0.32 s only, under {@link #BACK_S}, and the pair merged (docs/detector.md,
     * "accel-2.8", change 2). 0.1 s lags the limb about as much as the 4-Hz orientation (0.05 s)
     * and averages its noise to about a milligram.
     */
    static final double RAW_MEAN_S = 0.1;
    /**
     * How far apart two readings of a limb lying still can be, in steps of the sensor's quantisation
     * ({@link SensorStep}): a quantised axis whose true value sits near a boundary between two of its
     * levels reads one or the other as the noise and respiration nudge it, a whole step apart however
     * small the nudge, and all three axes can do so at once: one step on each, sqrt(3) steps in all.
     * Below that a reading cannot tell a limb that moved from one that lay still. For a 1-mg sensor this
     * is under {@link #STILL_G} and changes nothing; a 3.9-mg sensor (the ADXL345 at full resolution)
     * reads 6.8 mg.
     */
    static final double STILL_STEPS = Math.sqrt(3);
    /**
     * Time constant of the idle rest's average, s (accel-2.2: 2 s, accel-2.3: 8 s): long enough that a
     * leg creeping away from its rest over several seconds (a slow wandering movement, a degree in
     * 5-10 s) is not followed by the rest and so starts a movement; 8 s started one false movement
     * more on the worst tuning night, which 4 s and 6 s do not (6 s cuts one long movement fewer);
     * respiration's sway (0.2-0.33 Hz) averages out either way.
     */
    private static final double REST_TAU_S = 6.0;
    /** The rest follows the orientation this long ago, s: a slow onset must not drag it along. */
    private static final double REST_LAG_S = 0.5;

    /**
     * A closed span. Times are those of the channels (both lag the limb by their filters' delay).
     *
     * @param onsetS     first sample above an onset threshold, s
     * @param offsetS    start of the half second that ended it, s
     * @param peakG      largest envelope, g
     * @param rmsG       RMS envelope, g
     * @param peakTiltG  largest departure of the orientation from the rest it left, g
     * @param restBefore the rest the movement left (unit: g, 3 values)
     * @param restAfter  where the limb stopped (g, 3 values)
     * @param offThreshold the envelope offset threshold in force, g
     * @param passedRest  a long movement (over {@link #LONG_S}) ended back within the band of its rest,
     *                    but the limb moved by more than {@link #STILL_G} after it had been back for
     *                    {@link #BACK_S} (when the tail of a return is over): it wandered past where it
     *                    rested rather than coming to rest there (a wandering movement's via-point near
     *                    its rest)
     */
    record Span(double onsetS, double offsetS, double peakG, double rmsG, double peakTiltG,
                double[] restBefore, double[] restAfter, double offThreshold, boolean passedRest) {
    }

    /** Receives each closed span. */
    interface Handler {
        void span(Span s);
    }

    private final DetectorConfig cfg;
    private final Handler handler;
    /**
     * How long the channels must stay quiet to end a movement, s: WASM's half second less the
     * envelope's window, by which the envelope's smoothing shortens a quiet stretch between two
     * movements (without it, two movements 0.5 s apart would be read as one).
     */
    private final double stillNeedS;
    private final double alpha;
    private final double cosPosture;
    /**
     * The lag line of the slow orientation, one array per axis, and the rest in scalars: the idle
     * path reads and writes both at every sample (rows of a 2-D array and a 3-element array cost a
     * load and a range check more each time, a few percent of the pipeline).
     */
    private final float[] lagX;
    private final float[] lagY;
    private final float[] lagZ;
    private int lagPos;
    private int lagFill;

    private final NoiseFloor envFloor = new NoiseFloor();
    private final NoiseFloor tiltFloor = new NoiseFloor();
    /**
     * The onset thresholds in force, g: functions of the floors, recomputed when a floor changes (at
     * most once a second) instead of at every sample.
     */
    private double onE;
    private double onD;
    private double restX;
    private double restY;
    private double restZ;
    private boolean restSet;

    private boolean active;
    private double onset;
    private final double[] rest0 = new double[3];
    private double peak;
    private double sumSq;
    private int n;
    private double peakTilt;
    private double offE;
    private final double[] anchor = new double[3];
    private double stillSince;
    private final double[] holdAnchor = new double[3];
    private double holdSince;
    private boolean holding;
    /**
     * Where the limb lies held ({@link Place#from} NaN when it is not): first found still away from its
     * rest ({@link #holding}), or, in a long movement's {@link #LONG_STOP_S} wait, still where it would end
     * (near its rest or settled a little away), in the place it still lies in; given up once it moves
     * more than {@link #HELD_G} from that place or its slow departure changes by more than
     * {@link #STILL_G} (a slow wandering movement, slow enough to look still for half a second, creeps out
     * or back; the slow orientation (1 Hz) carries a fraction of the 4-Hz one's noise, so this holds on a
     * noisy sensor). A noisy sensor and a coarse step move the 4-Hz orientation by more than
     * {@link #STILL_G} now and then (a 3.9-mg step on one axis, or 400 ug/sqrt(Hz) of noise, is most of
     * it), which restarts the still time again and again while the limb lies where it stopped; without
     * this the movement then ends where the last restart was, up to {@code holdMaxS} late (long enough to
     * be taken for a long, non-candidate movement), instead of where the limb stopped.
     */
    private final Place held = new Place();
    /**
     * A short movement's limb that has lain in one place away from its rest ({@link #held}) this
     * long, s, and then leaves it, may be starting a new movement ({@link #RAMP_S}). A foot that settled
     * further from its rest than the settle band lies still there for seconds before the next movement
     * of a series (5-15 s onset to onset on a dense night), so 1-2.5 s gave the same figures on the
     * tuning families; under the envelope and outward guards the time alone does not decide.
     */
    static final double SETTLED_S = 1.5;
    /**
     * After the limb left a place it had lain in for {@link #SETTLED_S}, how long the vibration
     * envelope has to reach its onset threshold for the leaving to count as a new movement's onset, s.
     * The envelope (the 4-Hz less the 1-Hz orientation) is a rate: a fresh minimum-jerk onset ramp of
     * 0.3-2 s drives it over the threshold within its first second, while a held leg's drift or a slow
     * wandering movement (a degree in several seconds) leaves it near the floor. Only the rate tells
     * them apart: at 0.7 of the threshold one small movement of {@code KINEMATIC_SMALL} was cut in two.
     */
    static final double RAMP_S = 1.0;
    /**
     * The leaving counts as a new movement only this close in direction to further out (cosine between
     * the way it leaves the place and the way from the rest to that place): a new dorsiflexion from a
     * settled foot turns the shank the same way again, while the end of a held movement turns it back,
     * and may go on past the rest's side when the foot settles across it (a return that leaves sideways
     * can look outward to the departure alone). At 0 (any way but back) {@code KINEMATIC_DENSE} had one
     * false detection more.
     */
    static final double OUTWARD_COS = 0.5;
    /**
     * A fresh onset ramp out of a settled place heads back toward the rest the movement left when its
     * direction is this close to straight back (cosine, as {@link #OUTWARD_COS}'s, at or under this):
     * a held leg's return, or a dip part-way through a hold, retraces the way the limb went out, so
     * such a leaving is never taken for a new movement. A new movement of a foot that settled away
     * turns the shank whichever way its muscles do, unrelated to where the foot settled, so most
     * leave sideways or further out, where {@link #OUTWARD_COS} alone cannot tell them yet.
     */
    static final double RETURN_COS = -0.5;
    /**
     * When the open movement's limb was first found still away from its rest ({@link #held}'s first
     * value), s; NaN before. Whether a movement was short (its limb stopped under {@link #LONG_S} after
     * the onset) is judged on this, not on the place it lies in now: on a rough sensor the noise, a
     * tremor or a coarse step moves the slow departure by more than {@link #STILL_G} now and then, which
     * gives up the held place and finds it again seconds later, long after the onset.
     */
    private double firstHeldS = Double.NaN;
    /**
     * The first held place given up since the limb last lay still, while the limb has stayed within
     * {@link #HELD_G} of it with the envelope under its onset threshold ({@link #lostStayed}). A rough
     * sensor (3.9-mg steps, 400 ug/sqrt(Hz)) swings the slow departure by {@link #STILL_G} now and then
     * while the limb lies still, which gives the place up; such a swing has no direction and comes back,
     * while a creep (a slow movement's last part, a degree in several seconds) goes on the way it went. A
     * limb found still there again by the very test that held it, its departure back within
     * {@link #STILL_G} of the place's, had lain there all along: the place is held again with the time the
     * limb first lay there ({@link #holdWhereStill}).
     */
    private final Place lost = new Place();
    /**
     * Whether a given-up place is recorded and the limb has neither left {@link #HELD_G} of it nor made
     * an onset ramp (the envelope over its onset threshold) since: a new movement or a real move does one
     * or the other.
     */
    private boolean lostStayed;
    /** When the limb last left a place it had lain in for {@link #SETTLED_S} (s; -inf: not since the onset). */
    private double leftSettledS = Double.NEGATIVE_INFINITY;
    /** That place, as it was held. */
    private final Place leftSettled = new Place();
    /**
     * A short movement's limb left a place it had lain in for {@link #SETTLED_S} with a fresh onset
     * ramp that did not head back to the rest ({@link #RETURN_COS}) and not clearly further out: whether
     * it was a new movement is told by where the limb stops next ({@link #track}).
     */
    private boolean splitPending;
    /** Whether the leaving of the place last left ({@link #leftSettledS}) has been judged yet. */
    private boolean leaveJudged;
    /** The open movement's extent when the limb left the settled place: the first movement's, should it split there. */
    private final Extent atLeave = new Extent();
    /** The extent since the limb left it (departure from that place): the new movement's, should it be one. */
    private final Extent sinceLeave = new Extent();
    /** Since when the fast orientation has been back within the band of {@link #BACK_FRACTION} around the rest, s; NaN when it is not. */
    private double backSince = Double.NaN;
    /**
     * Since when the raw samples' short mean ({@link #RAW_MEAN_S}) has lain still (within {@link #STILL_G}
     * of {@link #rawPlace}) back within the band around the rest, after it had been out of that band
     * since the onset, s; NaN when it is not.
     */
    private double rawBackSince = Double.NaN;
    /** Where the raw mean lay at {@link #rawBackSince} (g, 3 values). */
    private final double[] rawPlace = new double[3];
    /**
     * The radius within which the raw mean counts as still at {@link #rawPlace}, g: {@link #STILL_G}, or
     * {@link #STILL_STEPS} of the sensor's step when that is more ({@link #sensorStep}).
     */
    private double rawStillG = STILL_G;
    /** Whether the raw mean has been out of the band around the rest since the onset. */
    private boolean rawLeft;
    /**
     * Until when an idle envelope over its threshold opens nothing, s: the envelope's window after a
     * movement that ended back at its rest ({@link #backAt}).
     */
    private double envQuietUntil = Double.NEGATIVE_INFINITY;
    /** When the fast orientation last left the band around the rest after being back, s (-inf: not since the onset). */
    private double leftBackS = Double.NEGATIVE_INFINITY;
    /** The {@link #backSince} it had then, s. */
    private double leftBackSince = Double.NaN;

    /**
     * @param cfg     thresholds and rules ({@link DetectorConfig})
     * @param rateHz  the rate {@link #accept} is called at, Hz (10-1000): the detector steps the gate on
     *                every k-th sample only (about 25 Hz), and every time here is in seconds, so the
     *                rules mean the same at any step
     * @param handler receives each closed span, on the caller's thread
     */
    MotionGate(DetectorConfig cfg, double rateHz, Handler handler) {
        this.cfg = cfg;
        this.handler = handler;
        this.alpha = 1 - Math.exp(-1 / (REST_TAU_S * rateHz));
        this.cosPosture = Math.cos(Math.toRadians(cfg.postureTiltDeg()));
        this.stillNeedS = Math.max(0.5 * cfg.quietS(), cfg.quietS() - cfg.envelopeS());
        int l = Math.max(1, (int) Math.round(REST_LAG_S * rateHz));
        lagX = new float[l];
        lagY = new float[l];
        lagZ = new float[l];
        onE = envOnset();
        onD = tiltOnset();
    }

    /**
     * The sensor's quantisation step, as measured on its samples ({@link SensorStep}; 0: unknown).
     * A short movement's limb back at its rest is found still there on the raw samples' short mean
     * ({@link #RAW_MEAN_S}: 2-10 samples), which a quantised sensor moves by up to a step per axis while
     * the limb lies still (each axis toggling between two levels): on a 3.9-mg sensor a toggle on two
     * axes (5.5 mg) is more than {@link #STILL_G} and restarted the time back again and again, so a pair
     * whose rest the 4-Hz orientation could not find either (it rings after the return) was read as one
     * movement (one merged pair fewer each on {@code KINEMATIC_SMALL}, {@code _PAIRS} and {@code _ROUGH}
     * with the floor). So that test's radius is floored at what the sensor can resolve,
     * {@link #STILL_STEPS} steps.
     *
     * @param stepG the step, g (>= 0)
     */
    void sensorStep(double stepG) {
        rawStillG = Math.max(STILL_G, STILL_STEPS * stepG);
    }

    /**
     * @return the radius within which the raw samples' short mean counts as a limb lying still, g:
     *         {@link #STILL_G}, or {@link #STILL_STEPS} of the sensor's step when that is more
     */
    double rawStillG() {
        return rawStillG;
    }

    /** @return the envelope's onset threshold for the current floor, g */
    private double envOnset() {
        return Math.max(cfg.onThresholdG(), cfg.onFactor() * envFloor.value());
    }

    /** @return the orientation's onset threshold (departure across the rest) for the current floor, g */
    private double tiltOnset() {
        return Math.max(cfg.tiltOnG(), cfg.onFactor() * tiltFloor.value());
    }

    /** @return onset of the open movement (channel time), NaN when idle */
    double openOnset() {
        return active ? onset : Double.NaN;
    }

    /** The signal broke off: forget any open movement (its end is unknowable) and the rest; keep the floors. */
    void reset() {
        active = false;
        restSet = false;
        lagFill = 0;
        lagPos = 0;
        envFloor.cut();
        tiltFloor.cut();
    }

    /**
     * @param t   time, s
     * @param env vibration envelope, g (>= 0)
     * @param gx  orientation (low-passed acceleration), g
     * @param gy  orientation, g
     * @param gz  orientation, g
     * @param raw the mean of the raw samples over the last {@link #RAW_MEAN_S}, g (3 values; read only
     *            while a movement is open)
     */
    void accept(double t, double env, double fx, double fy, double fz, double gx, double gy, double gz, double[] raw) {
        // Idle at nearly every sample: this method and idle() stay small enough for the compiler to
        // take them into the detector's per-sample step; the open movement's step is a call of its own.
        if (active) {
            track(t, env, fx, fy, fz, gx, gy, gz, raw);
        } else if (idle(t, env, gx, gy, gz)) {
            anchor[0] = holdAnchor[0] = fx;
            anchor[1] = holdAnchor[1] = fy;
            anchor[2] = holdAnchor[2] = fz;
            stillSince = holdSince = t;
            holding = false;
        }
    }

    /** One sample of an open movement: its peaks, and whether it has ended (arguments as {@link #accept}). */
    private void track(double t, double env, double fx, double fy, double fz, double gx, double gy, double gz, double[] raw) {
        double dep = across(gx, gy, gz, rest0);
        if (dep > peakTilt) {
            peakTilt = dep;
        }
        if (env > peak) {
            peak = env;
        }
        sumSq += env * env;
        n++;
        double hx = fx - holdAnchor[0];
        double hy = fy - holdAnchor[1];
        double hz = fz - holdAnchor[2];
        if (hx * hx + hy * hy + hz * hz > HELD_G * HELD_G) {
            holdAnchor[0] = fx;
            holdAnchor[1] = fy;
            holdAnchor[2] = fz;
            holdSince = t;
        } else if (t - holdSince >= cfg.holdMaxS()) {
            close(holdSince, holdAnchor, false); // held away: ended where it stopped
            return;
        }
        if (held.isSet()) {
            if (!near(fx, fy, fz, held.at, HELD_G) || Math.abs(dep - held.dep) > STILL_G) {
                if (t - held.from >= SETTLED_S && firstHeldS - onset < LONG_S) {
                    // A short movement's foot that lay there for seconds: if a fresh onset ramp
                    // follows (below), it settled there and a new movement starts.
                    leftSettledS = t;
                    leaveJudged = false;
                    splitPending = false;
                    atLeave.set(peak, sumSq, n, peakTilt);
                    sinceLeave.set(0, 0, 0, 0);
                    leftSettled.set(held);
                }
                if (!lostStayed) {
                    // The first place given up: a later place found while the limb stays within this
                    // one's hold radius is the same place, re-found after another swing of the noise.
                    lost.set(held);
                    lostStayed = true;
                }
                held.clear(); // it moved on from where it lay, or crept out or back
            } else {
                held.lie(dep);
                if (t - held.from >= cfg.holdMaxS()) {
                    // The limb has lain in this place for as long as a hold may last: held there,
                    // the movement ended when it first lay there. The place is the one first found
                    // (held again after each swing of the sensor's noise that gave it up and came back),
                    // so the limb has stayed within HELD_G of it without an onset ramp all along, as
                    // the hold anchor above asks; but that anchor restarts wherever the reading
                    // happens to cross its radius, and on a rough sensor (3.9-mg steps and a
                    // respiration sway of +-3.5 mg on the departure) it crossed it every few seconds
                    // while the foot lay 55-60 mg out (KINEMATIC_ROUGH seed 240004 @26076: a 1.9-s
                    // movement read as 60 s and rejected as a gross movement).
                    close(held.from, held.at, false);
                    return;
                }
            }
        }
        if (lostStayed && (env > onE || !near(fx, fy, fz, lost.at, HELD_G))) {
            lostStayed = false; // it did move on: a fresh onset ramp, or out of the place's hold radius
        }
        if (leftSettledS > Double.NEGATIVE_INFINITY) {
            sinceLeave.add(env, across(gx, gy, gz, leftSettled.at));
        }
        if (t - leftSettledS <= RAMP_S && env > onE) {
            double out = outward(fx, fy, fz);
            if (dep - leftSettled.dep > STILL_G && out >= OUTWARD_COS) {
                // A fresh onset ramp out of a place where the foot had settled: the movement ended there,
                // and the next one starts now (the idle path opens it from that place).
                held.clear(); // it ended where it lay in the settled place, not where it lies now
                close(leftSettled.from, leftSettled.at, false);
                return;
            }
            if (!leaveJudged) {
                // The first step of the ramp says which way it leaves: straight back is a return.
                leaveJudged = true;
                splitPending = out > RETURN_COS;
            }
        }
        if (leftSettledS > Double.NEGATIVE_INFINITY && leaveJudged && !splitPending && dep > atLeave.peakTilt + onD) {
            // A leaving of a settled place judged a return by its ramp's first step that then carries
            // the limb further from the rest than the movement ever went, by as much as starts a
            // movement from rest: a held leg's return, or a dip part-way through a hold, goes back
            // toward the rest and ends at or short of it, inside the movement's own excursion. This
            // one went out again, a new movement whose first step on a coarse sensor merely pointed
            // back (KINEMATIC_ROUGH seed 240004 @28552: 14 mg toward the rest, then 93 mg out across
            // it, where the first movement went 45 mg, and back to the settled place: read with the
            // movement 26 s before as one of 29.6 s). Whether it was the next movement is then told,
            // as for any leaving not judged a return, by where the limb stops next. (Only a leaving
            // of this movement: the judgement of one in an earlier movement says nothing here.)
            splitPending = true;
        }
        double backG = Math.max(cfg.tiltOnG(), BACK_FRACTION * peakTilt);
        if (!near(raw, rest0, backG)) {
            rawLeft = true;
            rawBackSince = Double.NaN;
        } else if (rawLeft && (Double.isNaN(rawBackSince) || !near(raw, rawPlace, rawStillG))) {
            // Back, and still there: a limb at rest reads gravity alone, while a leg that shakes
            // about its rest (a vibration burst with little tilt) passes through the band moving.
            // Still as far as the sensor can tell (rawStillG: a coarse sensor's steps are not moves).
            rawBackSince = t;
            System.arraycopy(raw, 0, rawPlace, 0, 3);
        }
        if (!near(fx, fy, fz, rest0, backG)) {
            if (!Double.isNaN(backSince)) {
                leftBackS = t;
                leftBackSince = backSince;
            }
            backSince = Double.NaN;
        } else if (Double.isNaN(backSince)) {
            // Out of the band for one step only, in the rest after a short large movement: the
            // return's ringing, not a new movement; the time back counts from when it first came back.
            boolean ring = t - leftBackS <= BACK_RING_S && leftBackSince - onset < LONG_S
                    && BACK_FRACTION * peakTilt > cfg.tiltOnG();
            backSince = ring ? leftBackSince : t;
        } else if (t - backSince >= BACK_S && (backSince - onset < LONG_S || t - backSince >= LONG_STOP_S)) {
            // Back at the rest it left. A long movement still moving there once it had been back for
            // BACK_S (the last of a return is over by then) passed its rest rather than resting at it.
            backAt(t);
            close(backSince, new double[]{fx, fy, fz}, backSince - onset >= LONG_S && stillSince > backSince + BACK_S);
            return;
        } else if (t - rawBackSince >= BACK_S && rawBackSince - onset < LONG_S) {
            // A short movement's limb whose raw samples have lain back at its rest for BACK_S, the
            // 4-Hz orientation back there too now: it came back when the raw samples did, and the
            // 4-Hz orientation's time back was cut short by its decay from the return's acceleration.
            backAt(t);
            close(rawBackSince, new double[]{fx, fy, fz}, false);
            return;
        }
        if (!near(fx, fy, fz, anchor, STILL_G)) {
            anchor[0] = fx;
            anchor[1] = fy;
            anchor[2] = fz;
            stillSince = t;
            holding = false;
            return;
        }
        if (holding && t - stillSince >= cfg.holdMaxS()) {
            // Still where it stopped, away from its rest, for as long as a hold may last: held there.
            // (The hold anchor above may sit where the limb passed on its way, up to 10 mg from where
            // it stopped, so that respiration's sway can restart its clock again and again.)
            close(stillSince, anchor, false);
            return;
        }
        if (holding || t - stillSince < stillNeedS) {
            return;
        }
        double sx = anchor[0] - rest0[0];
        double sy = anchor[1] - rest0[1];
        double sz = anchor[2] - rest0[2];
        double away = Math.sqrt(sx * sx + sy * sy + sz * sz);
        if (splitPending && stillSince - leftSettledS < LONG_S && backAtSettledPlace()) {
            // The limb that left a settled place with a fresh onset ramp has stopped back there (the
            // next movement, as judged below): that movement is as long as the time since it left the
            // place, here under LONG_S, so it ends as a short one does, however long ago the first
            // movement's onset was. A leg movement of a series is short; only the open span's start
            // made it look long. Waited for as a long movement's stop (2 s within STILL_G, about one
            // step of a 3.9-mg sensor), its end was restarted by single steps of the sensor while the
            // foot lay still, and both movements were read as one of 13.8 s (KINEMATIC_ROUGH seed
            // 240004 @11315: 2.2 s and 2.5 s, 9 s apart).
            closeSettledAndNext();
            return;
        }
        if (stillSince - onset >= LONG_S && t - stillSince < LONG_STOP_S) {
            // A long movement wanders, slows and pauses; only a longer stop ends it. If the limb lies
            // still where it would end (near its rest, or settled a little away), it stopped there now,
            // as a limb held away does: a noisy or coarse sensor (a 3.9-mg step, a tremor) restarts the
            // 4-mg still time during the long stop's wait now and then, and the movement then ended
            // where the last restart was, seconds after the limb stopped (a PLM read as over 10 s:
            // `KINEMATIC_ROUGH` seed 240004, 3.7 s read as 11.1 s). The place is given up, as when
            // held, once the limb moves by HELD_G from it or its departure changes by STILL_G.
            // A short movement's limb already found held away ({@link #firstHeldS}) is held wherever
            // it lies still, in or out of the band: on a rough sensor the noise gives up its held place
            // again and again and restarts the still time before LONG_STOP_S, so the long stop's wait
            // alone would never find it again, and the next movement's onset ramp then came too late
            // after the last leaving to be judged as a leaving of the place (`KINEMATIC_ROUGH` seed
            // 240003: two movements 9 s apart read as one of 22.6 s). Where it lies still at the place
            // given up, that place is held again ({@link #holdWhereStill}).
            if (!held.isSet() && stillSince > onset
                    && (away <= Math.max(cfg.tiltOnG(), cfg.settleFraction() * peakTilt) || firstHeldS - onset < LONG_S)) {
                holdWhereStill(dep);
            }
            return;
        }
        if (splitPending && backAtSettledPlace()) {
            // The limb that left a settled place has stopped back at that place by the rule that ends
            // any movement (within the settle band of its departure from there): a leg movement goes
            // out from where it lies and comes back near it, so this one went out from the settled
            // place. The foot had settled there, and this was the next movement. (A held leg's return
            // ends near the rest it left, a whole departure away from where it was held.) Judged
            // before the first rest's settle band: that band has grown with the next movement's
            // excursion (the departure from the first rest takes in the sideways one), so a large
            // next movement would widen it over the settled place and read both as one movement
            // that settled there, although the foot lay still there before the next one began.
            closeSettledAndNext();
        } else if (away <= Math.max(cfg.tiltOnG(), cfg.settleFraction() * peakTilt)) {
            close(stillSince, anchor, false); // back, or settled a little away
        } else if (cos(anchor, rest0) <= cosPosture) {
            close(stillSince, anchor, false); // turned: a posture change, judged later
        } else {
            holding = true;
            // Only a limb seen to move after the onset can have stopped: one still since the onset
            // (a creep too slow for the 4-Hz orientation to leave STILL_G) gives no stop to keep.
            if (!held.isSet() && stillSince > onset) {
                holdWhereStill(dep);
            }
        }
    }

    /**
     * The limb lies still where it stopped ({@link #anchor}, since {@link #stillSince}): that is the
     * place it is held in ({@link #held}), with its departure from the rest then.
     * If it lies at the place last given up ({@link #lost}) by the test that holds a place (within
     * {@link #HELD_G} of it, its departure within {@link #STILL_G} of the place's) and has not moved on
     * since ({@link #lostStayed}), that place is held again, from when the limb first lay there: what
     * gave it up was a swing of the sensor's noise that came back, not the limb. A creep's departure
     * does not come back: `KINEMATIC_SMALL` seed 110005, an 18-mg movement of 4.3 s found still 0.12 s
     * after its onset that crept 4 mg further out over the next 4 s, was read as 0.7 s (and rejected)
     * when a place re-found within 6 x the envelope's floor was taken for the one given up. The place
     * given up, not the one where the noise let the limb be found still again, stays the reference:
     * re-found places would otherwise walk with each swing, and with a creep.
     *
     * @param dep the slow orientation's departure from the rest now, g
     */
    private void holdWhereStill(double dep) {
        if (lostStayed && Math.abs(dep - lost.dep) <= STILL_G && near(anchor, lost.at, HELD_G)) {
            // Held again, the place is measured from the departure the limb lay at there rather than from
            // the one reading when it was first found still: on a rough sensor that reading can sit at
            // one end of a swing, and the next swing the other way then gave the place up again though
            // the limb had not moved (KINEMATIC_DENSE, merged 53 -> 51). The first holding keeps that
            // reading: only a place the noise has already given up once is measured by its mean.
            held.set(lost.from, lost.at, lost.lainDep());
            lostStayed = false;
            return;
        }
        held.set(stillSince, anchor, dep);
        if (Double.isNaN(firstHeldS)) {
            firstHeldS = stillSince;
        }
    }

    /** @return whether a movement started at t */
    private boolean idle(double t, double env, double gx, double gy, double gz) {
        if (!restSet) {
            restAt(gx, gy, gz);
        }
        // The rest follows the orientation of REST_LAG_S ago.
        int len = lagX.length;
        double lx = gx;
        double ly = gy;
        double lz = gz;
        if (lagFill == len) {
            lx = lagX[lagPos];
            ly = lagY[lagPos];
            lz = lagZ[lagPos];
        } else {
            lagFill++;
        }
        lagX[lagPos] = (float) gx;
        lagY[lagPos] = (float) gy;
        lagZ[lagPos] = (float) gz;
        lagPos = lagPos + 1 == len ? 0 : lagPos + 1;
        restX += alpha * (lx - restX);
        restY += alpha * (ly - restY);
        restZ += alpha * (lz - restZ);

        double dep = across(gx, gy, gz, restX, restY, restZ);
        if (envFloor.add(t, env)) {
            onE = envOnset();
        }
        if (tiltFloor.add(t, dep)) {
            onD = tiltOnset();
        }
        if (env > onE && t >= envQuietUntil || dep > onD) {
            open(t, env, dep);
            return true;
        }
        return false;
    }

    /**
     * The movement is found back at its rest at t (s) and ends: for the envelope's window the idle
     * envelope opens nothing. The envelope averages the last {@code envelopeS} of the 4-Hz less the
     * 1-Hz orientation, so when the limb is found back it still holds the return itself (1.5-5 times its
     * onset threshold in the rest of a fast pair), and the gate reopened at once, in the rest: the next
     * movement's onset was then walked back from there into the one before. A limb that moves again
     * still opens the gate by its departure from the rest at once, and by the envelope once the window
     * holds only what came after the return.
     */
    private void backAt(double t) {
        envQuietUntil = t + cfg.envelopeS();
    }

    /** The rest is (x, y, z), g: the first sample after a start or a gap. */
    private void restAt(double x, double y, double z) {
        restX = x;
        restY = y;
        restZ = z;
        restSet = true;
    }

    /** A movement starts at t, with envelope {@code env} and departure {@code dep} (g), from the current rest. */
    private void open(double t, double env, double dep) {
        active = true;
        backSince = Double.NaN;
        leftBackS = Double.NEGATIVE_INFINITY;
        rawBackSince = Double.NaN;
        rawLeft = false;
        onset = t;
        rest0[0] = restX;
        rest0[1] = restY;
        rest0[2] = restZ;
        peak = env;
        sumSq = env * env;
        n = 1;
        peakTilt = dep;
        held.clear();
        leftSettledS = Double.NEGATIVE_INFINITY;
        splitPending = false;
        firstHeldS = Double.NaN;
        lostStayed = false;
        offE = Math.max(cfg.offThresholdG(), cfg.offFactor() * envFloor.value());
    }

    /**
     * @return whether the limb's still place ({@link #anchor}) is back at the settled place it last
     *         left ({@link #leftSettled}): within the larger of the tilt onset threshold and
     *         {@code settleFraction} of its largest departure from there, as any movement's stop is
     *         judged against the rest it left
     */
    private boolean backAtSettledPlace() {
        double band = Math.max(cfg.tiltOnG(), cfg.settleFraction() * sinceLeave.peakTilt);
        return near(anchor, leftSettled.at, band);
    }

    /**
     * Closes the open movement where its limb lay in the settled place ({@link #leftSettled}) and
     * the next one, from its leaving that place ({@link #leftSettledS}) to where it stopped now: two
     * spans, in onset order, the second starting from the settled place as its rest.
     */
    private void closeSettledAndNext() {
        double off = leftSettled.from;
        handler.span(new Span(onset, off, atLeave.peak, Math.sqrt(atLeave.sumSq / Math.max(1, atLeave.n)),
                atLeave.peakTilt, rest0.clone(), leftSettled.at.clone(), offE, false));
        onset = leftSettledS;
        peak = sinceLeave.peak;
        sumSq = sinceLeave.sumSq;
        n = sinceLeave.n;
        peakTilt = sinceLeave.peakTilt;
        System.arraycopy(leftSettled.at, 0, rest0, 0, 3);
        held.clear();
        close(stillSince, anchor, false);
    }

    /**
     * @return the cosine between the way the limb has moved from the place it left ({@link
     *         #leftSettled}) to the fast orientation (fx, fy, fz; g) and the way from the rest it
     *         left to that place: 1 further out, -1 back (0 when either is zero)
     */
    private double outward(double fx, double fy, double fz) {
        double[] at = leftSettled.at;
        double mx = fx - at[0];
        double my = fy - at[1];
        double mz = fz - at[2];
        double ox = at[0] - rest0[0];
        double oy = at[1] - rest0[1];
        double oz = at[2] - rest0[2];
        double nm = Math.sqrt(mx * mx + my * my + mz * mz);
        double no = Math.sqrt(ox * ox + oy * oy + oz * oz);
        return nm == 0 || no == 0 ? 0 : (mx * ox + my * oy + mz * oz) / (nm * no);
    }

    private void close(double offsetS, double[] stoppedAt, boolean passedRest) {
        active = false;
        double[] after = stoppedAt.clone();
        // A limb that has lain in one place (within HELD_G) since it was first found still there
        // stopped then, whatever restarted the still time since.
        double off = held.isSet() ? Math.min(offsetS, held.from) : offsetS;
        handler.span(new Span(onset, off, peak, Math.sqrt(sumSq / Math.max(1, n)), peakTilt,
                rest0.clone(), after, offE, passedRest));
        // The new rest is where the limb stopped; the lag line restarts from it.
        restX = after[0];
        restY = after[1];
        restZ = after[2];
        restSet = true;
        lagFill = 0;
        lagPos = 0;
    }

    /**
     * The part of the orientation across the rest direction, g: a turn of the shank moves gravity
     * across it (17 mg per degree), while a change of the sensor's gain (a loosening strap) only
     * scales it along.
     */
    static double across(double gx, double gy, double gz, double[] r) {
        return across(gx, gy, gz, r[0], r[1], r[2]);
    }

    /**
     * {@link #across(double, double, double, double[])} with the rest direction in scalars.
     *
     * @param gx orientation, g
     * @param gy orientation, g
     * @param gz orientation, g
     * @param rx rest direction, g
     * @param ry rest direction, g
     * @param rz rest direction, g
     * @return the part of the orientation across the rest, g (>= 0; 0 when the rest is the zero vector)
     */
    static double across(double gx, double gy, double gz, double rx, double ry, double rz) {
        double nr = Math.sqrt(rx * rx + ry * ry + rz * rz);
        if (nr == 0) {
            return 0;
        }
        double along = (gx * rx + gy * ry + gz * rz) / nr;
        double g2 = gx * gx + gy * gy + gz * gz;
        return Math.sqrt(Math.max(0, g2 - along * along));
    }

    /** @return whether (x, y, z) and b (g) lie within {@code g} of each other */
    private static boolean near(double x, double y, double z, double[] b, double g) {
        double dx = x - b[0];
        double dy = y - b[1];
        double dz = z - b[2];
        return dx * dx + dy * dy + dz * dz <= g * g;
    }

    /** @return whether a and b (g, 3 values each) lie within {@code g} of each other */
    private static boolean near(double[] a, double[] b, double g) {
        double x = a[0] - b[0];
        double y = a[1] - b[1];
        double z = a[2] - b[2];
        return x * x + y * y + z * z <= g * g;
    }

    private static double cos(double[] a, double[] b) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        double nb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        return na == 0 || nb == 0 ? 1 : dot / (na * nb);
    }

    /**
     * A place the limb lay still in: since when, where (the 4-Hz orientation then, g) and at what slow
     * departure from the rest (g), with the departures read while it has lain there since.
     */
    private static final class Place {
        /** Since when the limb has lain there, s; NaN: no place. */
        double from = Double.NaN;
        /** Where (g, 3 values). */
        final double[] at = new double[3];
        /**
         * The slow orientation's departure from the rest when the limb was found still there, g: a limb
         * whose departure then changes by more than {@link #STILL_G} was creeping out or back, not lying
         * there.
         */
        double dep;
        /**
         * The sum of the departures (g) read while the limb has lain there (within {@link #HELD_G} of
         * it, its departure within {@link #STILL_G} of {@link #dep}), and their count: their mean is the
         * departure the limb lies at, which the one reading when it was found still there can miss by
         * half a swing of a rough sensor's noise (2-3 mg on {@code KINEMATIC_ROUGH}).
         */
        private double lainSum;
        private int lainN;

        boolean isSet() {
            return !Double.isNaN(from);
        }

        void clear() {
            from = Double.NaN;
        }

        /** Holds the limb at {@code at} since {@code from} (s), at departure {@code dep} (g); nothing lain yet. */
        void set(double from, double[] at, double dep) {
            this.from = from;
            System.arraycopy(at, 0, this.at, 0, 3);
            this.dep = dep;
            lainSum = 0;
            lainN = 0;
        }

        /** Copies {@code p}, the departures lain there included. */
        void set(Place p) {
            set(p.from, p.at, p.dep);
            lainSum = p.lainSum;
            lainN = p.lainN;
        }

        /** One more reading of the slow departure (g) while the limb lies there. */
        void lie(double dep) {
            lainSum += dep;
            lainN++;
        }

        /** @return the departure the limb lay at there (the mean of the readings; {@link #dep} before any), g */
        double lainDep() {
            return lainN > 0 ? lainSum / lainN : dep;
        }
    }

    /**
     * How large a stretch of an open movement was: its peak envelope (g), the sum of squares and count
     * of the envelope (for its RMS), and its largest departure from where it started (g). Mutable and
     * reused: the gate allocates nothing per sample.
     */
    private static final class Extent {
        double peak;
        double sumSq;
        int n;
        double peakTilt;

        void set(double peak, double sumSq, int n, double peakTilt) {
            this.peak = peak;
            this.sumSq = sumSq;
            this.n = n;
            this.peakTilt = peakTilt;
        }

        /** One gate step: envelope env and departure tilt, g. */
        void add(double env, double tilt) {
            if (env > peak) {
                peak = env;
            }
            sumSq += env * env;
            n++;
            if (tilt > peakTilt) {
                peakTilt = tilt;
            }
        }
    }
}
