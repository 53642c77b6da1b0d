package org.plmmonitor.monitor.store;

import java.time.Instant;

/**
 * A snapshot of the local store's health, for the daemon's status page and logs.
 *
 * @param state               condition
 * @param message             the last error in words, or empty when OK
 * @param lastCommit          when the last batch committed (injected clock), or null before the first
 * @param queuedItems         items waiting for the writer
 * @param droppedRawChunks    raw chunks dropped because the queue was full, since open
 * @param droppedActivity     activity seconds dropped because the queue was full, since open
 * @param rejectedItems       items the database refused for a reason other than space, since open
 *                            (logged one by one)
 * @param committedItems      items committed since open
 * @param outboxBacklog       outbox rows not yet acknowledged by a forwarder (as of the last commit)
 * @param databaseBytes       size of the database file plus its write-ahead log, bytes
 */
public record StoreHealth(StoreState state, String message, Instant lastCommit, long queuedItems,
                          long droppedRawChunks, long droppedActivity, long rejectedItems,
                          long committedItems, long outboxBacklog, long databaseBytes) {
}
