package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.store.StoreHealth;
import org.plmmonitor.monitor.store.StoreState;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Follows the store's health from snapshot to snapshot so that a spell of full disk (or I/O errors)
 * leaves a trace in the night itself, not only in the log: when writing works again, what the spell
 * cost is said once, as the detail of a STORAGE device event. Processing thread only.
 */
final class StoreWatch {
    private long sinceUtcMs = -1;
    private StoreState spell;
    private long rawBefore;
    private long activityBefore;

    /**
     * @param h        the store's health now
     * @param nowUtcMs the time of the snapshot, UTC epoch ms (the night's time, also in a replay)
     * @return the detail of the event to store when this snapshot ends a spell; empty otherwise
     */
    Optional<String> observe(StoreHealth h, long nowUtcMs) {
        boolean failing = h.state() == StoreState.DISK_FULL || h.state() == StoreState.IO_ERROR;
        if (failing && spell == null) {
            spell = h.state();
            sinceUtcMs = nowUtcMs;
            rawBefore = h.droppedRawChunks();
            activityBefore = h.droppedActivity();
            return Optional.empty();
        }
        if (h.state() != StoreState.OK || spell == null) {
            return Optional.empty();
        }
        String detail = String.format(Locale.ROOT, "store %s from %s to %s (%d s): %d raw chunks and %d activity seconds"
                        + " not stored", spell == StoreState.DISK_FULL ? "full" : "failing", Instant.ofEpochMilli(sinceUtcMs),
                Instant.ofEpochMilli(nowUtcMs), Math.max(0, (nowUtcMs - sinceUtcMs) / 1000),
                h.droppedRawChunks() - rawBefore, h.droppedActivity() - activityBefore);
        spell = null;
        return Optional.of(detail);
    }
}
