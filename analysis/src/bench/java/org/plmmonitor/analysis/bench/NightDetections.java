package org.plmmonitor.analysis.bench;

import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.sim.NightScore;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline found on a generated night, analysed as {@link NightScore#analyse} does: the
 * accepted one-leg movements and the rejected bursts with their verdicts, in the order emitted. The
 * diagnostic benches read a night through this instead of each collecting it with a listener of its own.
 *
 * @param movements  accepted one-leg movements, any legs
 * @param rejections rejected bursts
 */
public record NightDetections(List<LegMovement> movements, List<Rejection> rejections) {
    /**
     * A burst the detector rejected.
     *
     * @param leg    its leg
     * @param span   where it was, s on the night's line
     * @param reason the verdict's name (TOO_SHORT, VIBRATION, ...)
     */
    public record Rejection(Leg leg, TimeInterval span, String reason) {
    }

    /**
     * @param night the generated night
     * @param cfg   detector parameters
     * @return what the pipeline found on it
     */
    public static NightDetections of(SyntheticNight night, DetectorConfig cfg) {
        List<LegMovement> movements = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        NightScore.analyse(night, cfg, new NightPipeline.Listener() {
            @Override
            public void onMovement(LegMovement m) {
                movements.add(m);
            }

            @Override
            public void onRejected(Leg leg, TimeInterval span, String reason) {
                rejections.add(new Rejection(leg, span, reason));
            }
        });
        return new NightDetections(movements, rejections);
    }
}
