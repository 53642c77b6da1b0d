package org.plmmonitor.monitor.store;

/**
 * One item waiting to be forwarded, in its current stored state.
 *
 * @param seq  outbox sequence number (increasing)
 * @param item the item as stored now (a later update of the same key is read, not the old state)
 */
public record OutboxEntry(long seq, StoredItem item) {
}
