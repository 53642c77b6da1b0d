package org.plmmonitor.bridge.serial;

/**
 * What a session has seen on its link since it started.
 *
 * @param bytesReceived   bytes read from the link
 * @param framesReceived  frames that passed every check
 * @param rejectedCrc     runs dropped for a CRC mismatch
 * @param rejectedLength  runs dropped as too long or too short
 * @param rejectedOther   runs dropped for bad COBS, version, type or body
 * @param sequenceGaps    times the device's sequence number skipped ahead
 * @param framesLost      frames missing according to those skips (sum of the skipped numbers)
 * @param connects        successful opens, the first included
 * @param disconnects     losses of the link
 * @param framesSent      frames written to the device
 * @param sendFailures    frames that could not be written
 */
public record LinkCounters(long bytesReceived, long framesReceived, long rejectedCrc, long rejectedLength,
                           long rejectedOther, long sequenceGaps, long framesLost, long connects,
                           long disconnects, long framesSent, long sendFailures) {
    /** @return all rejected runs */
    public long rejectedTotal() {
        return rejectedCrc + rejectedLength + rejectedOther;
    }
}
