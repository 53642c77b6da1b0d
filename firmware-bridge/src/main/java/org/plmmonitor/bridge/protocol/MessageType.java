package org.plmmonitor.bridge.protocol;

/** The message type byte of a frame header; codes are fixed by PROTOCOL.md and never reused. */
public enum MessageType implements WireCode {
    /** Host asks the device to identify itself; starts a session. */
    HELLO(0x01),
    /** Device answers HELLO with its roles, sensors and safety limits. */
    IDENTIFY(0x02),
    /** A batch of consecutive accelerometer samples from one sensor. */
    SAMPLE_BATCH(0x10),
    /** Cuff pressure, valve and state report. */
    CUFF_TELEMETRY(0x20),
    /** Host command to the cuff controller. */
    COMMAND(0x30),
    /** Command accepted. */
    ACK(0x31),
    /** Command refused, with a reason. */
    NACK(0x32),
    /** Liveness, both directions. */
    HEARTBEAT(0x40),
    /** Device-side fault or notable event. */
    ERROR_REPORT(0x50);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
