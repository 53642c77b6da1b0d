package org.plmmonitor.bridge.i2c;

/**
 * What a FIFO status register said.
 *
 * @param samples unread samples, 0 to {@link AccelerometerPart#FIFO_DEPTH}
 * @param full    the FIFO is full: in stream mode the next sample overwrites the oldest, so samples may
 *                already have been lost (the reader decides from the host clock)
 */
public record FifoLevel(int samples, boolean full) {
    /** @throws IllegalArgumentException when samples is outside 0..32 */
    public FifoLevel {
        if (samples < 0 || samples > AccelerometerPart.FIFO_DEPTH) {
            throw new IllegalArgumentException("FIFO level " + samples + " is outside 0.."
                    + AccelerometerPart.FIFO_DEPTH);
        }
    }
}
