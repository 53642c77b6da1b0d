package org.plmmonitor.bridge.protocol;

/**
 * Follows one direction's 16-bit sequence numbers and reports how many frames went missing. A jump
 * backwards or of more than half the number space is taken as a restart of the sender (its counter
 * began again), not as 60000 lost frames.
 */
public final class SequenceTracker {
    private int expected = -1;

    /**
     * @param seq the sequence number just received, 0..65535
     * @return frames lost immediately before it (0 when in order or after a restart)
     */
    public int observe(int seq) {
        int lost = 0;
        if (expected >= 0) {
            int d = (seq - expected) & 0xFFFF;
            if (d < 0x8000) {
                lost = d;
            }
        }
        expected = (seq + 1) & 0xFFFF;
        return lost;
    }

    /** Forget the expectation: the next frame starts a new run (after HELLO/IDENTIFY). */
    public void reset() {
        expected = -1;
    }
}
