package org.plmmonitor.bridge.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns messages into wire frames (COBS + trailing 0x00) and numbers them: one encoder per direction
 * of one link, so its sequence counter is that direction's. Not thread-safe: callers that send from
 * several threads synchronise around {@link #encode}.
 */
public final class FrameEncoder {
    private final byte[] raw = new byte[Protocol.MAX_FRAME];
    private final ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] enc = new byte[Protocol.MAX_ENCODED_FRAME + 1];
    private int nextSeq;

    /** Starts at sequence number 0. */
    public FrameEncoder() {
        this(0);
    }

    /** @param firstSeq sequence number of the first frame, 0..65535 */
    public FrameEncoder(int firstSeq) {
        this.nextSeq = firstSeq & 0xFFFF;
    }

    /**
     * @param m the message
     * @return a fresh array: the COBS-encoded frame followed by the 0x00 delimiter
     */
    public byte[] encode(Message m) {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF;
        return encode(m, seq);
    }

    /**
     * Encodes with an explicit sequence number, leaving the counter alone (tests, retransmission tools).
     *
     * @param m   the message
     * @param seq sequence number 0..65535
     * @return the wire frame with its delimiter
     */
    public byte[] encode(Message m, int seq) {
        buf.clear();
        buf.put((byte) Protocol.VERSION);
        buf.put((byte) m.type().code());
        buf.putShort((short) seq);
        MessageCodec.writeBody(m, buf);
        int len = buf.position();
        int crc = Crc16.compute(raw, 0, len);
        buf.putShort((short) crc);
        len += 2;
        int n = Cobs.encode(raw, 0, len, enc, 0);
        enc[n] = Protocol.DELIMITER;
        return Arrays.copyOf(enc, n + 1);
    }

    /** @return the sequence number the next {@link #encode(Message)} will use */
    public int nextSeq() {
        return nextSeq;
    }
}
