package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.detect.AccelerometerDetector;
import org.plmmonitor.analysis.detect.DetectorConfig;

import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.Intervals;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One or two legs' detectors and what they found over a whole recording, for offline analysis.
 * Only the movements and a few totals are kept (not the epochs), so memory stays small.
 * The daemon uses the same {@link AccelerometerDetector}s with its own listener.
 */
public final class NightDetection implements DetectionListener {
    private final Map<Leg, AccelerometerDetector> detectors = new EnumMap<>(Leg.class);
    private final List<LegMovement> movements = new ArrayList<>();
    private final Map<Leg, List<TimeInterval>> analysable = new EnumMap<>(Leg.class);
    private final Map<Leg, List<TimeInterval>> gaps = new EnumMap<>(Leg.class);
    private final Map<Leg, double[]> epochSeconds = new EnumMap<>(Leg.class);
    private final DetectionListener downstream;

    /**
     * @param legs       the legs that carry a sensor, with each one's nominal rate in Hz
     * @param cfg        detector parameters
     * @param downstream also receives everything (may be null)
     */
    public NightDetection(Map<Leg, Double> legs, DetectorConfig cfg, DetectionListener downstream) {
        this.downstream = downstream;
        for (Map.Entry<Leg, Double> e : legs.entrySet()) {
            detectors.put(e.getKey(), new AccelerometerDetector(e.getKey(), e.getValue(), cfg, this));
            analysable.put(e.getKey(), new ArrayList<>());
            gaps.put(e.getKey(), new ArrayList<>());
            epochSeconds.put(e.getKey(), new double[Epoch.State.values().length]);
        }
    }

    /** @return the detector (an {@link org.plmmonitor.analysis.signal.AccelerationSink}) for one leg */
    public AccelerometerDetector detector(Leg leg) {
        AccelerometerDetector d = detectors.get(leg);
        if (d == null) {
            throw new IllegalArgumentException("no sensor on leg " + leg + "; legs: " + detectors.keySet());
        }
        return d;
    }

    /** Ends every leg's stream. */
    public void finish() {
        detectors.values().forEach(AccelerometerDetector::finish);
    }

    /** @return every movement found, all legs, in onset order */
    public List<LegMovement> movements() {
        List<LegMovement> out = new ArrayList<>(movements);
        out.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
        return out;
    }

    /** @return one leg's analysable stretches in time order */
    public List<TimeInterval> analysable(Leg leg) {
        return List.copyOf(analysable.get(leg));
    }

    /**
     * Time that counts for rates: with two sensors, time when either leg was analysable (a leg that
     * fell off does not void the other's night; the report states each leg's own time too).
     */
    public List<TimeInterval> analysable() {
        List<TimeInterval> all = new ArrayList<>();
        analysable.values().forEach(all::addAll);
        return Intervals.union(all);
    }

    /** @return the start (last sample before) of every gap on any leg, s, in time order */
    public List<Double> gapStarts() {
        List<Double> out = new ArrayList<>();
        gaps.values().forEach(list -> list.forEach(g -> out.add(g.startS())));
        out.sort(null);
        return out;
    }

    /** @return seconds of each epoch state for one leg (index by {@link Epoch.State#ordinal()}) */
    public double[] secondsByState(Leg leg) {
        return epochSeconds.get(leg).clone();
    }

    /** @return recorded time: last minus first sample over all legs, s (0 if nothing was seen) */
    public double recordedS() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (AccelerometerDetector d : detectors.values()) {
            if (!Double.isNaN(d.firstSampleS())) {
                first = Math.min(first, d.firstSampleS());
                last = Math.max(last, d.lastSampleS());
            }
        }
        return last > first ? last - first : 0;
    }

    @Override
    public void onMovement(LegMovement m) {
        movements.add(m);
        if (downstream != null) {
            downstream.onMovement(m);
        }
    }

    @Override
    public void onAnalysable(Leg leg, TimeInterval interval) {
        analysable.get(leg).add(interval);
        if (downstream != null) {
            downstream.onAnalysable(leg, interval);
        }
    }

    @Override
    public void onRejected(Leg leg, TimeInterval span, String reason) {
        if (downstream != null) {
            downstream.onRejected(leg, span, reason);
        }
    }

    @Override
    public void onGap(Leg leg, TimeInterval gap) {
        gaps.get(leg).add(gap);
        if (downstream != null) {
            downstream.onGap(leg, gap);
        }
    }

    @Override
    public void onEpoch(Leg leg, Epoch epoch) {
        epochSeconds.get(leg)[epoch.state().ordinal()] += epoch.endS() - epoch.startS();
        if (downstream != null) {
            downstream.onEpoch(leg, epoch);
        }
    }
}
