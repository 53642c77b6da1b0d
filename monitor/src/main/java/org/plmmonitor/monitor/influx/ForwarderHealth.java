package org.plmmonitor.monitor.influx;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the forwarder's health.
 *
 * @param state               what it is doing
 * @param lastSuccess         when a write last succeeded (injected clock), or null if never
 * @param backlog             outbox rows not yet acknowledged
 * @param pointsWritten       points written since start (a replayed point counts again)
 * @param pointsRejected      points the server refused as malformed (field type conflict, beyond
 *                            retention, unparsable), acknowledged and not retried, since start
 * @param consecutiveFailures failed attempts since the last success
 * @param nextRetryIn         wait before the next attempt when backing off, else zero
 * @param lastError           the last failure in words (no credentials), or empty
 */
public record ForwarderHealth(ForwarderState state, Instant lastSuccess, long backlog, long pointsWritten,
                              long pointsRejected, int consecutiveFailures, Duration nextRetryIn, String lastError) {
}
