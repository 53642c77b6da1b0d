package org.plmmonitor.bridge.protocol;

import java.util.Optional;

import org.plmmonitor.bridge.protocol.Message.Ack;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.Heartbeat;
import org.plmmonitor.bridge.protocol.Message.Hello;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.Message.Nack;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.Opcode;
import org.plmmonitor.bridge.protocol.Message.SampleBatch;
import org.plmmonitor.bridge.protocol.Message.SensorInfo;
import org.plmmonitor.bridge.protocol.Message.SensorLeg;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Message bodies to and from little-endian bytes. Bodies may carry trailing bytes a later minor
 * revision appended: readers ignore them (PROTOCOL.md, "Versioning").
 */
final class MessageCodec {
    private MessageCodec() {
    }

    static void writeBody(Message m, ByteBuffer b) {
        switch (m.type()) {
            case HELLO -> {
                Hello h = (Hello) m;
                b.putInt(h.hostNonce());
                b.putShort((short) h.heartbeatIntervalMs());
            }
            case IDENTIFY -> {
                Identify i = (Identify) m;
                b.putInt(i.hostNonce());
                b.put((byte) i.protocolVersion());
                b.put((byte) i.roles());
                b.putShort((short) i.firmwareVersion());
                b.putInt(i.deviceId());
                b.putShort((short) i.watchdogTimeoutMs());
                b.putShort((short) i.ceilingDeciMmHg());
                b.putShort((short) i.maxInflationS());
                b.put((byte) i.sensors().size());
                for (SensorInfo s : i.sensors()) {
                    b.put((byte) s.sensorId());
                    b.put((byte) s.leg().code());
                    b.putShort((short) s.rateCentiHz());
                    b.putShort((short) s.scaleMicroG());
                }
            }
            case SAMPLE_BATCH -> {
                SampleBatch s = (SampleBatch) m;
                b.put((byte) s.sensorId());
                b.putInt((int) s.firstCounter());
                b.putShort((short) s.rateCentiHz());
                b.putShort((short) s.scaleMicroG());
                b.put((byte) s.count());
                short[] xyz = s.xyz();
                for (short v : xyz) {
                    b.putShort(v);
                }
            }
            case CUFF_TELEMETRY -> {
                CuffTelemetry t = (CuffTelemetry) m;
                b.putInt((int) t.deviceMs());
                b.putShort((short) t.pressureDeciMmHg());
                b.putShort((short) t.targetDeciMmHg());
                b.put((byte) t.state().code());
                b.put((byte) t.valves());
                b.putShort((short) t.flags());
                b.putShort((short) t.lastCommandId());
            }
            case COMMAND -> {
                if (m instanceof UnknownCommand u) {
                    writeCommand(b, u.commandId(), u.opcode(), u.p1(), u.p2());
                } else {
                    Command c = (Command) m;
                    writeCommand(b, c.commandId(), c.opcode().code(), c.p1(), c.p2());
                }
            }
            case ACK -> b.putShort((short) ((Ack) m).commandId());
            case NACK -> {
                Nack n = (Nack) m;
                b.putShort((short) n.commandId());
                b.put((byte) n.reason().code());
            }
            case HEARTBEAT -> b.putInt((int) ((Heartbeat) m).uptimeMs());
            case ERROR_REPORT -> {
                ErrorReport e = (ErrorReport) m;
                byte[] text = e.text().getBytes(StandardCharsets.US_ASCII);
                b.put((byte) e.code().code());
                b.putInt((int) e.detail());
                b.put((byte) text.length);
                b.put(text);
            }
            default -> throw new IllegalStateException("no encoder for " + m.type());
        }
    }

    private static void writeCommand(ByteBuffer b, int id, int opcode, int p1, int p2) {
        b.putShort((short) id);
        b.put((byte) opcode);
        b.putShort((short) p1);
        b.putShort((short) p2);
    }

    /**
     * @return the message
     * @throws BufferUnderflowException when the body is shorter than its type needs
     * @throws IllegalArgumentException when a field is out of range
     */
    static Message readBody(MessageType type, ByteBuffer b) {
        switch (type) {
            case HELLO:
                return new Hello(b.getInt(), u16(b));
            case IDENTIFY: {
                int nonce = b.getInt();
                int version = u8(b);
                int roles = u8(b);
                int fw = u16(b);
                int id = b.getInt();
                int wd = u16(b);
                int ceiling = u16(b);
                int maxS = u16(b);
                int n = u8(b);
                if (n > Protocol.MAX_SENSORS || n * 6 > b.remaining()) {
                    throw new IllegalArgumentException("sensor count " + n + " does not fit the body");
                }
                List<SensorInfo> sensors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sensors.add(new SensorInfo(u8(b), WireCode.decode(SensorLeg.class, "leg", u8(b)), u16(b), u16(b)));
                }
                return new Identify(nonce, version, roles, fw, id, wd, ceiling, maxS, sensors);
            }
            case SAMPLE_BATCH: {
                int sensor = u8(b);
                long first = b.getInt() & 0xFFFF_FFFFL;
                int rate = u16(b);
                int scale = u16(b);
                int n = u8(b);
                // The count is checked against the bytes actually received before anything is allocated.
                if (n > Protocol.MAX_SAMPLES_PER_BATCH || n * 6 > b.remaining()) {
                    throw new IllegalArgumentException("sample count " + n + " does not fit the body");
                }
                short[] xyz = new short[3 * n];
                for (int i = 0; i < xyz.length; i++) {
                    xyz[i] = b.getShort();
                }
                return new SampleBatch(sensor, first, rate, scale, xyz);
            }
            case CUFF_TELEMETRY: {
                long ms = b.getInt() & 0xFFFF_FFFFL;
                int p = b.getShort();
                int target = u16(b);
                CuffState state = WireCode.decode(CuffState.class, "state", u8(b));
                return new CuffTelemetry(ms, p, target, state, u8(b), u16(b), u16(b));
            }
            case COMMAND: {
                int id = u16(b);
                int code = u8(b);
                // An unknown opcode is a valid frame the controller answers with NACK UNKNOWN_OPCODE
                // (PROTOCOL.md), not a field out of range: it decodes to an UnknownCommand.
                Optional<Opcode> op = WireCode.lookup(Opcode.class, code);
                return op.isEmpty() ? new UnknownCommand(id, code, u16(b), u16(b)) : new Command(id, op.get(), u16(b), u16(b));
            }
            case ACK:
                return new Ack(u16(b));
            case NACK:
                return new Nack(u16(b), WireCode.decode(NackReason.class, "reason", u8(b)));
            case HEARTBEAT:
                return new Heartbeat(b.getInt() & 0xFFFF_FFFFL);
            case ERROR_REPORT: {
                ErrorCode code = WireCode.decode(ErrorCode.class, "code", u8(b));
                long detail = b.getInt() & 0xFFFF_FFFFL;
                int n = u8(b);
                if (n > Protocol.MAX_ERROR_TEXT || n > b.remaining()) {
                    throw new IllegalArgumentException("text length " + n + " does not fit the body");
                }
                byte[] text = new byte[n];
                b.get(text);
                return new ErrorReport(code, detail, new String(text, StandardCharsets.US_ASCII));
            }
            default:
                throw new IllegalArgumentException("no decoder for " + type);
        }
    }

    private static int u8(ByteBuffer b) {
        return b.get() & 0xFF;
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xFFFF;
    }
}
