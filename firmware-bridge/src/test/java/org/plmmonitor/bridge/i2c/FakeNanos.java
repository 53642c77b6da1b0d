package org.plmmonitor.bridge.i2c;

import java.util.function.LongSupplier;

/** A host monotonic clock the test moves by hand. */
final class FakeNanos implements LongSupplier {
    private long now = 7_000_000_000_000L; // arbitrary, like System.nanoTime's origin

    @Override
    public long getAsLong() {
        return now;
    }

    void advanceS(double seconds) {
        now += Math.round(seconds * 1e9);
    }
}
