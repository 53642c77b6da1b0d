package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.RawChunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays a night's stored raw signal into a pipeline, so that a night resumed after a kill is analysed whole.
 * The store is read ten minutes at a time (only that piece decoded), both legs' 10-s chunks in time order, so
 * no leg runs ahead of the other by more than a chunk (the pipeline holds movements back for a lagging leg).
 * Samples go to the pipeline only, never to the store again.
 */
final class StoredRawReplay {
    /** How much of the night is decoded at once, ms. */
    private static final long PIECE_MS = 600_000;

    private StoredRawReplay() {
    }

    /**
     * @param store   the store holding the night's raw signal (flushed)
     * @param nightId the night
     * @param legs    the legs the pipeline has
     * @param fromMs  the first chunk's earliest start, UTC epoch ms (the night's first start, less a chunk)
     * @param untilMs replay only samples before this, UTC epoch ms (where the new part's samples start)
     * @param mapper  the new part's line-to-UTC mapping (anchored): the replayed samples get line times on it
     * @param night   the pipeline to feed
     * @return for each leg with stored signal, the UTC time just after its last replayed sample, epoch ms
     */
    static Map<Leg, Long> replay(LocalStore store, String nightId, Set<Leg> legs, long fromMs, long untilMs,
                                 WallClockMapper mapper, NightPipeline night) {
        Map<Leg, Long> ends = new EnumMap<>(Leg.class);
        // The line time of a UTC time: the mapper's offset at line 0 (the replayed part is before any re-anchoring
        // of this run's line).
        long lineZeroMs = mapper.toUtcMs(0);
        for (long from = fromMs; from < untilMs; from += PIECE_MS) {
            long to = Math.min(untilMs, from + PIECE_MS);
            List<RawChunk> piece = new ArrayList<>();
            for (Leg leg : legs) {
                store.rawChunks(nightId, leg, from, to, piece::add);
            }
            piece.sort(Comparator.comparingLong(RawChunk::startUtcMs));
            for (RawChunk c : piece) {
                double startS = (c.startUtcMs() - lineZeroMs) / 1000.0;
                var sink = night.sink(c.leg());
                int n = c.samples();
                for (int i = 0; i < n; i++) {
                    double t = startS + i / c.rateHz();
                    if (c.startUtcMs() + i * 1000.0 / c.rateHz() >= untilMs) {
                        break;
                    }
                    sink.accept(t, c.g(i, 0), c.g(i, 1), c.g(i, 2));
                    ends.merge(c.leg(), c.startUtcMs() + (long) Math.ceil((i + 1) * 1000.0 / c.rateHz()), Math::max);
                }
                night.tick();
            }
        }
        return ends;
    }
}
