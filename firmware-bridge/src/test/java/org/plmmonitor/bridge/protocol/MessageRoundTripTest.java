package org.plmmonitor.bridge.protocol;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageRoundTripTest {

    @Test
    void everyExampleMessageSurvivesEncodeAndDecode() {
        FrameEncoder enc = new FrameEncoder(65534);
        List<Message> got = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        FrameDecoder dec = new FrameDecoder((seq, m) -> {
            seqs.add(seq);
            got.add(m);
        });
        List<Message> sent = List.copyOf(ProtocolExamples.ALL.values());
        for (Message m : sent) {
            byte[] f = enc.encode(m);
            dec.feed(f, 0, f.length);
        }
        assertEquals(sent, got);
        assertEquals(65534, seqs.get(0));
        assertEquals(0, seqs.get(2), "sequence numbers wrap at 16 bits");
        assertEquals(0, dec.rejectedTotal());
    }

    @Test
    void everyMessageTypeHasAnExample() {
        for (MessageType t : MessageType.values()) {
            assertEquals(true, ProtocolExamples.ALL.values().stream().anyMatch(m -> m.type() == t), "no example of " + t);
        }
    }

    @Test
    void largestBatchFitsTheFrameCeiling() {
        short[] xyz = new short[3 * Protocol.MAX_SAMPLES_PER_BATCH];
        java.util.Arrays.fill(xyz, (short) -1);
        byte[] f = new FrameEncoder().encode(new Message.SampleBatch(1, 0xFFFF_FFFFL, 5000, 1000, xyz));
        assertEquals(true, f.length <= Protocol.MAX_ENCODED_FRAME + 1, "encoded " + f.length);
        assertThrows(IllegalArgumentException.class,
                () -> new Message.SampleBatch(1, 0, 5000, 1000, new short[3 * (Protocol.MAX_SAMPLES_PER_BATCH + 1)]));
    }

    @Test
    void constructorsNameTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Message.Command(70000, Message.Opcode.VENT, 0, 0));
        assertEquals("commandId = 70000 is outside 0..65535", e.getMessage());
    }

    @Test
    void aCommandWithAnUnknownOpcodeIsAValidFrameThatKeepsItsBytes() {
        Message.UnknownCommand u = new Message.UnknownCommand(11, 9, 0x1234, 7);
        List<Message> got = new ArrayList<>();
        FrameDecoder dec = new FrameDecoder((seq, m) -> got.add(m));
        byte[] f = new FrameEncoder().encode(u);
        dec.feed(f, 0, f.length);
        assertEquals(List.of(u), got);
        assertEquals(0, dec.rejectedTotal());
        assertThrows(IllegalArgumentException.class, () -> new Message.UnknownCommand(1, Message.Opcode.VENT.code(), 0, 0));
    }
}
