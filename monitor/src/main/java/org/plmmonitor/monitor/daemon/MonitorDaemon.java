package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.bridge.i2c.I2cBus;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.trial.TrialBook;
import org.plmmonitor.monitor.trial.TrialSchedule;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.cuff.CuffPolicy;
import org.plmmonitor.monitor.influx.InfluxForwarder;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreHealth;
import org.plmmonitor.monitor.store.StoreState;
import org.plmmonitor.monitor.web.DaemonWeb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code plm monitor}: the configured sources on one processing thread, through the streaming analysis,
 * into the local store (and InfluxDB), night by night. The daemon wires its parts and acts on their
 * decisions:
 *
 * <ul>
 *   <li>each leg's {@link Route} counts its source's samples and hands them to the {@link ClockGate}, which
 *       gives them a UTC time (holding them back while the wall clock is not trusted) and passes them on;</li>
 *   <li>the {@link NightLifecycle} decides when a night opens and closes (schedule, posture, both, and the
 *       manual override); the daemon then opens or closes the night's {@link NightSession}, which scores and
 *       stores it, and a night the store already holds is resumed as a further part;</li>
 *   <li>{@link Pacing} sets how far each step of the loop asks the sources to go (virtual sources at their
 *       speed or as fast as the store takes them, live ones as they come);</li>
 *   <li>the {@link StatusReporter} writes what {@code plm status} shows;</li>
 *   <li>a configured compression-cuff controller is connected and watched ({@link CuffMonitor}): its limits
 *       are sent on every connection, its state is in the status, and its connections, refused limits and
 *       fault flags are device events ({@link CuffRecorder}). It inflates it only under a therapy policy
 *       ({@link CuffTherapist}); at stop it sends VENT if the controller
 *       reports air in the cuff. A run with a cuff and no sensor lasts until {@link #stop()}.</li>
 * </ul>
 *
 * <p>Time: sources stamp samples on a monotonic line in seconds; only the clock gate maps it to UTC.
 *
 * <p>Not thread-safe except {@link #stop()} and {@link #status()}.
 */
public final class MonitorDaemon {
    private static final System.Logger LOG = System.getLogger(MonitorDaemon.class.getName());
    /** Items a virtual (replay, simulator) run may have waiting for the store before it waits too. */
    private static final long MAX_AHEAD_ITEMS = 1000;
    /** Longest a one-night run waits for InfluxDB to take the night before it returns. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);
    /** Longest the stop waits for the cuff controller's answer to VENT: a stop must stay prompt. */
    static final Duration STOP_VENT_WAIT = Duration.ofSeconds(1);

    private final MonitorConfig cfg;
    private final DaemonOptions opt;
    private final Clock wall;
    private final LongSupplier nanos;
    private final FeedOpener feedOpener;
    private final CuffLinkOpener cuffLinks;
    private final NightSchedule schedule;
    private final NightLifecycle life;
    private final ClockGate gate;
    private final StatusReporter reporter;
    private final StoreWatch storeWatch = new StoreWatch();
    private final Path dataDir;
    private final List<ClosedNight> closed = new ArrayList<>();
    private final Map<Leg, Route> routes = new EnumMap<>(Leg.class);

    private volatile boolean stop;
    private LocalStore store;
    private InfluxForwarder forwarder;
    /** The web interface, when {@code web.enabled} (started with the store, closed before it). */
    private DaemonWeb web;
    /** The cuff controller's link and what it did, when {@code cuff.type} is set. */
    private CuffRecorder cuff;
    /** The cuff's therapy policy at work, when {@code cuff.policy} is not off. */
    private CuffTherapist therapist;
    /** Between nights in posture modes: judges lying and keeps samples to replay; null on a schedule. */
    private PostureWatch watch;
    /** Every leg's source has said its rate (latched: a descriptor, once said, stays). */
    private boolean described;
    /** The open night, or null. */
    private NightSession session;

    /**
     * @param cfg       the validated configuration
     * @param opt       run options
     * @param wall      the wall clock (UTC); may be wrong until {@code trusted} says otherwise
     * @param nanos     the monotonic clock, ns ({@code System::nanoTime}); live sources stamp from it
     * @param trusted   whether a wall-clock reading may be believed ({@link ClockTrust#system()})
     * @param busOpener opens I2C bus number N (0-31) for live I2C sensors
     */
    public MonitorDaemon(MonitorConfig cfg, DaemonOptions opt, Clock wall, LongSupplier nanos,
                         Predicate<Instant> trusted, IntFunction<I2cBus> busOpener) {
        this(cfg, opt, wall, nanos, trusted, busOpener, CuffLinkOpener.CONFIGURED);
    }

    /** As the public constructor, with the cuff controller's link opened by {@code cuffLinks}. */
    MonitorDaemon(MonitorConfig cfg, DaemonOptions opt, Clock wall, LongSupplier nanos,
                  Predicate<Instant> trusted, IntFunction<I2cBus> busOpener, CuffLinkOpener cuffLinks) {
        this(cfg, opt, wall, nanos, trusted, new ConfiguredFeeds(cfg, opt, busOpener, nanos), cuffLinks);
    }

    /** As the public constructor, with the legs' sources opened by {@code feedOpener}. */
    MonitorDaemon(MonitorConfig cfg, DaemonOptions opt, Clock wall, LongSupplier nanos,
                  Predicate<Instant> trusted, FeedOpener feedOpener) {
        this(cfg, opt, wall, nanos, trusted, feedOpener, CuffLinkOpener.CONFIGURED);
    }

    /**
     * As the public constructor, with the legs' sources opened by {@code feedOpener} and the cuff controller's
     * link by {@code cuffLinks}.
     */
    MonitorDaemon(MonitorConfig cfg, DaemonOptions opt, Clock wall, LongSupplier nanos,
                  Predicate<Instant> trusted, FeedOpener feedOpener, CuffLinkOpener cuffLinks) {
        this.cfg = cfg;
        this.opt = opt;
        this.wall = wall;
        this.nanos = nanos;
        this.feedOpener = feedOpener;
        this.cuffLinks = cuffLinks;
        this.schedule = NightSchedule.of(cfg.night(), cfg.timeZone());
        this.dataDir = cfg.store().dataDir();
        this.life = new NightLifecycle(cfg.night().mode(), schedule);
        this.gate = new ClockGate(wall, trusted, opt.maxHeldSamples(), this::deliver, this::described);
        this.reporter = new StatusReporter(dataDir, cfg.store().path(), wall, cfg.cuff());
    }

    /** @return where night reports go: {@code <store dir>/nights} */
    public Path nightsDir() {
        return dataDir.resolve("nights");
    }

    /** @return the directory holding the store, the night reports and the status files */
    public Path dataDir() {
        return dataDir;
    }

    /** Asks the running loop to close the open night and return (from any thread, e.g. a shutdown hook). */
    public void stop() {
        stop = true;
    }

    /** @return the latest status snapshot, or null before the first */
    public DaemonStatus status() {
        return reporter.latest();
    }

    /**
     * The spec of the night the simulator plays for this configuration: both legs simulated make one
     * two-ankle night with the left sensor's seed and rate; one leg makes a one-ankle night.
     *
     * @param cfg the configuration (at least one simulator sensor)
     * @param opt the run options (night length, PLM rate)
     * @return the spec, or empty when no sensor is a simulator
     */
    public static Optional<NightSpec> simulatorSpec(MonitorConfig cfg, DaemonOptions opt) {
        List<SensorConfig.Simulator> sims = new ArrayList<>();
        cfg.sensors().values().forEach(s -> {
            if (s instanceof SensorConfig.Simulator sim) {
                sims.add(sim);
            }
        });
        if (sims.isEmpty()) {
            return Optional.empty();
        }
        double hours = opt.simulatedHours() != null ? opt.simulatedHours() : windowHours(cfg);
        return Optional.of(NightSpec.builder().seed(sims.get(0).seed()).durationS(hours * 3600)
                .rateHz(sims.get(0).rateHz()).bilateral(sims.size() == 2).plmPerHour(opt.plmPerHour()).build());
    }

    private static double windowHours(MonitorConfig cfg) {
        NightSchedule s = NightSchedule.of(cfg.night(), cfg.timeZone());
        NightSchedule.Window w = s.windowOf(LocalDate.of(2026, 1, 15));
        return Math.min(48, Duration.between(w.start(), w.end()).toSeconds() / 3600.0);
    }

    /**
     * Runs until {@link #stop()}, or with {@link DaemonOptions#once()} until the sources end.
     *
     * @return the nights closed during the run, in order
     * @throws ConfigException when a configured source cannot be used (naming its key), or the configured cuff
     *                         trial differs from the one recorded in the store after its first night
     * @throws InputException  when a replayed file is malformed
     */
    public List<ClosedNight> run() throws ConfigException, InputException {
        store = LocalStore.open(cfg.store().path(), cfg.store(), wall);
        try {
            // Everything that can refuse the configuration first (the trial recorded in the store, the sources),
            // so that a refused start has started nothing else: no forwarding, no web port bound.
            TrialSchedule trial = trial();
            buildFeeds();
            forwarder = cfg.influx().map(c -> InfluxForwarder.start(store, c, wall)).orElse(null);
            // reporter::web: a web waiting for its first user reports its start from its own thread
            web = DaemonWeb.start(cfg, store, wall, () -> Optional.ofNullable(reporter.latest()).map(DaemonStatus::nightId),
                    reporter::web);
            openCuff(trial);
            loop();
        } catch (Error e) {
            // The process is dying (out of memory, a VM error): close nothing as if the night were whole. Like a
            // kill -9, the night stays open in the store and the next start resumes it.
            session = null;
            throw e;
        } finally {
            try {
                if (therapist != null) {
                    therapist.stop();
                }
                if (cuff != null) {
                    cuff.stop(STOP_VENT_WAIT);
                }
            } finally {
                for (Route r : routes.values()) {
                    if (r.feed() != null) {
                        r.feed().close();
                    }
                }
                feedOpener.close();
            }
            try {
                if (session != null) {
                    closeNight(life.close(NightLifecycle.CloseReason.STOPPED, utcOf(lastLineS())));
                }
            } finally {
                if (forwarder != null && opt.once()) {
                    // A one-night run ends when the night is in InfluxDB too (or the wait is over).
                    store.flushUnlessFull();
                    awaitDrained();
                }
                try {
                    // The final status carries the final backlog: stop forwarding first, commit its last
                    // acknowledgements, and only then take the (then exact) count.
                    if (forwarder != null) {
                        forwarder.close();
                        store.flushUnlessFull();
                    }
                    writeStatus();
                } finally {
                    if (web != null) {
                        web.close();
                    }
                    store.close();
                }
            }
        }
        return List.copyOf(closed);
    }

    private void awaitDrained() {
        try {
            if (!forwarder.awaitDrained(DRAIN_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "InfluxDB backlog not drained within " + DRAIN_WAIT.toSeconds()
                        + " s; the local store keeps it and the next run forwards it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void buildFeeds() throws ConfigException, InputException {
        for (Map.Entry<Leg, SensorConfig> e : cfg.sensors().entrySet()) {
            Route route = new Route(e.getKey(), gate);
            routes.put(e.getKey(), route);
            route.feed(feedOpener.open(e.getKey(), e.getValue(), route));
        }
        if (cfg.night().mode() != NightConfig.Mode.SCHEDULE) {
            // The posture watch is built with the sources' rates at the first sample (see deliver): a serial
            // board says its rate only in its handshake. A night that closes needs a new confirmation of
            // lying before the next opens.
            life.addListener(new NightListener() {
                @Override
                public void nightClosed(String nightId, long endUtcMs, NightLifecycle.CloseReason reason) {
                    if (watch != null) {
                        watch.reset();
                    }
                }
            });
        }
        // The configuration refused live and simulated sensors together when it was loaded (MonitorConfig), so
        // a run is one or the other. A run with a cuff and no sensor is live: the cuff's events wait for a
        // trusted wall clock.
        if (!routes.isEmpty() && cfg.sensors().values().stream().noneMatch(SensorConfig::live)) {
            gate.virtualFrom(schedule.latestStartingBy(wall.instant()).start());
        }
    }

    /** The configured n-of-1 trial, recorded in the store before any of its nights (or the one recorded), or null. */
    private TrialSchedule trial() throws ConfigException {
        if (cfg.cuff().isEmpty() || cfg.cuff().get().trial().isEmpty()) {
            return null;
        }
        var c = cfg.cuff().get();
        TrialSchedule t = TrialBook.settle(store, TrialSchedule.draw(c.trial().get(), c.therapy().policy(),
                new CuffPolicy(c.therapy(), c.maxPressureMmHg(), c.maxInflation(), cfg.timeZone()).targetMmHg()));
        LOG.log(System.Logger.Level.INFO, "cuff n-of-1 trial: " + t.describe());
        return t;
    }

    /**
     * Opens the configured cuff link, on the serial sensor board's session when it is the same device.
     *
     * @param trial the trial whose schedule the policy follows, or null
     */
    private void openCuff(TrialSchedule trial) {
        if (cfg.cuff().isEmpty()) {
            return;
        }
        var c = cfg.cuff().get();
        CuffMonitor m = new CuffMonitor(c, cuffLinks.open(c, c.path().flatMap(p -> feedOpener.serialBoard(p.toString()))),
                wall, nanos);
        cuff = new CuffRecorder(m, gate, life, store);
        if (c.therapy().policy() != CuffTherapy.Policy.OFF) {
            LongFunction<TrialConfig.Arm> armAt = trial == null ? t -> TrialConfig.Arm.CUFF : t -> trial.armOf(life.nightIdAt(t));
            therapist = new CuffTherapist(new CuffPolicy(c.therapy(), c.maxPressureMmHg(), c.maxInflation(), cfg.timeZone(), armAt),
                    c.therapy(), m, life, store, dataDir, this::policyNowUtcMs, trial);
            life.addListener(therapist);
        }
        m.start();
    }

    /**
     * The cuff policy's time: the wall clock beside a simulated line (as the cuff's events), else the line's UTC. Not
     * the simulated night's clock: the controller acts in real seconds, and the policy counts its hold, cycle and
     * longest inflation in the same time it is given (README, "Cuff therapy policies").
     */
    private OptionalLong policyNowUtcMs() {
        if (gate.virtual()) {
            return OptionalLong.of(wall.millis());
        }
        return gate.anchored() ? OptionalLong.of(gate.toUtcMs(nanos.getAsLong() / 1e9)) : OptionalLong.empty();
    }

    private void loop() throws InputException {
        long statusEvery = opt.statusInterval().toNanos();
        long nextStatus = nanos.getAsLong();
        Pacing pacing = new Pacing(gate.virtual(), Pacing.speed(cfg, opt.fast()), nanos);
        while (!stop) {
            if (!gate.virtual()) {
                observeClock();
            }
            double until = pacing.untilS(nextVirtualS());
            NightControl.take(dataDir).ifPresent(this::apply);
            // With no sensor, the cuff alone keeps the daemon running until stop().
            boolean active = routes.isEmpty() && cuff != null;
            for (Route r : routes.values()) {
                active |= r.pump(until);
            }
            gate.release();
            if (cuff != null) {
                cuff.storeEvents();
                // The cuff as a movement sensor: its pressure into the open night, or forgotten outside one.
                cuff.monitor().pressure().drainTo(session == null ? null : session.pressureSink());
            }
            if (therapist != null) {
                therapist.step();
            }
            if (session != null) {
                session.tick();
                closeIfUp();
            }
            if (session != null) {
                closeIfPastWindow();
            }
            StoreHealth stored = gate.virtual() ? store.health() : null;
            if (stored != null && stored.queuedItems() > MAX_AHEAD_ITEMS) {
                // A replay or a simulation may run ahead of real time, not ahead of its own storage:
                // without this the writer's queue (raw chunks of 6 KB) outgrows a 48 MB heap.
                // On a full store it waits for one attempt, not for space: the writer holds what it could not
                // write (bounded) and retries by itself, and detection goes on (issue 12).
                if (stored.state() == StoreState.OK) {
                    store.flushUnlessFull();
                }
            }
            long now = nanos.getAsLong();
            if (now - nextStatus >= 0) {
                writeStatus();
                nextStatus = now + statusEvery;
            }
            if (!active) {
                if (session != null) {
                    closeNight(life.close(NightLifecycle.CloseReason.SOURCES_ENDED, utcOf(lastLineS())));
                }
                LOG.log(System.Logger.Level.INFO, "every source has ended");
                return;
            }
            if (pacing.pausesBetweenSteps()) {
                pause();
            }
        }
    }

    /** @return the earliest stamp the virtual sources still running deliver next, s (+infinity when none known) */
    private double nextVirtualS() {
        double next = Double.POSITIVE_INFINITY;
        for (Route r : routes.values()) {
            if (!r.ended()) {
                double n = r.feed().nextS();
                if (!Double.isNaN(n)) {
                    next = Math.min(next, n);
                }
            }
        }
        return next;
    }

    private void pause() {
        try {
            Thread.sleep(opt.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    /** Live: compares the wall clock with the monotonic line (the gate releases held samples on first sync). */
    private void observeClock() {
        double lineS = nanos.getAsLong() / 1e9;
        if (gate.observe(lineS) == WallClockMapper.Change.JUMPED) {
            String msg = String.format(Locale.ROOT, "wall clock jumped by %.1f s; times re-anchored", gate.lastShiftS());
            LOG.log(System.Logger.Level.WARNING, msg);
            if (session != null) {
                store.putDeviceEvent(new DeviceEvent(session.nightId(), gate.toUtcMs(lineS), "monitor",
                        DeviceEventKind.CLOCK_SYNC, msg));
            }
        }
    }

    /** @return the line time just after the latest sample of any leg, s, or the monotonic clock before any */
    private double lastLineS() {
        double last = Double.NEGATIVE_INFINITY;
        for (Route r : routes.values()) {
            if (!Double.isNaN(r.lastS())) {
                last = Math.max(last, r.lastEndS());
            }
        }
        return Double.isInfinite(last) ? nanos.getAsLong() / 1e9 : last;
    }

    /** @return the UTC time of a line time, or empty when it is NaN or the line has no UTC yet */
    private OptionalLong utcOf(double lineS) {
        return Double.isNaN(lineS) || !gate.anchored() ? OptionalLong.empty() : OptionalLong.of(gate.toUtcMs(lineS));
    }

    private void closeIfPastWindow() {
        boolean allPast = true;
        boolean allEnded = true;
        for (Route r : routes.values()) {
            allPast &= r.doneWithNight();
            allEnded &= r.ended();
        }
        if (allPast) {
            // Sources that ended inside the window end the night at their last sample; else the window ends it.
            closeNight(life.close(allEnded ? NightLifecycle.CloseReason.SOURCES_ENDED
                    : NightLifecycle.CloseReason.WINDOW_END, utcOf(lastLineS())));
            return;
        }
        if (!gate.virtual() && gate.anchored() && life.graceOver(gate.toUtcMs(nanos.getAsLong() / 1e9))) {
            closeNight(life.close(NightLifecycle.CloseReason.WINDOW_END, OptionalLong.empty()));
        }
    }

    /** Closes the night's session as the lifecycle decided: its report, the store, old files pruned. */
    private void closeNight(NightLifecycle.Closing c) {
        long end = c.endUtcMs();
        ClosedNight n = session.close(end, nightsDir(), cfg.cuff().isPresent());
        store.flushUnlessFull(); // a full store keeps what it holds queued and says so in its health
        try {
            NightFiles.prune(nightsDir(), Instant.ofEpochMilli(end).atZone(cfg.timeZone()).toLocalDate(),
                    cfg.store().retentionDays(), cfg.store().rawRetentionDays());
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not prune old night files in " + nightsDir() + ": " + e.getMessage(), e);
        }
        closed.add(n);
        LOG.log(System.Logger.Level.INFO, "night " + n.nightId() + " closed (" + c.reason().name().toLowerCase(Locale.ROOT)
                + "); " + (Files.exists(n.report()) ? "report " + n.report() : "no report (" + n.report() + " could not be written)"));
        session = null;
        routes.values().forEach(Route::nightClosed);
        if (opt.once()) {
            stop = true; // one night: live sources never end by themselves
        }
    }

    /** Opens the night's session as the lifecycle decided (resuming what the store holds of it). */
    private void openNight(NightLifecycle.Opening o) {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        for (Route r : routes.values()) {
            rates.put(r.leg(), r.rateHz());
            names.put(r.leg(), r.feed().name());
        }
        long utcMs = o.startUtcMs();
        // The cuff's pressure shares a live line only (a virtual run's line is not the cuff's real time).
        Map<Leg, String> cuffs = new EnumMap<>(Leg.class);
        if (cuff != null && !gate.virtual()) {
            cuffs.put(cfg.cuff().get().leg(), cuff.monitor().link());
        }
        session = new NightSession(o.nightId(), utcMs, rates, names, cuffs, opt.detector(), cfg.standard(),
                cfg.timeZone(), gate.mapper(), store, NightSession.Prior.find(store, o.nightId(), opt.detector().version()));
        LOG.log(System.Logger.Level.INFO, "night " + o.nightId() + " opened at " + Instant.ofEpochMilli(utcMs));
    }

    /** Posture modes: the night ends once no leg has lain with its sensor worn for long enough. */
    private void closeIfUp() {
        if (watch == null) {
            return;
        }
        OptionalDouble up = session.outOfBedSince(NightLifecycle.OUT_OF_BED_CONFIRM_S);
        if (up.isPresent()) {
            life.outOfBedSince(gate.toUtcMs(up.getAsDouble())).ifPresent(this::closeNight);
        }
    }

    /** Applies {@code plm night start|end}. */
    private void apply(NightControl.Command c) {
        LOG.log(System.Logger.Level.INFO, "manual override: night " + c.word());
        if (c == NightControl.Command.END) {
            life.end(utcOf(lastLineS())).ifPresent(this::closeNight);
        } else {
            life.start();
        }
    }

    /** A sample with a UTC time, from the clock gate: to the posture watch, or into the open night. */
    private void deliver(Leg leg, double t, double x, double y, double z) {
        long utc = gate.toUtcMs(t);
        if (watch == null && cfg.night().mode() != NightConfig.Mode.SCHEDULE) {
            // Samples reach here only once every source has said its rate (the gate holds them until then).
            Map<Leg, Double> rates = new EnumMap<>(Leg.class);
            routes.values().forEach(r -> rates.put(r.leg(), r.rateHz()));
            watch = new PostureWatch(rates);
        }
        if (life.watchingPosture()) {
            watch.accept(leg, t, x, y, z);
            OptionalDouble since = watch.confirmedLyingSince();
            if (since.isEmpty()) {
                return;
            }
            Optional<NightLifecycle.Opening> o = life.lyingSince(gate.toUtcMs(since.getAsDouble()));
            if (o.isEmpty()) {
                watch.reset();
                return;
            }
            openNight(o.get());
            Map<Leg, AccelerationSink> sinks = new EnumMap<>(Leg.class);
            routes.keySet().forEach(l -> sinks.put(l, session.sink(l)));
            // The current sample is in the buffer too: the replay delivers it.
            watch.replayFrom(since.getAsDouble(), sinks);
            return;
        }
        if (life.state() != NightLifecycle.State.OPEN) {
            Optional<NightLifecycle.Opening> o = life.sampleAt(utc);
            if (o.isEmpty()) {
                return;
            }
            openNight(o.get());
        }
        if (life.pastEnd(utc)) {
            routes.get(leg).pastEnd();
            return;
        }
        session.sink(leg).accept(t, x, y, z);
    }

    /** @return true once every leg's source has said what it is, its rate included (latched) */
    private boolean described() {
        if (!described) {
            described = routes.values().stream().allMatch(Route::described);
        }
        return described;
    }

    private void writeStatus() {
        StatusReporter.OpenNight night = session == null ? null : new StatusReporter.OpenNight(session.nightId(),
                Instant.ofEpochMilli(session.startUtcMs()), session.counts()[1]);
        StoreHealth health = store.health();
        // Only in an open night: the event belongs to it, and only then has every source said its rate
        // (which the night's line time needs).
        OptionalLong at = session == null ? OptionalLong.empty() : utcOf(lastLineS());
        if (at.isPresent()) {
            storeWatch.observe(health, at.getAsLong()).ifPresent(detail -> {
                LOG.log(System.Logger.Level.INFO, detail);
                store.putDeviceEvent(new DeviceEvent(session.nightId(), at.getAsLong(), "monitor",
                        DeviceEventKind.STORAGE, detail));
            });
        }
        reporter.report(routes.values(), gate, night, closed.size(), health,
                forwarder == null ? null : forwarder.health(), cuff == null ? null : cuff.monitor(),
                therapist == null ? null : therapist.status());
    }
}
