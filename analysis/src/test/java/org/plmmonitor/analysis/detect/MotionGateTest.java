package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gate's return rule on hand-made channels: a limb back near the rest it left ends its movement
 * even when it is not still, within a band that grows with the movement (the rest between the two
 * movements of a large fast pair, where the orientation rings), and not for a small movement that
 * stays as far away.
 */
class MotionGateTest {
    private static final double RATE = 100;
    private final List<MotionGate.Span> spans = new ArrayList<>();
    private final MotionGate gate = new MotionGate(DetectorConfig.DEFAULT, RATE, spans::add);
    private int i;

    /** Feeds the same orientation to both channels (x across the rest (0, 0, 1), g), no vibration, until {@code untilS}. */
    private void feed(double untilS, java.util.function.DoubleUnaryOperator x) {
        for (; i / RATE < untilS; i++) {
            double t = i / RATE;
            double v = x.applyAsDouble(t);
            double z = Math.sqrt(1 - v * v);
            gate.accept(t, 0, v, 0, z, v, 0, z);
        }
    }

    /** Rest, a turn to {@code peakG} and back to {@code backG} from the rest, ringing +-10 mg at 8 Hz for 0.45 s, a second turn, rest. */
    private void pair(double peakG, double backG) {
        feed(30, t -> 0);
        feed(30.5, t -> peakG * Math.sin(Math.PI * (t - 30) / 0.5 / 2));
        feed(30.8, t -> peakG + (backG - peakG) * (t - 30.5) / 0.3);
        feed(31.25, t -> backG + 0.010 * Math.sin(2 * Math.PI * 8 * (t - 30.8)));
        feed(31.75, t -> backG + (peakG - backG) * Math.sin(Math.PI * (t - 31.25) / 0.5 / 2));
        feed(32.25, t -> peakG * (1 - (t - 31.75) / 0.5));
        feed(40, t -> 0);
    }

    @Test
    void aLargeMovementBackWithin15PercentOfItsDepartureForTheBackTimeEndsThereRingingOrNot() {
        pair(0.3, 0.03);
        assertEquals(2, spans.size(), spans.toString());
        assertEquals(30.8, spans.get(0).offsetS(), 0.05);
        assertEquals(31.25, spans.get(1).onsetS(), 0.1);
    }

    @Test
    void aSmallMovementAsFarFromItsRestIsNotBackAndGoesOn() {
        pair(0.04, 0.03);
        assertEquals(1, spans.size(), spans.toString());
        assertEquals(30, spans.get(0).onsetS(), 0.2);
    }
}
