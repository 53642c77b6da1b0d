package org.plmmonitor.bridge.sim;

/**
 * What a simulator has done.
 *
 * @param samplesProduced  samples taken from the sources (all sensors), sent or not
 * @param framesSent       frames written to the link
 * @param framesDropped    frames that could not be written (link down or not draining)
 * @param samplesDropped   samples inside those dropped frames
 * @param hostFrames       valid frames received from the host
 * @param hostRejected     runs from the host the decoder rejected
 * @param commands         commands executed (ACKed)
 * @param streamDone       true once every source is exhausted and its last batch was handled
 * @param lastDropReason   why the latest frame was dropped, null when none was
 */
public record SimulatorStats(long samplesProduced, long framesSent, long framesDropped, long samplesDropped,
                             long hostFrames, long hostRejected, long commands, boolean streamDone,
                             String lastDropReason) {
}
