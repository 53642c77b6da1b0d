package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.protocol.CuffFault;
import org.plmmonitor.monitor.influx.ForwarderHealth;
import org.plmmonitor.monitor.store.StoreHealth;
import org.plmmonitor.monitor.web.WebStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code plm status} shows: a snapshot the daemon writes every few seconds.
 *
 * @param updated      when the snapshot was taken (wall clock, possibly not yet synced)
 * @param clockSynced  true once a trusted wall clock anchors the time line
 * @param reanchors    wall-clock jumps followed since start
 * @param heldSamples  samples held back waiting for a synced clock, or for every source to give its rate
 * @param droppedHeld  held samples dropped because the hold buffer was full
 * @param nightId      the open night, or null
 * @param nightStart   when it opened, or null
 * @param movements    decided movements of the open night so far
 * @param nightsClosed nights closed since start
 * @param sources      one per leg
 * @param storeFile    the database file
 * @param store        its health
 * @param influx       forwarder health, or null when InfluxDB is not configured
 * @param cuff         the compression-cuff controller ({@link CuffStatus#NOT_CONFIGURED} without one)
 * @param web          the web interface ({@link WebStatus#DISABLED} when {@code web.enabled = false})
 */
public record DaemonStatus(Instant updated, boolean clockSynced, int reanchors, long heldSamples, long droppedHeld,
                           String nightId, Instant nightStart, int movements, int nightsClosed,
                           List<SourceStatus> sources, Path storeFile, StoreHealth store, ForwarderHealth influx,
                           CuffStatus cuff, WebStatus web) {

    /**
     * One source.
     *
     * @param leg            {@code left} or {@code right}
     * @param type           the config's type name
     * @param name           the device, file or seed
     * @param rateHz         nominal rate, Hz
     * @param measuredRateHz samples per second of line time since the previous snapshot, Hz (NaN before two)
     * @param samples        samples received since start
     * @param lastSampleS    the last sample's line time, s (NaN before the first)
     * @param lastSampleUtc  the last sample's UTC time, or null while the clock is not synced
     * @param rejected       frames rejected by the source
     * @param lost           losses (gaps, overflows) reported by the source
     * @param ended          true when a simulator or replay has delivered its last sample
     * @param link           the device link's state, or null for a source without one (simulator, replay, I2C)
     */
    public record SourceStatus(String leg, String type, String name, double rateHz, double measuredRateHz,
                               long samples, double lastSampleS, Instant lastSampleUtc, long rejected, long lost,
                               boolean ended, SourceLinkState link) {
    }

    /**
     * The compression-cuff controller as the daemon last saw it. The daemon watches it and sends its limits;
     * it inflates it only under a configured therapy policy ({@code cuff.policy}).
     *
     * @param state              link state, then the controller's own state from its telemetry
     * @param link               the device path, {@code simulator}, or null when not configured
     * @param pressureMmHg       the latest telemetry's measured pressure, mmHg, or null before any
     * @param ceilingMmHg        the configured host ceiling ({@code cuff.max_pressure_mmhg}), mmHg, or null
     *                           when not configured
     * @param lastTelemetryUtc   when the latest telemetry arrived (wall clock, like {@code updated}), or null
     * @param faults             the fault flags set in the latest telemetry (iterated in bit order)
     * @param limitsAcknowledged true once the controller acknowledged SET_LIMITS on the present connection
     * @param therapy            the therapy policy ({@link TherapyStatus#NONE} without a cuff)
     */
    public record CuffStatus(CuffLinkState state, String link, Double pressureMmHg, Integer ceilingMmHg,
                             Instant lastTelemetryUtc, Set<CuffFault> faults, boolean limitsAcknowledged,
                             TherapyStatus therapy) {
        /** No cuff in the config. */
        public static final CuffStatus NOT_CONFIGURED = new CuffStatus(CuffLinkState.NOT_CONFIGURED, null, null, null,
                null, Set.of(), false, TherapyStatus.NONE);

        public CuffStatus {
            java.util.Objects.requireNonNull(state, "state");
            java.util.Objects.requireNonNull(therapy, "therapy");
            // An EnumSet copy keeps bit order, which the status words are listed in.
            faults = Collections.unmodifiableSet(faults.isEmpty() ? EnumSet.noneOf(CuffFault.class) : EnumSet.copyOf(faults));
        }

        /**
         * @param t the therapy policy's status
         * @return this status with it
         */
        public CuffStatus withTherapy(TherapyStatus t) {
            return new CuffStatus(state, link, pressureMmHg, ceilingMmHg, lastTelemetryUtc, faults, limitsAcknowledged, t);
        }
    }
}
