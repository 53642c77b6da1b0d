package org.plmmonitor.monitor.report;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.html.Span;
import org.plmmonitor.monitor.store.ActivitySecond;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivitySpansTest {
    private static final long T0 = 1_780_000_000L;

    private static ActivitySecond s(Leg leg, long i, boolean lying, boolean worn) {
        return new ActivitySecond("2026-07-01", leg, T0 + i, 0.001, lying, worn);
    }

    @Test
    void aSkippedKeyIsNoGapALongerHoleIsAndAnyAnalysableLegCounts() {
        List<ActivitySecond> a = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            if (i == 20 || i == 40 || i == 41 || (i >= 60 && i < 63)) {
                continue; // skips of 1 and 2 s; a 3-s hole at 60
            }
            // left unworn from 80 on, right analysable until 90, then upright
            a.add(s(Leg.LEFT, i, i < 80, i < 80));
            a.add(s(Leg.RIGHT, i, i < 90, true));
        }
        long start = T0 * 1000 + 500; // the night starts half-way into the first second
        ActivitySpans sp = ActivitySpans.of(a, start, (T0 + 100) * 1000);
        assertEquals(List.of(new Span(0, 59.5), new Span(62.5, 89.5)), sp.analysable());
        assertEquals(List.of(new Span(89.5, 99.5)), sp.unworn());
        assertEquals(List.of(new Span(59.5, 62.5)), sp.noSignal());
    }
}
