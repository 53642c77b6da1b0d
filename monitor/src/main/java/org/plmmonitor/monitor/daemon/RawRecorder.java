package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.RawChunk;

/**
 * Keeps one leg's raw signal in the store for re-analysis and export, in chunks of about 10 s of
 * evenly spaced samples as 16-bit counts of {@link #SCALE_G} g (+-8 g). A chunk ends early where the
 * stamps break their spacing (a gap: a step of 1.5 periods or more; a clock step), so each chunk's
 * samples sit at its start plus index / rate. Each sample passes on as received: the pipeline puts it on
 * the same grid at its entry ({@link AccelerationGrid}), so the night analysed live is exactly the
 * night a resume or {@code plm reanalyze} re-derives from the store.
 */
final class RawRecorder implements AccelerationSink {
    /** g per count: +-8 g in 16 bits, 0.24 mg resolution (finer than the sensors'). */
    static final double SCALE_G = AccelerationGrid.G_PER_COUNT;
    private static final double CHUNK_S = 10.0;

    private final String nightId;
    private final Leg leg;
    private final double rateHz;
    private final WallClockMapper mapper;
    private final LocalStore store;
    private final AccelerationSink next;
    private final short[] buf;
    private int n;
    private double firstS;
    private double lastS = Double.NaN;

    RawRecorder(String nightId, Leg leg, double rateHz, WallClockMapper mapper, LocalStore store, AccelerationSink next) {
        this.nightId = nightId;
        this.leg = leg;
        this.rateHz = rateHz;
        this.mapper = mapper;
        this.store = store;
        this.next = next;
        this.buf = new short[3 * (int) Math.max(1, Math.round(CHUNK_S * rateHz))];
    }

    @Override
    public void accept(double tS, double xG, double yG, double zG) {
        double step = tS - lastS;
        if (n > 0 && (n * 3 == buf.length || Math.abs(step * rateHz - 1) > 0.5)) {
            flush();
        }
        if (n == 0) {
            firstS = tS;
        }
        buf[3 * n] = AccelerationGrid.counts(xG);
        buf[3 * n + 1] = AccelerationGrid.counts(yG);
        buf[3 * n + 2] = AccelerationGrid.counts(zG);
        n++;
        lastS = tS;
        next.accept(tS, xG, yG, zG);
    }

    /** Stores what is buffered (at a break, a full chunk, or the night's end). */
    void flush() {
        if (n == 0) {
            return;
        }
        short[] c = new short[3 * n];
        System.arraycopy(buf, 0, c, 0, c.length);
        store.putRawChunk(new RawChunk(nightId, leg, mapper.toUtcMs(firstS), rateHz, SCALE_G, 3, c));
        n = 0;
    }
}
