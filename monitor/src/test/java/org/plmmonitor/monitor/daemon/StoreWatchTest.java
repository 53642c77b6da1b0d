package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.plmmonitor.monitor.store.StoreHealth;
import org.plmmonitor.monitor.store.StoreState;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreWatchTest {
    private static final long T0 = 1_782_000_000_000L;

    private static StoreHealth health(StoreState s, long droppedRaw, long droppedActivity) {
        return new StoreHealth(s, s == StoreState.OK ? "" : "disk full", null, 0, droppedRaw, droppedActivity, 0, 0, 0, 0);
    }

    @Test
    void aSpellOfFullDiskIsSaidOnceWhenSpaceReturnsWithWhatItCost() {
        StoreWatch w = new StoreWatch();
        assertEquals(Optional.empty(), w.observe(health(StoreState.OK, 5, 0), T0));
        assertEquals(Optional.empty(), w.observe(health(StoreState.DISK_FULL, 5, 0), T0 + 1000));
        assertEquals(Optional.empty(), w.observe(health(StoreState.DISK_FULL, 40, 3), T0 + 60_000));
        Optional<String> said = w.observe(health(StoreState.OK, 45, 3), T0 + 601_000);
        assertEquals(Optional.of("store full from 2026-06-21T00:00:01Z to 2026-06-21T00:10:01Z (600 s): 40 raw chunks and"
                + " 3 activity seconds not stored"), said);
        assertEquals(Optional.empty(), w.observe(health(StoreState.OK, 45, 3), T0 + 602_000), "said once");
    }

    @Test
    void anIoErrorSpellIsSaidAsFailing() {
        StoreWatch w = new StoreWatch();
        w.observe(health(StoreState.IO_ERROR, 0, 0), T0);
        assertEquals(Optional.of("store failing from 2026-06-21T00:00:00Z to 2026-06-21T00:00:02Z (2 s): 0 raw chunks and"
                + " 0 activity seconds not stored"), w.observe(health(StoreState.OK, 0, 0), T0 + 2000));
    }
}
