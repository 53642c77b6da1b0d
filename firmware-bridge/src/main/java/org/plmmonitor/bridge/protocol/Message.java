package org.plmmonitor.bridge.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One protocol message. Fields hold wire units (integers) so that a message survives an
 * encode/decode round trip exactly; accessors convert to physical units where that helps.
 * Constructors validate ranges so that an encoder cannot emit what a decoder would reject.
 */
public sealed interface Message {

    /** @return the type byte this message is sent with */
    MessageType type();

    private static int u8(String name, int v) {
        return range(name, v, 0, 0xFF);
    }

    private static int u16(String name, int v) {
        return range(name, v, 0, 0xFFFF);
    }

    private static int range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " = " + v + " is outside " + lo + ".." + hi);
        }
        return v;
    }

    /**
     * Host to device: start a session.
     *
     * @param hostNonce           random 32-bit value echoed by IDENTIFY, pairs answer with request
     * @param heartbeatIntervalMs how often the host will send HEARTBEAT, 1..65535 ms
     */
    record Hello(int hostNonce, int heartbeatIntervalMs) implements Message {
        public Hello {
            range("heartbeatIntervalMs", heartbeatIntervalMs, 1, 0xFFFF);
        }

        @Override
        public MessageType type() {
            return MessageType.HELLO;
        }
    }

    /**
     * One accelerometer the device streams.
     *
     * @param sensorId     the id SAMPLE_BATCH frames carry, 0..255
     * @param leg          where it is worn
     * @param rateCentiHz  output data rate in 0.01 Hz, 1..65535 (5000 = 50 Hz)
     * @param scaleMicroG  micro-g per LSB of the int16 sample values, 1..65535 (e.g. 2000 = 2 mg/LSB)
     */
    record SensorInfo(int sensorId, SensorLeg leg, int rateCentiHz, int scaleMicroG) {
        public SensorInfo {
            u8("sensorId", sensorId);
            range("rateCentiHz", rateCentiHz, 1, 0xFFFF);
            range("scaleMicroG", scaleMicroG, 1, 0xFFFF);
            if (leg == null) {
                throw new IllegalArgumentException("leg is null");
            }
        }

        /** @return sample rate in Hz */
        public double rateHz() {
            return rateCentiHz / 100.0;
        }
    }

    /** Where a sensor is worn, as the device was configured. */
    enum SensorLeg implements WireCode {
        LEFT(0), RIGHT(1),
        /** Code 2, and every code PROTOCOL.md does not define ("others read as unknown"). */
        UNKNOWN(2) {
            @Override
            public boolean readsUnknownCodes() {
                return true;
            }
        };

        private final int code;

        SensorLeg(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

    }

    /**
     * Device to host, answering HELLO.
     *
     * @param hostNonce          the HELLO's nonce
     * @param protocolVersion    highest protocol version the firmware speaks
     * @param roles              bit 0 sensor hub, bit 1 cuff controller
     * @param firmwareVersion    major in the high byte, minor in the low byte
     * @param deviceId           a per-board identifier (serial number)
     * @param watchdogTimeoutMs  the controller vents when it has heard no valid frame for this long, ms
     * @param ceilingDeciMmHg    compiled hard pressure ceiling in 0.1 mmHg (0 when no cuff)
     * @param maxInflationS      compiled longest inflation in s (0 when no cuff)
     * @param sensors            the accelerometers, at most {@link Protocol#MAX_SENSORS}
     */
    record Identify(int hostNonce, int protocolVersion, int roles, int firmwareVersion, int deviceId,
                    int watchdogTimeoutMs, int ceilingDeciMmHg, int maxInflationS,
                    List<SensorInfo> sensors) implements Message {
        /** Roles bit: streams acceleration. */
        public static final int ROLE_SENSOR = 1;
        /** Roles bit: controls a compression cuff. */
        public static final int ROLE_CUFF = 2;

        public Identify {
            u8("protocolVersion", protocolVersion);
            u8("roles", roles);
            u16("firmwareVersion", firmwareVersion);
            u16("watchdogTimeoutMs", watchdogTimeoutMs);
            u16("ceilingDeciMmHg", ceilingDeciMmHg);
            u16("maxInflationS", maxInflationS);
            sensors = List.copyOf(sensors);
            range("sensors.size", sensors.size(), 0, Protocol.MAX_SENSORS);
        }

        @Override
        public MessageType type() {
            return MessageType.IDENTIFY;
        }
    }

    /**
     * Consecutive samples of one sensor.
     *
     * @param sensorId      which sensor (see IDENTIFY)
     * @param firstCounter  the device's sample counter of the first sample, unsigned 32-bit, counting
     *                      every sample the sensor produced since power-up, sent or not
     * @param rateCentiHz   output data rate in 0.01 Hz
     * @param scaleMicroG   micro-g per LSB
     * @param xyz           interleaved x,y,z int16 counts; length a multiple of 3, at most
     *                      3 x {@link Protocol#MAX_SAMPLES_PER_BATCH}
     */
    record SampleBatch(int sensorId, long firstCounter, int rateCentiHz, int scaleMicroG, short[] xyz)
            implements Message {
        public SampleBatch {
            u8("sensorId", sensorId);
            if (firstCounter < 0 || firstCounter > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("firstCounter = " + firstCounter + " is outside 0..2^32-1");
            }
            range("rateCentiHz", rateCentiHz, 1, 0xFFFF);
            range("scaleMicroG", scaleMicroG, 1, 0xFFFF);
            if (xyz.length % 3 != 0 || xyz.length / 3 > Protocol.MAX_SAMPLES_PER_BATCH) {
                throw new IllegalArgumentException("xyz has " + xyz.length
                        + " values; expected 3 x 0.." + Protocol.MAX_SAMPLES_PER_BATCH);
            }
            xyz = xyz.clone();
        }

        /** @return number of samples */
        public int count() {
            return xyz.length / 3;
        }

        /**
         * @param i    sample index 0..count-1
         * @param axis 0 x, 1 y, 2 z
         * @return acceleration in g
         */
        public double g(int i, int axis) {
            return xyz[3 * i + axis] * (scaleMicroG / 1e6);
        }

        /** @return a copy of the interleaved counts */
        @Override
        public short[] xyz() {
            return xyz.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SampleBatch b && b.sensorId == sensorId && b.firstCounter == firstCounter
                    && b.rateCentiHz == rateCentiHz && b.scaleMicroG == scaleMicroG && Arrays.equals(b.xyz, xyz);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(firstCounter) * 31 + Arrays.hashCode(xyz);
        }

        @Override
        public String toString() {
            return "SampleBatch[sensor=" + sensorId + ", first=" + firstCounter + ", n=" + count() + "]";
        }

        @Override
        public MessageType type() {
            return MessageType.SAMPLE_BATCH;
        }
    }

    /** Controller state machine states, as reported in CUFF_TELEMETRY (an undefined code rejects the frame). */
    enum CuffState implements WireCode {
        IDLE(0), INFLATING(1), HOLDING(2), VENTING(3), FAULT(4);

        private final int code;

        CuffState(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

    }

    /**
     * Cuff controller report, sent at 10 Hz and at every state change.
     *
     * @param deviceMs         controller uptime in ms, unsigned 32-bit
     * @param pressureDeciMmHg measured pressure in 0.1 mmHg, signed (sensor offset can read below 0)
     * @param targetDeciMmHg   current target in 0.1 mmHg, 0 when none
     * @param state            controller state
     * @param valves           bit 0 pump running, bit 1 vent valve closed (energised), bit 2 fill valve open
     * @param flags            bit 0 ceiling tripped (latched), bit 1 max inflation time reached, bit 2 leak
     *                         suspected, bit 3 watchdog vented, bit 4 pressure sensor fault (latched),
     *                         bit 5 actuator fault (latched), bit 6 session limit reached
     * @param lastCommandId    the id of the last command accepted
     */
    record CuffTelemetry(long deviceMs, int pressureDeciMmHg, int targetDeciMmHg, CuffState state,
                         int valves, int flags, int lastCommandId) implements Message {
        public static final int VALVE_PUMP = 1;
        public static final int VALVE_VENT_CLOSED = 2;
        public static final int VALVE_FILL_OPEN = 4;
        public static final int FLAG_CEILING_TRIP = 1;
        public static final int FLAG_MAX_TIME = 2;
        public static final int FLAG_LEAK = 4;
        public static final int FLAG_WATCHDOG_VENT = 8;
        public static final int FLAG_SENSOR_FAULT = 16;
        public static final int FLAG_ACTUATOR_FAULT = 32;
        public static final int FLAG_SESSION_LIMIT = 64;

        public CuffTelemetry {
            if (deviceMs < 0 || deviceMs > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("deviceMs = " + deviceMs + " is outside 0..2^32-1");
            }
            range("pressureDeciMmHg", pressureDeciMmHg, Short.MIN_VALUE, Short.MAX_VALUE);
            u16("targetDeciMmHg", targetDeciMmHg);
            u8("valves", valves);
            u16("flags", flags);
            u16("lastCommandId", lastCommandId);
            if (state == null) {
                throw new IllegalArgumentException("state is null");
            }
        }

        /** @return pressure in mmHg */
        public double pressureMmHg() {
            return pressureDeciMmHg / 10.0;
        }

        /** @return the fault flags set in {@link #flags()}, in bit order (undefined bits ignored) */
        public Set<CuffFault> faults() {
            return CuffFault.of(flags);
        }

        @Override
        public MessageType type() {
            return MessageType.CUFF_TELEMETRY;
        }
    }

    /** What a COMMAND asks for (an undefined code rejects the frame; the firmware NACKs it UNKNOWN_OPCODE). */
    enum Opcode implements WireCode {
        /** Inflate to a target and hold it for a time, then vent. Params: u16 target, u16 hold. */
        INFLATE(1),
        /** Keep the present target for a further time. Params: u16 hold. */
        HOLD(2),
        /** Open the vent now. No params. */
        VENT(3),
        /** Lower the runtime limits (never above the compiled ones). Params: u16 ceiling, u16 max time. */
        SET_LIMITS(4);

        private final int code;

        Opcode(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

    }

    /**
     * Host to cuff controller. A retransmission reuses the command id; the controller executes an id
     * once and answers a repeat with the same ACK/NACK.
     *
     * @param commandId id, 0..65535, incremented by the host per new command
     * @param opcode    what to do
     * @param p1        first parameter: INFLATE target in 0.1 mmHg; HOLD time in 0.1 s;
     *                  SET_LIMITS ceiling in 0.1 mmHg; 0 for VENT
     * @param p2        second parameter: INFLATE hold time in 0.1 s; SET_LIMITS max inflation in s; else 0
     */
    record Command(int commandId, Opcode opcode, int p1, int p2) implements Message {
        public Command {
            u16("commandId", commandId);
            u16("p1", p1);
            u16("p2", p2);
            if (opcode == null) {
                throw new IllegalArgumentException("opcode is null");
            }
        }

        /**
         * @param id        command id 0..65535
         * @param targetMmHg target pressure in mmHg, 0..6553
         * @param holdS      hold time in s, 0..6553
         * @return an INFLATE command
         */
        public static Command inflate(int id, double targetMmHg, double holdS) {
            return new Command(id, Opcode.INFLATE, (int) Math.round(targetMmHg * 10), (int) Math.round(holdS * 10));
        }

        /** @param id command id @return a VENT command */
        public static Command vent(int id) {
            return new Command(id, Opcode.VENT, 0, 0);
        }

        @Override
        public MessageType type() {
            return MessageType.COMMAND;
        }
    }

    /**
     * A COMMAND whose opcode this revision does not define (PROTOCOL.md §7.5): a valid frame, which a
     * controller answers with NACK UNKNOWN_OPCODE. Kept apart from {@link Command} so that code acting on
     * commands only ever sees opcodes it knows.
     *
     * @param commandId id, 0..65535
     * @param opcode    the opcode byte, 0..255, not one of {@link Opcode}
     * @param p1        first parameter, 0..65535
     * @param p2        second parameter, 0..65535
     */
    record UnknownCommand(int commandId, int opcode, int p1, int p2) implements Message {
        public UnknownCommand {
            u16("commandId", commandId);
            u8("opcode", opcode);
            u16("p1", p1);
            u16("p2", p2);
            if (WireCode.lookup(Opcode.class, opcode).isPresent()) {
                throw new IllegalArgumentException("opcode " + opcode + " is " + WireCode.lookup(Opcode.class, opcode).get()
                        + "; use Command for known opcodes");
            }
        }

        @Override
        public MessageType type() {
            return MessageType.COMMAND;
        }
    }

    /** @param commandId the accepted command's id */
    record Ack(int commandId) implements Message {
        public Ack {
            u16("commandId", commandId);
        }

        @Override
        public MessageType type() {
            return MessageType.ACK;
        }
    }

    /** Why a command was refused. */
    enum NackReason implements WireCode {
        UNKNOWN_OPCODE(1), BAD_PARAMETERS(2), ABOVE_CEILING(3), TOO_LONG(4), FAULT_LATCHED(5),
        NOT_A_CUFF(6), BUSY(7),
        /** Code 255, and every code PROTOCOL.md does not define ("unknown codes read as OTHER"). */
        OTHER(255) {
            @Override
            public boolean readsUnknownCodes() {
                return true;
            }
        };

        private final int code;

        NackReason(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

    }

    /**
     * @param commandId the refused command's id
     * @param reason    why
     */
    record Nack(int commandId, NackReason reason) implements Message {
        public Nack {
            u16("commandId", commandId);
            if (reason == null) {
                throw new IllegalArgumentException("reason is null");
            }
        }

        @Override
        public MessageType type() {
            return MessageType.NACK;
        }
    }

    /** @param uptimeMs sender uptime in ms, unsigned 32-bit (wraps) */
    record Heartbeat(long uptimeMs) implements Message {
        public Heartbeat {
            if (uptimeMs < 0 || uptimeMs > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("uptimeMs = " + uptimeMs + " is outside 0..2^32-1");
            }
        }

        @Override
        public MessageType type() {
            return MessageType.HEARTBEAT;
        }
    }

    /** Device error codes (ERROR_REPORT). */
    enum ErrorCode implements WireCode {
        SENSOR_FAULT(1), SAMPLES_DROPPED(2), CEILING_TRIP(3), MAX_INFLATION_TIME(4), LEAK(5),
        WATCHDOG_VENT(6), RESET(7), HOST_FRAME_REJECTED(8), SESSION_LIMIT(9), ACTUATOR_FAULT(10),
        /** Code 255, and every code PROTOCOL.md does not define ("unknown codes read as OTHER"). */
        OTHER(255) {
            @Override
            public boolean readsUnknownCodes() {
                return true;
            }
        };

        private final int code;

        ErrorCode(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

    }

    /**
     * @param code   what happened
     * @param detail code-specific number (e.g. samples dropped, pressure in 0.1 mmHg), unsigned 32-bit
     * @param text   short ASCII text for the log, at most {@link Protocol#MAX_ERROR_TEXT} characters
     */
    record ErrorReport(ErrorCode code, long detail, String text) implements Message {
        public ErrorReport {
            if (code == null) {
                throw new IllegalArgumentException("code is null");
            }
            if (detail < 0 || detail > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("detail = " + detail + " is outside 0..2^32-1");
            }
            range("text.length", text.length(), 0, Protocol.MAX_ERROR_TEXT);
            for (int i = 0; i < text.length(); i++) {
                range("text char " + i, text.charAt(i), 0x20, 0x7E);
            }
        }

        @Override
        public MessageType type() {
            return MessageType.ERROR_REPORT;
        }
    }
}
