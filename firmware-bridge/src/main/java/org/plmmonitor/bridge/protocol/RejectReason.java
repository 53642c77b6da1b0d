package org.plmmonitor.bridge.protocol;

/** Why the decoder dropped a run of bytes between two delimiters. */
public enum RejectReason {
    /** More than {@link Protocol#MAX_ENCODED_FRAME} bytes without a delimiter: discarded unbuffered. */
    TOO_LONG,
    /** Fewer bytes than a header and a CRC. */
    TOO_SHORT,
    /** Not valid COBS (a code byte pointing past the end of the run). */
    BAD_COBS,
    /** CRC mismatch: bit errors, truncation, or two frames run together. */
    BAD_CRC,
    /** A protocol version this host does not speak. */
    BAD_VERSION,
    /** A message type code that PROTOCOL.md does not define. */
    UNKNOWN_TYPE,
    /** The body is too short for its type or a field is out of range. */
    BAD_BODY
}
