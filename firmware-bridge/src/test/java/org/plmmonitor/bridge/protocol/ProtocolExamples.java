package org.plmmonitor.bridge.protocol;

import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.SensorInfo;
import org.plmmonitor.bridge.protocol.Message.SensorLeg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages behind PROTOCOL.md's byte-level examples, by example name, with their sequence numbers. */
final class ProtocolExamples {
    static final Map<String, Message> ALL = new LinkedHashMap<>();
    static final Map<String, Integer> SEQ = new LinkedHashMap<>();

    private static void add(String name, int seq, Message m) {
        ALL.put(name, m);
        SEQ.put(name, seq);
    }

    static {
        add("hello", 0, new Message.Hello(0x12345678, 500));
        add("identify", 0, new Message.Identify(0x12345678, 1, Message.Identify.ROLE_SENSOR | Message.Identify.ROLE_CUFF,
                0x0100, 0x504C4D31, 3000, 600, 120,
                List.of(new SensorInfo(0, SensorLeg.LEFT, 5000, 1000), new SensorInfo(1, SensorLeg.RIGHT, 5000, 1000))));
        add("sample-batch", 1, new Message.SampleBatch(0, 1000, 5000, 1000,
                new short[]{10, -20, 1000, 12, -18, 1003}));
        add("cuff-telemetry", 2, new CuffTelemetry(123456, 290, 290, CuffState.HOLDING,
                CuffTelemetry.VALVE_VENT_CLOSED, 0, 7));
        add("command-inflate", 1, Message.Command.inflate(7, 29.0, 5.0));
        add("command-vent", 2, Message.Command.vent(8));
        add("command-set-limits", 3, new Message.Command(9, Message.Opcode.SET_LIMITS, 400, 60));
        add("ack", 3, new Message.Ack(7));
        add("nack", 4, new Message.Nack(10, NackReason.ABOVE_CEILING));
        add("heartbeat-host", 4, new Message.Heartbeat(1500));
        add("heartbeat-device", 5, new Message.Heartbeat(65_000));
        add("error-report", 6, new Message.ErrorReport(ErrorCode.WATCHDOG_VENT, 0, "host silent"));
    }

    private ProtocolExamples() {
    }

    /** Prints the examples in PROTOCOL.md's format (run by hand when a message layout changes). */
    public static void main(String[] args) {
        FrameEncoder enc = new FrameEncoder();
        for (Map.Entry<String, Message> e : ALL.entrySet()) {
            int seq = SEQ.get(e.getKey());
            byte[] wire = enc.encode(e.getValue(), seq);
            byte[] raw = new byte[wire.length];
            int n = Cobs.decode(wire, 0, wire.length - 1, raw);
            System.out.println("example: " + e.getKey());
            System.out.println("message: " + e.getValue());
            System.out.println("frame:   " + hex(raw, n));
            System.out.println("wire:    " + hex(wire, wire.length));
            System.out.println();
        }
    }

    static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
