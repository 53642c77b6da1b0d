package org.plmmonitor.bridge.protocol;

import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.Opcode;
import org.plmmonitor.bridge.protocol.Message.SensorLeg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How received codes become constants: PROTOCOL.md's catch-alls where it names one, a rejection elsewhere. */
class WireCodeTest {

    @Test
    void everyDefinedCodeDecodesToItsConstant() {
        for (Class<? extends Enum<?>> type : List.of(SensorLeg.class, CuffState.class, Opcode.class,
                NackReason.class, ErrorCode.class, MessageType.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                int code = ((WireCode) e).code();
                assertEquals(e, decodeAny(type, code), type.getSimpleName() + " code " + code);
            }
        }
    }

    @Test
    void fieldsWithADocumentedCatchAllReadUnknownCodesAsIt() {
        // PROTOCOL.md 7.2 "others read as unknown", 7.6 and 7.8 "unknown codes read as OTHER".
        for (int code = 0; code <= 255; code++) {
            assertEquals(code <= 1 ? SensorLeg.values()[code] : SensorLeg.UNKNOWN,
                    WireCode.decode(SensorLeg.class, "leg", code));
        }
        assertEquals(NackReason.OTHER, WireCode.decode(NackReason.class, "reason", 0));
        assertEquals(NackReason.OTHER, WireCode.decode(NackReason.class, "reason", 8));
        assertEquals(ErrorCode.SESSION_LIMIT, WireCode.decode(ErrorCode.class, "code", 9));
        assertEquals(ErrorCode.ACTUATOR_FAULT, WireCode.decode(ErrorCode.class, "code", 10));
        assertEquals(ErrorCode.OTHER, WireCode.decode(ErrorCode.class, "code", 11));
        assertEquals(ErrorCode.OTHER, WireCode.decode(ErrorCode.class, "code", 254));
    }

    @Test
    void exactlyTheDocumentedCatchAllsReadUnknownCodes() {
        List<String> catchAlls = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.of(SensorLeg.class, CuffState.class, Opcode.class,
                NackReason.class, ErrorCode.class, MessageType.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                if (((WireCode) e).readsUnknownCodes()) {
                    catchAlls.add(type.getSimpleName() + "." + e.name());
                }
            }
        }
        assertEquals(List.of("SensorLeg.UNKNOWN", "NackReason.OTHER", "ErrorCode.OTHER"), catchAlls);
    }

    @Test
    void anUnknownCodeWithoutCatchAllIsADecodeErrorNamingFieldAndValue() {
        UnknownCodeException e = assertThrows(UnknownCodeException.class,
                () -> WireCode.decode(CuffState.class, "state", 9));
        assertEquals("state", e.field());
        assertEquals(9, e.code());
        assertEquals("state = 9 is not a defined code (defined: 0 IDLE, 1 INFLATING, 2 HOLDING, 3 VENTING, 4 FAULT)",
                e.getMessage());
        UnknownCodeException op = assertThrows(UnknownCodeException.class,
                () -> WireCode.decode(Opcode.class, "opcode", 0));
        assertTrue(op.getMessage().startsWith("opcode = 0 is not a defined code"), op.getMessage());
    }

    @Test
    void aTelemetryWithAnUnknownStateIsRejectedByTheCodecNamingTheField() {
        ByteBuffer body = telemetryBody(9);
        UnknownCodeException e = assertThrows(UnknownCodeException.class,
                () -> MessageCodec.readBody(MessageType.CUFF_TELEMETRY, body));
        assertEquals("state", e.field());
        assertEquals(CuffState.HOLDING,
                ((CuffTelemetry) MessageCodec.readBody(MessageType.CUFF_TELEMETRY, telemetryBody(2))).state());
    }

    @Test
    void theDecoderCountsUnknownCodesAsRejectionsAndCarriesOn() {
        List<Message> got = new ArrayList<>();
        FrameDecoder dec = new FrameDecoder((seq, m) -> got.add(m));
        byte[] badState = frame(MessageType.CUFF_TELEMETRY.code(), telemetryBody(9));
        byte[] badType = frame(0x7F, ByteBuffer.allocate(0));
        byte[] good = new FrameEncoder().encode(new Message.Heartbeat(5));
        for (byte[] f : List.of(badState, badType, good)) {
            dec.feed(f, 0, f.length);
        }
        assertEquals(List.of(new Message.Heartbeat(5)), got);
        assertEquals(Map.of(RejectReason.BAD_BODY, 1L, RejectReason.UNKNOWN_TYPE, 1L), dec.rejects());
    }

    @Test
    void faultFlagsReadAsAnEnumSetInBitOrderIgnoringUndefinedBits() {
        assertEquals(EnumSet.noneOf(CuffFault.class), CuffFault.of(0));
        assertEquals(EnumSet.allOf(CuffFault.class), CuffFault.of(0xFFFF));
        Set<CuffFault> some = CuffFault.of(CuffTelemetry.FLAG_SENSOR_FAULT | CuffTelemetry.FLAG_MAX_TIME | 0x8000);
        assertEquals(List.of(CuffFault.MAX_TIME, CuffFault.SENSOR_FAULT), List.copyOf(some));
        assertThrows(UnsupportedOperationException.class, () -> some.add(CuffFault.LEAK));
        CuffTelemetry t = new CuffTelemetry(1, 0, 0, CuffState.FAULT, 0, CuffTelemetry.FLAG_LEAK, 0);
        assertEquals(Set.of(CuffFault.LEAK), t.faults());
        for (CuffFault f : CuffFault.values()) {
            assertEquals(1, Integer.bitCount(f.flag()), f + " is one bit");
            assertEquals(EnumSet.of(f), CuffFault.of(f.flag()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object decodeAny(Class type, int code) {
        return WireCode.decode(type, "field", code);
    }

    private static ByteBuffer telemetryBody(int state) {
        ByteBuffer b = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1000).putShort((short) 250).putShort((short) 300).put((byte) state).put((byte) 0)
                .putShort((short) 0).putShort((short) 0);
        return b.flip();
    }

    /** A well-formed frame (version 1, seq 0, valid CRC) around a body, COBS-encoded and delimited. */
    private static byte[] frame(int type, ByteBuffer body) {
        byte[] raw = new byte[Protocol.HEADER_BYTES + body.remaining() + Protocol.CRC_BYTES];
        raw[0] = (byte) Protocol.VERSION;
        raw[1] = (byte) type;
        body.get(raw, Protocol.HEADER_BYTES, raw.length - Protocol.HEADER_BYTES - Protocol.CRC_BYTES);
        int crc = Crc16.compute(raw, 0, raw.length - 2);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >> 8);
        byte[] enc = new byte[raw.length + raw.length / 254 + 3];
        int n = Cobs.encode(raw, 0, raw.length, enc, 0);
        byte[] out = new byte[n + 1];
        System.arraycopy(enc, 0, out, 0, n);
        return out;
    }
}
