package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.Objects;

/**
 * One detected leg movement as stored. Keyed by (night, leg, onset ms, detector version): a
 * streaming update of the same movement (first with its series pending, then decided) replaces the
 * stored row, and the same night analysed by another detector version is kept beside it.
 *
 * @param nightId         night id ({@link NightIds})
 * @param leg             left, right or bilateral (a merged candidate)
 * @param onsetUtcMs      onset, UTC epoch milliseconds; also the InfluxDB timestamp
 * @param offsetUtcMs     offset, UTC epoch milliseconds, {@code >= onsetUtcMs}
 * @param onsetS          onset in seconds on the source's own time line (as in {@code plm analyze})
 * @param offsetS         offset in seconds on the source's time line, {@code >= onsetS}
 * @param candidate       true for a candidate leg movement (CLM)
 * @param periodic        true when it belongs to a PLM series
 * @param seriesId        1-based id of its series in the night, or null
 * @param decided         false while the series membership is still pending (streaming), true once final
 * @param peakG           peak of the activity envelope, g (NaN when unknown)
 * @param rmsG            RMS of the envelope over the movement, g (NaN when unknown)
 * @param detectorVersion version string of the detector that found it, non-blank
 * @param standard        scoring standard applied
 * @param source          what saw it (docs/contracts.md); {@code peakG}/{@code rmsG} are NaN when it is the cuff alone
 */
public record StoredMovement(String nightId, Leg leg, long onsetUtcMs, long offsetUtcMs,
                             double onsetS, double offsetS, boolean candidate, boolean periodic,
                             Integer seriesId, boolean decided, double peakG, double rmsG,
                             String detectorVersion, ScoringStandard standard, MovementSource source) implements StoredItem {
    /** A movement an ankle accelerometer saw (every movement before the cuff was a sensor). */
    public StoredMovement(String nightId, Leg leg, long onsetUtcMs, long offsetUtcMs,
                          double onsetS, double offsetS, boolean candidate, boolean periodic,
                          Integer seriesId, boolean decided, double peakG, double rmsG,
                          String detectorVersion, ScoringStandard standard) {
        this(nightId, leg, onsetUtcMs, offsetUtcMs, onsetS, offsetS, candidate, periodic, seriesId, decided, peakG, rmsG,
                detectorVersion, standard, MovementSource.ACCELEROMETER);
    }

    public StoredMovement {
        Objects.requireNonNull(source, "movement source");
        NightIds.requireValid(nightId);
        Objects.requireNonNull(leg, "movement leg");
        Objects.requireNonNull(standard, "movement scoring standard");
        if (offsetUtcMs < onsetUtcMs) {
            throw new IllegalArgumentException("movement offset " + offsetUtcMs + " ms is before onset " + onsetUtcMs + " ms");
        }
        if (!(offsetS >= onsetS)) {
            throw new IllegalArgumentException("movement offset " + offsetS + " s is before onset " + onsetS + " s");
        }
        if (seriesId != null && seriesId < 1) {
            throw new IllegalArgumentException("series id " + seriesId + " must be >= 1 or null");
        }
        Checks.requireNonBlank(detectorVersion, "detector version");
    }
}
