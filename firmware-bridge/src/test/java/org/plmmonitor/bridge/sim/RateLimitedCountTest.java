package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimitedCountTest {
    static final long S = 1_000_000_000L;

    @Test
    void theFirstGoesOutAtOnceLaterOnesCarryTheCountOncePerInterval() {
        RateLimitedCount c = new RateLimitedCount(S);
        assertEquals(0, c.take(0), "nothing pending");
        c.add();
        assertEquals(1, c.take(10));
        for (int i = 0; i < 500; i++) {
            c.add();
            assertEquals(0, c.take(10 + i * 1_000_000L), "within the second after a report");
        }
        assertEquals(500, c.take(10 + S));
        assertEquals(0, c.take(10 + 3 * S));
    }
}
