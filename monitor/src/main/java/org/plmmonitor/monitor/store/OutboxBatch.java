package org.plmmonitor.monitor.store;

import java.util.List;

/**
 * A batch read from the outbox.
 *
 * @param entries items to forward, in outbox order; rows whose item was since deleted (retention,
 *                delete-all) are left out
 * @param lastSeq the highest sequence number the batch covers (including left-out rows); acknowledge
 *                up to it after a successful write; 0 when the batch is empty
 */
public record OutboxBatch(List<OutboxEntry> entries, long lastSeq) {
    public OutboxBatch {
        entries = List.copyOf(entries);
    }

    /** @return true when nothing (not even left-out rows) was read */
    public boolean isEmpty() {
        return lastSeq == 0;
    }
}
