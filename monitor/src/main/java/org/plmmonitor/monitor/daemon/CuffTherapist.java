package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.bridge.serial.CommandResult;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.CuffPolicy;
import org.plmmonitor.monitor.cuff.PolicyAction;
import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoredMovement;
import org.plmmonitor.monitor.store.StoredSeries;
import org.plmmonitor.monitor.trial.ScheduledNight;
import org.plmmonitor.monitor.trial.TrialSchedule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Carries out the cuff therapy policy ({@link CuffPolicy}) in the daemon: feeds it the night's opening and
 * closing (as a {@link NightListener}), the open night's stored series and candidate movements, the
 * controller's telemetry and link, {@code plm cuff stop} ({@link CuffControl}) and the time; sends what it
 * decides through the {@link CuffMonitor}; stores every command with the controller's answer as a
 * {@link CuffAction} and every session's start and end as a cuff {@link DeviceEvent}. It acts only while
 * the daemon has a UTC time it trusts. Not thread-safe: the daemon's processing thread only (answers
 * arrive on other threads and wait in a queue for {@link #step()}).
 */
final class CuffTherapist implements NightListener {
    private static final System.Logger LOG = System.getLogger(CuffTherapist.class.getName());
    /** How often the open night's stored series and movements are read, ms: a trigger is minutes long. */
    static final long STORE_POLL_MS = 2000;

    private final CuffPolicy policy;
    private final CuffTherapy.Trigger trigger;
    private final CuffMonitor monitor;
    private final NightLifecycle life;
    private final LocalStore store;
    private final Path dataDir;
    private final Supplier<OptionalLong> nowUtcMs;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CuffTherapy therapy;
    private final TrialSchedule trial;
    /** Sessions started, by the night their start names (for the status). */
    private final Map<String, Integer> startedByNight = new HashMap<>();

    private String openNight;
    private final Set<Integer> seenSeries = new HashSet<>();
    private final Set<String> seenMovements = new HashSet<>();
    private long nextStorePollMs = Long.MIN_VALUE;
    private int connection = -1;
    private boolean connected;

    /** A command's answer, for the processing thread. */
    private record Answer(long sentUtcMs, PolicyAction command, CuffOutcome outcome) {
    }

    /**
     * @param policy   the policy core, configured
     * @param therapy  the configured therapy the policy was built from
     * @param monitor  the started cuff monitor
     * @param life     names the night of a time
     * @param store    where commands and sessions go
     * @param dataDir  the daemon's data directory ({@link CuffControl})
     * @param nowUtcMs the daemon's UTC time now, epoch ms; empty while it has none it trusts
     * @param trial    the n-of-1 trial the policy follows, or null (for the status)
     */
    CuffTherapist(CuffPolicy policy, CuffTherapy therapy, CuffMonitor monitor, NightLifecycle life,
                  LocalStore store, Path dataDir, Supplier<OptionalLong> nowUtcMs, TrialSchedule trial) {
        this.trial = trial;
        this.policy = policy;
        this.therapy = therapy;
        this.trigger = therapy.trigger();
        this.monitor = monitor;
        this.life = life;
        this.store = store;
        this.dataDir = dataDir;
        this.nowUtcMs = nowUtcMs;
    }

    @Override
    public void nightOpened(String nightId, long startUtcMs, long endUtcMs) {
        openNight = nightId;
        seenSeries.clear();
        seenMovements.clear();
        OptionalLong now = nowUtcMs.get();
        if (now.isPresent()) {
            carryOut(now.getAsLong(), policy.nightOpened(now.getAsLong()));
        }
    }

    @Override
    public void nightClosed(String nightId, long endUtcMs, NightLifecycle.CloseReason reason) {
        openNight = null;
        // The policy's line is the daemon's UTC now (a simulated night's close may lie elsewhere on its own line).
        long now = nowUtcMs.get().orElse(endUtcMs);
        carryOut(now, policy.nightClosed(now));
    }

    /** One step of the daemon's loop: answers, a stop request, the controller, the night's triggers, the time. */
    void step() {
        boolean stop = CuffControl.takeStop(dataDir);
        OptionalLong t = nowUtcMs.get();
        if (t.isEmpty()) {
            if (stop) {
                // No trusted time to file it under; the VENT still goes out.
                LOG.log(System.Logger.Level.WARNING, "plm cuff stop with no trusted clock: VENT sent, not stored");
                monitor.vent();
            }
            return;
        }
        long now = t.getAsLong();
        for (Answer a; (a = answers.poll()) != null; ) {
            answered(now, a);
        }
        if (stop) {
            LOG.log(System.Logger.Level.INFO, "plm cuff stop: ending the therapy session");
            carryOut(now, policy.stop(now, SessionOutcome.STOPPED));
        }
        controller(now);
        if (openNight != null && now >= nextStorePollMs) {
            nextStorePollMs = now + STORE_POLL_MS;
            triggers(now);
        }
        carryOut(now, policy.tick(now));
    }

    /** @return the policy as {@code plm status} shows it now */
    TherapyStatus status() {
        OptionalLong t = nowUtcMs.get();
        int tonight = t.isEmpty() ? 0 : startedByNight.getOrDefault(life.nightIdAt(t.getAsLong()), 0);
        OptionalLong next = t.isEmpty() ? OptionalLong.empty() : policy.nextAllowedMs(t.getAsLong());
        TrialConfig.Arm arm = trial == null || t.isEmpty() ? null
                : trial.night(life.nightIdAt(t.getAsLong())).map(ScheduledNight::arm).orElse(null);
        return new TherapyStatus(therapy.policy().configName(), policy.state(), tonight,
                next.isEmpty() ? null : Instant.ofEpochMilli(next.getAsLong()), TherapyStatus.words(therapy), arm);
    }

    /** At the daemon's stop: ends a running session (the stop's own VENT is the {@link CuffRecorder}'s). */
    void stop() {
        OptionalLong t = nowUtcMs.get();
        if (t.isEmpty()) {
            return;
        }
        for (Answer a; (a = answers.poll()) != null; ) {
            answered(t.getAsLong(), a);
        }
        for (PolicyAction a : policy.stop(t.getAsLong(), SessionOutcome.DAEMON_STOPPED)) {
            if (!(a instanceof PolicyAction.Vent)) {
                carryOut(t.getAsLong(), List.of(a));
            }
        }
    }

    private void controller(long now) {
        CuffMonitor.Snapshot s = monitor.snapshot();
        boolean lost = (connected && !s.connected()) || (connection >= 0 && s.connection() != connection);
        connected = s.connected();
        connection = s.connection();
        if (lost) {
            carryOut(now, policy.linkLost(now));
        }
        if (s.connected() && s.state().isPresent()) {
            carryOut(now, policy.telemetry(now, s.state().get(), s.flags(), s.pressureMmHg()));
        }
    }

    /** The open night's new series (trigger series) or decided candidate movements (trigger movements). */
    private void triggers(long now) {
        if (trigger == CuffTherapy.Trigger.SERIES) {
            for (StoredSeries s : store.series(openNight, DetectorConfig.VERSION)) {
                if (seenSeries.add(s.id())) {
                    carryOut(now, policy.seriesStarted(now));
                }
            }
        } else {
            for (StoredMovement m : store.movements(openNight, DetectorConfig.VERSION)) {
                if (m.decided() && m.candidate() && seenMovements.add(m.leg() + "@" + m.onsetUtcMs())) {
                    carryOut(now, policy.candidateMovement(m.onsetUtcMs(), now));
                }
            }
        }
    }

    private void carryOut(long now, List<PolicyAction> actions) {
        for (PolicyAction a : actions) {
            if (a instanceof PolicyAction.Inflate i) {
                watch(now, a, monitor.inflate(i.targetMmHg(), i.holdS()));
            } else if (a instanceof PolicyAction.Vent) {
                watch(now, a, monitor.vent());
            } else if (a instanceof PolicyAction.SessionStarted s) {
                LOG.log(System.Logger.Level.INFO, "cuff therapy session started (" + s.trigger().word() + ")");
                startedByNight.merge(life.nightIdAt(s.utcMs()), 1, Integer::sum);
                store.putDeviceEvent(new DeviceEvent(life.nightIdAt(s.utcMs()), s.utcMs(), CuffMonitor.DEVICE,
                        DeviceEventKind.SESSION_STARTED, "trigger=" + s.trigger().word()));
            } else if (a instanceof PolicyAction.SessionEnded e) {
                String detail = String.format(Locale.ROOT, "outcome=%s cycles=%d max_pressure_mmhg=%.1f trigger=%s",
                        e.outcome().word(), e.cycles(), e.maxPressureMmHg(), e.trigger().word());
                LOG.log(e.outcome().endsNight() ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                        "cuff therapy session ended: " + detail);
                store.putDeviceEvent(new DeviceEvent(life.nightIdAt(e.utcMs()), e.utcMs(), CuffMonitor.DEVICE,
                        DeviceEventKind.SESSION_ENDED, detail));
                // Filed under the night its start names, as its SESSION_STARTED event.
                store.putCuffSession(new CuffSession(life.nightIdAt(e.startUtcMs()), e.startUtcMs(), e.utcMs(),
                        e.trigger(), e.cycles(), e.maxPressureMmHg(), e.outcome()));
            }
        }
    }

    private void watch(long sentUtcMs, PolicyAction command, CompletableFuture<CommandResult> f) {
        f.whenComplete((r, e) -> answers.add(new Answer(sentUtcMs, command, outcome(r, e))));
    }

    private static CuffOutcome outcome(CommandResult r, Throwable e) {
        if (r != null) {
            return r.accepted() ? CuffOutcome.DONE : CuffOutcome.REFUSED;
        }
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof TimeoutException ? CuffOutcome.TIMEOUT : CuffOutcome.FAILED;
    }

    private void answered(long now, Answer a) {
        String night = life.nightIdAt(a.sentUtcMs());
        if (a.command() instanceof PolicyAction.Inflate i) {
            store.putCuffAction(new CuffAction(night, a.sentUtcMs(), CuffCommand.INFLATE, i.targetMmHg(), i.holdS(),
                    a.outcome()));
            carryOut(now, policy.inflateAnswered(now, a.outcome() == CuffOutcome.DONE));
        } else {
            store.putCuffAction(new CuffAction(night, a.sentUtcMs(), CuffCommand.VENT, 0, 0, a.outcome()));
        }
    }
}
