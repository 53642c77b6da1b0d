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
 * @param pointsRejected      points in batches the server refused for good (field type conflict,
 *                            beyond retention, unparsable), acknowledged and not retried, since start;
 *                            InfluxDB 1.x still stores the valid points of such a partial write
 * @param consecutiveFailures failed attempts since the last success
 * @param nextRetryIn         wait before the next attempt when backing off, else zero
 * @param lastError           the last failure in words (no credentials), kept after recovery; empty
 *                            if nothing has failed since start
 */
public record ForwarderHealth(ForwarderState state, Instant lastSuccess, long backlog, long pointsWritten,
                              long pointsRejected, int consecutiveFailures, Duration nextRetryIn, String lastError) {
}
