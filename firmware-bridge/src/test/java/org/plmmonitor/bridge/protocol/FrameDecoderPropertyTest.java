package org.plmmonitor.bridge.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile streams: the decoder never throws, rejects exactly the damaged runs and resynchronises. */
class FrameDecoderPropertyTest {

    static final class Recorder implements FrameListener {
        final List<Integer> seqs = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);
        int rejected;

        @Override
        public void onMessage(int seq, Message message) {
            seqs.add(seq);
            messages.add(message);
        }

        @Override
        public void onReject(RejectReason reason) {
            rejected++;
            rejects.merge(reason, 1, Integer::sum);
        }
    }

    @Property(tries = 300, seed = "7")
    void randomBytesInRandomChunksNeverThrow(@ForAll @Size(max = 5000) byte[] data, @ForAll @IntRange(min = 1, max = 700) int chunk) {
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(r);
        for (int i = 0; i < data.length; i += chunk) {
            d.feed(data, i, Math.min(chunk, data.length - i));
        }
        long zeros = 0;
        for (byte b : data) {
            if (b == 0) {
                zeros++;
            }
        }
        assertTrue(r.rejected + r.messages.size() <= zeros, "every outcome ends at a delimiter");
    }

    /** A frame for sequence number i with some payload. */
    static Message sample(int i, SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(Protocol.MAX_SAMPLES_PER_BATCH);
        short[] xyz = new short[3 * n];
        for (int k = 0; k < xyz.length; k++) {
            xyz[k] = (short) rnd.nextInt(-2000, 2000);
        }
        return new Message.SampleBatch(i % 2, 100L * i, 5000, 1000, xyz);
    }

    enum Damage { NONE, BIT_FLIP, TRUNCATE, GARBAGE_BEFORE, OVERLONG_BEFORE }

    @Provide
    Arbitrary<List<Damage>> damagePlans() {
        Arbitrary<Damage> one = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Damage.NONE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Damage.BIT_FLIP)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Damage.TRUNCATE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Damage.GARBAGE_BEFORE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Damage.OVERLONG_BEFORE)));
        return one.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 200, seed = "11")
    void mutatedStreamsLoseExactlyTheDamagedFrames(@ForAll("damagePlans") List<Damage> plan,
                                                    @ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int chunk) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FrameEncoder enc = new FrameEncoder();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Integer> intact = new ArrayList<>();
        List<Message> intactMessages = new ArrayList<>();
        int expectedRejects = 0;
        for (int i = 0; i < plan.size(); i++) {
            Message m = sample(i, rnd);
            byte[] f = enc.encode(m, i);
            switch (plan.get(i)) {
                case NONE -> {
                    intact.add(i);
                    intactMessages.add(m);
                }
                case BIT_FLIP -> {
                    int pos = rnd.nextInt(f.length - 1);
                    byte flipped;
                    int bit;
                    do {
                        bit = rnd.nextInt(8);
                        flipped = (byte) (f[pos] ^ (1 << bit));
                    } while (flipped == 0); // a flip to 0x00 splits the frame: covered by TRUNCATE
                    f[pos] = flipped;
                    expectedRejects++;
                }
                case TRUNCATE -> {
                    int keep = 1 + rnd.nextInt(f.length - 2);
                    byte[] t = new byte[keep + 1];
                    System.arraycopy(f, 0, t, 0, keep);
                    f = t; // ends with 0x00: the sender reset mid-frame and started afresh
                    expectedRejects++;
                }
                case GARBAGE_BEFORE -> {
                    byte[] g = new byte[1 + rnd.nextInt(40)];
                    for (int k = 0; k < g.length; k++) {
                        g[k] = (byte) (1 + rnd.nextInt(255));
                    }
                    stream.writeBytes(g);
                    stream.write(0);
                    intact.add(i);
                    intactMessages.add(m);
                    expectedRejects++;
                }
                case OVERLONG_BEFORE -> {
                    byte[] g = new byte[Protocol.MAX_ENCODED_FRAME + 1 + rnd.nextInt(3000)];
                    for (int k = 0; k < g.length; k++) {
                        g[k] = (byte) (1 + rnd.nextInt(255));
                    }
                    stream.writeBytes(g);
                    stream.write(0);
                    intact.add(i);
                    intactMessages.add(m);
                    expectedRejects++;
                }
            }
            stream.writeBytes(f);
        }
        byte[] data = stream.toByteArray();
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(r);
        for (int i = 0; i < data.length; i += chunk) {
            d.feed(data, i, Math.min(chunk, data.length - i));
        }
        assertEquals(intact, r.seqs);
        assertEquals(intactMessages, r.messages);
        assertEquals(expectedRejects, r.rejected, () -> "rejects " + r.rejects);
    }

    @Test
    void aLengthFieldLargerThanTheBodyIsRejectedNotTrusted() {
        // SAMPLE_BATCH header claiming 80 samples with only one present.
        byte[] raw = {1, 0x10, 0, 0, /*sensor*/0, /*counter*/0, 0, 0, 0, /*rate*/(byte) 0x88, 0x13, /*scale*/(byte) 0xE8, 3,
                /*count*/80, 1, 0, 2, 0, 3, 0, 0, 0};
        int crc = Crc16.compute(raw, 0, raw.length - 2);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >> 8);
        byte[] enc = new byte[Cobs.maxEncodedLength(raw.length) + 1];
        int n = Cobs.encode(raw, 0, raw.length, enc, 0);
        Recorder r = new Recorder();
        new FrameDecoder(r).feed(enc, 0, n + 1);
        assertEquals(Map.of(RejectReason.BAD_BODY, 1), r.rejects);
    }

    @Test
    void unknownVersionAndTypeAreRejectedByName() {
        for (int[] vt : new int[][]{{2, 0x40, RejectReason.BAD_VERSION.ordinal()}, {1, 0x7F, RejectReason.UNKNOWN_TYPE.ordinal()}}) {
            byte[] raw = {(byte) vt[0], (byte) vt[1], 0, 0, 1, 2, 3, 4, 0, 0};
            int crc = Crc16.compute(raw, 0, raw.length - 2);
            raw[8] = (byte) crc;
            raw[9] = (byte) (crc >> 8);
            byte[] enc = new byte[Cobs.maxEncodedLength(raw.length) + 1];
            int n = Cobs.encode(raw, 0, raw.length, enc, 0);
            Recorder r = new Recorder();
            new FrameDecoder(r).feed(enc, 0, n + 1);
            assertEquals(Map.of(RejectReason.values()[vt[2]], 1), r.rejects);
        }
    }

    @Test
    void sequenceTrackerCountsSkipsAndToleratesRestarts() {
        SequenceTracker t = new SequenceTracker();
        assertEquals(0, t.observe(65533));
        assertEquals(0, t.observe(65534));
        assertEquals(2, t.observe(1), "65535 and 0 missing across the wrap");
        assertEquals(0, t.observe(0), "a step back is a restart, not 65535 losses");
        assertEquals(0, t.observe(1));
    }
}
