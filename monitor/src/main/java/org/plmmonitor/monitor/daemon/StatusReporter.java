package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SourceDescriptor;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.influx.ForwarderHealth;
import org.plmmonitor.monitor.store.StoreHealth;
import org.plmmonitor.monitor.web.WebStatus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the daemon's status snapshot ({@link DaemonStatus}) and writes the files {@code plm status} reads
 * ({@link StatusFile}). Each source's measured rate is its samples per line second since the previous
 * snapshot. {@link #latest()} may be read from any thread; the rest is the processing thread's.
 */
final class StatusReporter {
    private static final System.Logger LOG = System.getLogger(StatusReporter.class.getName());

    /** A source at the previous snapshot: its latest line time, s, and samples then. */
    private record Seen(double lastS, long samples) {
    }

    private final Path dataDir;
    private final Path storeFile;
    private final Clock wall;
    private final Optional<CuffConfig> cuffConfig;
    private final Map<Leg, Seen> previous = new EnumMap<>(Leg.class);
    private volatile DaemonStatus latest;
    private volatile WebStatus web = WebStatus.DISABLED;
    /** Why the status files could not be written last time, or null when they were. */
    private String writeFailure;
    private final Heartbeat heartbeat;
    /** Why the heartbeat could not be written last time, or null when it was. */
    private String beatFailure;

    /**
     * @param dataDir    where the status files go
     * @param storeFile  the database file, as status names it
     * @param wall       the wall clock (the snapshot's time)
     * @param cuffConfig the configured cuff, if any (its status while the link is not open)
     */
    StatusReporter(Path dataDir, Path storeFile, Clock wall, Optional<CuffConfig> cuffConfig) {
        this.dataDir = dataDir;
        this.storeFile = storeFile;
        this.wall = wall;
        this.cuffConfig = cuffConfig;
        this.heartbeat = new Heartbeat(dataDir);
    }

    /** @param web the web interface's state, shown from the next snapshot on */
    void web(WebStatus web) {
        this.web = java.util.Objects.requireNonNull(web, "web");
    }

    /** @return the latest snapshot, or null before the first */
    DaemonStatus latest() {
        return latest;
    }

    /**
     * The open night as status shows it.
     *
     * @param nightId   its name
     * @param start     when it opened
     * @param movements decided movements so far
     */
    record OpenNight(String nightId, Instant start, int movements) {
    }

    /**
     * Takes a snapshot and writes the status files (a failure to write is logged: the daemon runs on).
     *
     * @param routes       the legs' entry points
     * @param gate         the clock gate (sync, held samples)
     * @param night        the open night, or null
     * @param nightsClosed nights closed since start
     * @param store        the store's health
     * @param influx       the forwarder's health, or null without InfluxDB
     * @param cuff         the open cuff link, or null (not configured, or not or no longer open)
     * @param therapy      the running therapy policy's status, or null (none runs: the configuration says it)
     * @return the snapshot
     */
    DaemonStatus report(Collection<Route> routes, ClockGate gate, OpenNight night, int nightsClosed,
                        StoreHealth store, ForwarderHealth influx, CuffMonitor cuff, TherapyStatus therapy) {
        List<DaemonStatus.SourceStatus> sources = new ArrayList<>();
        for (Route r : routes) {
            SampleFeed f = r.feed();
            if (f == null) {
                continue; // its source could not be opened: the run is ending with that error
            }
            Seen before = previous.get(r.leg());
            double measured = Double.NaN;
            if (before != null && !Double.isNaN(before.lastS()) && r.lastS() > before.lastS()) {
                measured = (r.samples() - before.samples()) / (r.lastS() - before.lastS());
            }
            previous.put(r.leg(), new Seen(r.lastS(), r.samples()));
            Instant lastUtc = gate.anchored() && !Double.isNaN(r.lastS()) ? gate.mapper().toInstant(r.lastS()) : null;
            // The source's own rate, NaN (null in the file) until a serial board has said it.
            double rate = f.descriptor().map(SourceDescriptor::rateHz).orElse(Double.NaN);
            sources.add(new DaemonStatus.SourceStatus(r.leg().jsonName(), f.type(), f.name(), rate, measured,
                    r.samples(), r.lastS(), lastUtc, f.rejected(), f.lost(), r.ended(), f.link().orElse(null)));
        }
        DaemonStatus s = new DaemonStatus(wall.instant(), gate.anchored(), gate.reanchors(), gate.heldSamples(),
                gate.droppedSamples(), night == null ? null : night.nightId(), night == null ? null : night.start(),
                night == null ? 0 : night.movements(), nightsClosed, sources, storeFile, store, influx,
                therapy == null ? cuffStatus(cuff) : cuffStatus(cuff).withTherapy(therapy), web);
        latest = s;
        try {
            StatusFile.write(dataDir, s);
            if (writeFailure != null) {
                LOG.log(System.Logger.Level.INFO, "status files written again (after: " + writeFailure + ")");
                writeFailure = null;
            }
        } catch (RuntimeException e) {
            // Once per kind of failure, not at every snapshot: a full disk stays full for hours.
            if (!e.getMessage().equals(writeFailure)) {
                LOG.log(System.Logger.Level.WARNING, "status file not written, the last good one stays: " + e.getMessage());
                writeFailure = e.getMessage();
            }
        }
        beat(s.updated());
        return s;
    }

    /** The heartbeat after every snapshot, saying whether the status files were written (issue 12). */
    private void beat(Instant now) {
        try {
            heartbeat.beat(now, writeFailure);
            beatFailure = null;
        } catch (java.io.IOException e) {
            String why = e.getMessage();
            if (!java.util.Objects.equals(why, beatFailure)) {
                LOG.log(System.Logger.Level.WARNING, "heartbeat " + Heartbeat.FILE + " not written: " + why);
                beatFailure = why;
            }
        }
    }

    private DaemonStatus.CuffStatus cuffStatus(CuffMonitor m) {
        if (m != null) {
            return m.status();
        }
        // Configured but not (or no longer) opened: the run is starting or ending.
        return cuffConfig.map(c -> new DaemonStatus.CuffStatus(CuffLinkState.DISCONNECTED,
                c.path().map(Path::toString).orElse("simulator"), null, c.maxPressureMmHg(), null, java.util.Set.of(), false,
                TherapyStatus.configured(c.therapy())))
                .orElse(DaemonStatus.CuffStatus.NOT_CONFIGURED);
    }
}
