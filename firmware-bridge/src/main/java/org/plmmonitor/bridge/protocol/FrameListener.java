package org.plmmonitor.bridge.protocol;

/** Receives what a {@link FrameDecoder} makes of the byte stream. Called on the feeding thread. */
public interface FrameListener {
    /**
     * A frame passed every check.
     *
     * @param seq     the sender's sequence number, 0..65535
     * @param message the decoded message
     */
    void onMessage(int seq, Message message);

    /**
     * A run of bytes between delimiters was dropped.
     *
     * @param reason why
     */
    default void onReject(RejectReason reason) {
    }
}
