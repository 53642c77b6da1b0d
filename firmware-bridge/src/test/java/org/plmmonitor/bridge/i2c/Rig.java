package org.plmmonitor.bridge.i2c;

/**
 * One fake sensor, its source and a recording sink, driven step by step on a fake clock. The generator
 * encodes each sample's 1-based index in its x and y counts so tests can tell exactly which samples
 * arrived.
 */
final class Rig {
    static final int SPAN = 1000; // x, y within +-500 counts: unclipped at every range; unique for 1e6 samples

    final FakeNanos nanos;
    final I2cSensorConfig config;
    final FakeAccelerometer fake;
    final I2cSensorSource source;
    final RecordingSink sink = new RecordingSink();

    Rig(I2cSensorConfig config, double clockError) {
        this(config, clockError, new FakeNanos(), new FakeI2cBus());
    }

    Rig(I2cSensorConfig config, double clockError, FakeNanos nanos, FakeI2cBus bus) {
        this.nanos = nanos;
        this.config = config;
        FakeAccelerometer.Generator gen = Rig::encode;
        this.fake = config.part() == AccelerometerPart.ADXL345
                ? new FakeAdxl345(config.address(), nanos, clockError, gen)
                : new FakeLis3dh(config.address(), nanos, clockError, gen);
        bus.attach(fake);
        try {
            this.source = new I2cSensorSource(config, bus, sink, nanos).addGapListener(sink::gap);
        } catch (I2cException e) {
            throw new AssertionError(e);
        }
    }

    static int[] encode(long index) {
        return new int[] {(int) (index % SPAN) - SPAN / 2, (int) ((index / SPAN) % SPAN) - SPAN / 2, 200 + (int) (index % 7)};
    }

    /** Index of a delivered sample, from its x and y in g. */
    long index(RecordingSink.Sample s) {
        // From the configuration, not the fake's registers, which a power cycle resets.
        double g = config.part() == AccelerometerPart.ADXL345 ? Adxl345.G_PER_COUNT : Lis3dh.gPerCount(config.rangeG());
        long x = Math.round(s.x() / g) + SPAN / 2;
        long y = Math.round(s.y() / g) + SPAN / 2;
        return x + SPAN * y;
    }

    /** Polls every {@code pollS} seconds for {@code seconds}. */
    void run(double seconds, double pollS) {
        int steps = (int) Math.round(seconds / pollS);
        for (int i = 0; i < steps; i++) {
            nanos.advanceS(pollS);
            source.poll();
        }
    }

    /** Lets time pass without polling (a paused JVM). */
    void pause(double seconds) {
        nanos.advanceS(seconds);
    }
}
