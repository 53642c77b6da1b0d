package org.plmmonitor.bridge.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.Map;

/**
 * Streaming frame decoder. Feed it whatever the link delivered; it buffers at most one encoded frame
 * ({@link Protocol#MAX_ENCODED_FRAME} bytes, allocated once), resynchronises at every 0x00, and never
 * throws on hostile input: every bad run becomes one {@link RejectReason}. Nothing is allocated from a
 * length field; the only per-frame allocation is the decoded message itself. Not thread-safe: one
 * reader thread feeds it.
 */
public final class FrameDecoder {
    private final FrameListener listener;
    private final byte[] enc = new byte[Protocol.MAX_ENCODED_FRAME];
    private final byte[] raw = new byte[Protocol.MAX_ENCODED_FRAME];
    private final ByteBuffer rawBuf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    private final EnumMap<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
    private int encLen;
    private boolean overflow;
    private long frames;

    /** @param listener receives messages and rejections */
    public FrameDecoder(FrameListener listener) {
        this.listener = listener;
    }

    /**
     * @param data bytes from the link
     * @param off  first byte
     * @param len  number of bytes
     */
    public void feed(byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            if (b == Protocol.DELIMITER) {
                endOfRun();
            } else if (overflow) {
                continue;
            } else if (encLen == enc.length) {
                // Too long to be a frame: stop buffering, skip to the next delimiter.
                overflow = true;
            } else {
                enc[encLen++] = b;
            }
        }
    }

    /**
     * Forgets a partial frame, e.g. after a reconnect, so that its head is not glued to the next
     * connection's first bytes (which would cost that frame as well).
     */
    public void discardPartial() {
        encLen = 0;
        overflow = false;
    }

    private void endOfRun() {
        if (overflow) {
            reject(RejectReason.TOO_LONG);
        } else if (encLen > 0) {
            decodeRun();
        }
        encLen = 0;
        overflow = false;
    }

    private void decodeRun() {
        int n = Cobs.decode(enc, 0, encLen, raw);
        if (n < 0) {
            reject(RejectReason.BAD_COBS);
            return;
        }
        if (n < Protocol.HEADER_BYTES + Protocol.CRC_BYTES) {
            reject(RejectReason.TOO_SHORT);
            return;
        }
        if (n > Protocol.MAX_FRAME) {
            reject(RejectReason.TOO_LONG);
            return;
        }
        int crc = (raw[n - 2] & 0xFF) | (raw[n - 1] & 0xFF) << 8;
        if (Crc16.compute(raw, 0, n - 2) != crc) {
            reject(RejectReason.BAD_CRC);
            return;
        }
        if ((raw[0] & 0xFF) != Protocol.VERSION) {
            reject(RejectReason.BAD_VERSION);
            return;
        }
        MessageType type;
        try {
            type = WireCode.decode(MessageType.class, "type", raw[1] & 0xFF);
        } catch (UnknownCodeException e) {
            reject(RejectReason.UNKNOWN_TYPE);
            return;
        }
        int seq = (raw[2] & 0xFF) | (raw[3] & 0xFF) << 8;
        rawBuf.limit(n - 2).position(Protocol.HEADER_BYTES);
        Message m;
        try {
            m = MessageCodec.readBody(type, rawBuf);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            reject(RejectReason.BAD_BODY);
            return;
        }
        frames++;
        listener.onMessage(seq, m);
    }

    private void reject(RejectReason r) {
        rejects.merge(r, 1L, Long::sum);
        listener.onReject(r);
    }

    /** @return frames decoded successfully so far */
    public long framesDecoded() {
        return frames;
    }

    /** @return rejected runs so far, by reason (a copy) */
    public Map<RejectReason, Long> rejects() {
        return new EnumMap<>(rejects);
    }

    /** @return all rejected runs so far */
    public long rejectedTotal() {
        long t = 0;
        for (long v : rejects.values()) {
            t += v;
        }
        return t;
    }
}
