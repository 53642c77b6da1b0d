package org.plmmonitor.bridge.protocol;

/** Constants fixed by PROTOCOL.md. */
public final class Protocol {
    /** The protocol version this code speaks, carried in every frame header. */
    public static final int VERSION = 1;
    /** Header: version (1), type (1), sequence (2). */
    public static final int HEADER_BYTES = 4;
    /** CRC-16 trailer. */
    public static final int CRC_BYTES = 2;
    /** Largest decoded frame (header + body + CRC) in bytes. */
    public static final int MAX_FRAME = 512;
    /** Largest body in bytes. */
    public static final int MAX_BODY = MAX_FRAME - HEADER_BYTES - CRC_BYTES;
    /** Largest COBS-encoded frame, without its delimiter. */
    public static final int MAX_ENCODED_FRAME = MAX_FRAME + MAX_FRAME / 254 + 1;
    /** Frame delimiter on the wire. */
    public static final byte DELIMITER = 0;
    /** Most samples in one SAMPLE_BATCH (6 bytes each; keeps the frame under MAX_FRAME). */
    public static final int MAX_SAMPLES_PER_BATCH = 80;
    /** Most sensors an IDENTIFY may describe. */
    public static final int MAX_SENSORS = 8;
    /** Longest ERROR_REPORT text in bytes (ASCII). */
    public static final int MAX_ERROR_TEXT = 64;

    private Protocol() {
    }
}
