package org.plmmonitor.analysis.time;


import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalsTest {
    private static TimeInterval iv(double a, double b) {
        return new TimeInterval(a, b);
    }

    @Test
    void unionJoinsOverlappingAndTouchingIntervals() {
        assertEquals(List.of(iv(0, 5), iv(6, 9)), Intervals.union(List.of(iv(6, 7), iv(3, 5), iv(0, 3), iv(1, 2), iv(6.5, 9))));
        assertEquals(List.of(), Intervals.union(List.of()));
    }

    @Test
    void intersectionMeasureAndMembership() {
        List<TimeInterval> x = List.of(iv(0, 10), iv(20, 30));
        List<TimeInterval> y = List.of(iv(5, 25));
        assertEquals(List.of(iv(5, 10), iv(20, 25)), Intervals.intersect(x, y));
        assertEquals(20.0, Intervals.totalS(x));
        assertTrue(Intervals.contains(x, 0));
        assertFalse(Intervals.contains(x, 10), "end excluded");
        assertTrue(Intervals.contains(x, 29.999));
        assertFalse(Intervals.contains(x, 15));
    }
}
