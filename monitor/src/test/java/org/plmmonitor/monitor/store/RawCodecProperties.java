package org.plmmonitor.monitor.store;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.zip.DataFormatException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RawCodecProperties {
    @Property(tries = 300, seed = "42")
    void encodeThenDecodeIsLossless(@ForAll @Size(min = 1, max = 600) short[] samples, @ForAll @IntRange(min = 1, max = 3) int axes) {
        int n = samples.length - samples.length % axes;
        if (n == 0) {
            n = axes;
        }
        short[] counts = java.util.Arrays.copyOf(samples, n);
        try {
            assertArrayEquals(counts, RawCodec.decode(RawCodec.encode(counts, axes), counts.length, axes));
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        }
    }
}
