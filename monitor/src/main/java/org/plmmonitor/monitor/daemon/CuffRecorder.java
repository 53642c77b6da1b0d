package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.LocalStore;

import java.time.Duration;
import java.util.List;

/**
 * Stores what the watched cuff controller did: the {@link CuffMonitor}'s events (and a VENT sent at stop),
 * each once the {@link ClockGate} can give it a UTC time, filed under the night the {@link NightLifecycle}
 * names for that time. Not thread-safe: the daemon's processing thread only.
 */
final class CuffRecorder {
    private static final System.Logger LOG = System.getLogger(CuffRecorder.class.getName());

    private final CuffMonitor monitor;
    private final ClockGate gate;
    private final NightLifecycle life;
    private final LocalStore store;

    /**
     * @param monitor the started cuff monitor
     * @param gate    gives the events their UTC time (and holds them until it can)
     * @param life    names the night of a time
     * @param store   where they go
     */
    CuffRecorder(CuffMonitor monitor, ClockGate gate, NightLifecycle life, LocalStore store) {
        this.monitor = monitor;
        this.gate = gate;
        this.life = life;
        this.store = store;
    }

    /** @return the monitor, for the status */
    CuffMonitor monitor() {
        return monitor;
    }

    /** Stores the cuff's queued events that have a UTC time now; the rest wait in the gate. */
    void storeEvents() {
        gate.holdCuff(monitor.drain());
        for (ClockGate.StampedCuffItem s : gate.releaseCuff()) {
            String night = life.nightIdAt(s.utcMs());
            if (s.item() instanceof CuffMonitor.Note n) {
                store.putDeviceEvent(new DeviceEvent(night, s.utcMs(), CuffMonitor.DEVICE, n.kind(), n.detail()));
            } else if (s.item() instanceof CuffMonitor.Vent v) {
                store.putCuffAction(new CuffAction(night, s.utcMs(), CuffCommand.VENT, 0, 0, v.outcome()));
            }
        }
    }

    /**
     * At stop: VENT if the controller reports air in the cuff, close the link, and store what is left of the
     * cuff's events while the store is still open (what has no UTC time by then is dropped, and said so).
     *
     * @param ventWait longest wait for the controller's answer to VENT
     */
    void stop(Duration ventWait) {
        try {
            monitor.ventIfInflated(ventWait).ifPresent(v -> gate.holdCuff(List.of(v)));
        } finally {
            monitor.close();
            storeEvents();
            int lost = gate.dropHeldCuff();
            if (lost > 0) {
                LOG.log(System.Logger.Level.WARNING, lost + " cuff event(s) not stored: the wall clock "
                        + "was never trusted during this run");
            }
        }
    }
}
