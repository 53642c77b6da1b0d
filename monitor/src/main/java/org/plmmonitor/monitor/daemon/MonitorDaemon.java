package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.SourceDescriptor;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.bridge.i2c.I2cBus;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.ConfigProblem;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.influx.InfluxForwarder;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoredSeries;
import org.plmmonitor.analysis.detect.DetectorConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.plmmonitor.monitor.store.NightIds;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code plm monitor}: the configured sources on one processing thread, through the streaming analysis,
 * into the local store (and InfluxDB), night by night.
 *
 * <p>Time: sources stamp samples on a monotonic line in seconds. Live sources (I2C) use the injected
 * monotonic clock; the line is mapped to UTC by a {@link WallClockMapper} anchored only when the injected
 * predicate trusts the wall clock, and samples that arrive before are held back (bounded) and never given
 * a date. Simulator and replay sources are virtual: their line is anchored at the start of the latest
 * night window, and their stamps are the only time they carry, whatever the pace.
 *
 * <p>Nights: a night opens with the first sample inside the configured window and is named once, then;
 * it closes when every source has passed the window's end (or ended).
 *
 * <p>Cuff: a configured compression-cuff controller is connected and watched ({@link CuffMonitor}): its
 * limits are sent on every connection, its state is in the status, and its connections, refused limits
 * and fault flags are device events. The daemon never inflates it; at stop it sends VENT if the
 * controller reports air in the cuff. A run with a cuff and no sensor lasts until {@link #stop()}.
 *
 * <p>Not thread-safe except {@link #stop()} and {@link #status()}.
 */
public final class MonitorDaemon {
    private static final System.Logger LOG = System.getLogger(MonitorDaemon.class.getName());
    /** Posture modes: out of bed (upright or unworn) this long ends a night, s. */
    static final double OUT_OF_BED_CONFIRM_S = 1200;
    /** Posture mode: no night lasts longer than this, s. */
    static final double POSTURE_MAX_NIGHT_S = 16 * 3600;
    /** The night ended by hand with {@code plm night end}: posture modes do not reopen it. */
    private String manualEndId;
    /**
     * Between nights in posture modes: judges lying and keeps samples to replay; null on a schedule, and
     * until every source has said its rate (no sample reaches it before: see {@link Route#accept}).
     */
    private PostureWatch watch;
    /** Items a virtual (replay, simulator) run may have waiting for the store before it waits too. */
    private static final long MAX_AHEAD_ITEMS = 1000;
    /** Line time a fast virtual run advances per step, s: small enough to keep the legs in step. */
    private static final double FAST_STEP_S = 5.0;
    /** A live night closes this long after its window's end even when a sensor delivers nothing, s. */
    private static final double LIVE_CLOSE_GRACE_S = 60.0;
    /** Longest a one-night run waits for InfluxDB to take the night before it returns. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);
    /** Longest the stop waits for the cuff controller's answer to VENT: a stop must stay prompt. */
    static final Duration STOP_VENT_WAIT = Duration.ofSeconds(1);
    /** Cuff events kept while the wall clock is not yet trusted (live runs); older ones are dropped. */
    private static final int MAX_HELD_CUFF_ITEMS = 1000;

    private final MonitorConfig cfg;
    private final DaemonOptions opt;
    private final Clock wall;
    private final LongSupplier nanos;
    private final Predicate<Instant> trusted;
    private final FeedOpener feedOpener;
    private final WallClockMapper mapper = new WallClockMapper();
    private final NightSchedule schedule;
    private final Path dataDir;
    private final List<ClosedNight> closed = new ArrayList<>();
    private final ArrayDeque<double[]> held = new ArrayDeque<>();
    private final Map<Leg, Route> routes = new EnumMap<>(Leg.class);
    private final List<SampleFeed> feeds = new ArrayList<>();
    /** Cuff events and actions not yet stored: live runs keep them until the clock is trusted. */
    private final ArrayDeque<CuffMonitor.Item> heldCuff = new ArrayDeque<>();

    private volatile boolean stop;
    private volatile DaemonStatus status;
    private LocalStore store;
    private InfluxForwarder forwarder;
    /** The cuff controller's link, when {@code cuff.type} is set; written by the run thread. */
    private volatile CuffMonitor cuff;
    private NightSession session;
    private NightSchedule.Window window;
    private String lastClosedId;
    /** Set by {@code plm night start}: the next sample opens a night whatever the schedule. */
    private boolean manualStart;
    private boolean virtual;
    private Instant virtualStart;
    private long droppedHeld;
    /** Every leg's source has said its rate (latched: a descriptor, once said, stays). */
    private boolean described;

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
        this(cfg, opt, wall, nanos, trusted, new ConfiguredFeeds(cfg, opt, busOpener, nanos));
    }

    /** As the public constructor, with the legs' sources opened by {@code feedOpener}. */
    MonitorDaemon(MonitorConfig cfg, DaemonOptions opt, Clock wall, LongSupplier nanos,
                  Predicate<Instant> trusted, FeedOpener feedOpener) {
        this.cfg = cfg;
        this.opt = opt;
        this.wall = wall;
        this.nanos = nanos;
        this.trusted = trusted;
        this.feedOpener = feedOpener;
        this.schedule = NightSchedule.of(cfg.night(), cfg.timeZone());
        this.dataDir = cfg.store().dataDir();
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
        return status;
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
        NightSchedule.Window w = s.windowOf(java.time.LocalDate.of(2026, 1, 15));
        return Math.min(48, Duration.between(w.start(), w.end()).toSeconds() / 3600.0);
    }

    /**
     * Runs until {@link #stop()}, or with {@link DaemonOptions#once()} until the sources end.
     *
     * @return the nights closed during the run, in order
     * @throws ConfigException when a configured source cannot be used (naming its key)
     * @throws InputException  when a replayed file is malformed
     */
    public List<ClosedNight> run() throws ConfigException, InputException {
        Optional<org.plmmonitor.monitor.influx.InfluxConfig> influx = cfg.influx();
        store = LocalStore.open(cfg.store().path(), cfg.store(), wall);
        try {
            forwarder = influx.map(c -> InfluxForwarder.start(store, c, wall)).orElse(null);
            buildFeeds();
            openCuff();
            loop();
        } finally {
            try {
                stopCuff();
            } finally {
                for (SampleFeed f : feeds) {
                    f.close();
                }
                feedOpener.close();
            }
            try {
                if (session != null) {
                    closeNight(lastLineS());
                }
            } finally {
                if (forwarder != null && opt.once()) {
                    // A one-night run ends when the night is in InfluxDB too (or the wait is over).
                    store.flush();
                    awaitDrained();
                }
                try {
                    writeStatus();
                } finally {
                    if (forwarder != null) {
                        forwarder.close();
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
            Route route = new Route(e.getKey());
            routes.put(e.getKey(), route);
            route.feed = feedOpener.open(e.getKey(), e.getValue(), route);
            feeds.add(route.feed);
        }
        long live = feeds.stream().filter(SampleFeed::live).count();
        if (live != 0 && live != feeds.size()) {
            throw new ConfigException(List.of(new ConfigProblem("config", 0, "sensor.right.type",
                    "live sensors (i2c) and simulated ones (simulator, replay) cannot be mixed in one run")));
        }
        // A run with a cuff and no sensor is live: the cuff's events wait for a trusted wall clock.
        virtual = live == 0 && !feeds.isEmpty();
        if (virtual) {
            virtualStart = schedule.latestStartingBy(wall.instant()).start();
        }
    }

    /** Opens the configured cuff link, on the serial sensor board's session when it is the same device. */
    private void openCuff() {
        if (cfg.cuff().isEmpty()) {
            return;
        }
        var c = cfg.cuff().get();
        CuffMonitor m = CuffMonitor.open(c, c.path().flatMap(p -> feedOpener.serialBoard(p.toString())), wall, nanos);
        cuff = m;
        m.start();
    }

    /**
     * At stop: VENT if the controller reports air in the cuff (bounded wait), close the link, and store
     * what is left of the cuff's events while the store is still open.
     */
    private void stopCuff() {
        CuffMonitor m = cuff;
        if (m == null) {
            return;
        }
        try {
            m.ventIfInflated(STOP_VENT_WAIT).ifPresent(heldCuff::add);
        } finally {
            m.close();
            storeCuffItems();
            if (!heldCuff.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, heldCuff.size() + " cuff event(s) not stored: the wall clock "
                        + "was never trusted during this run");
                heldCuff.clear();
            }
        }
    }

    /** Stores the cuff's queued events (and a stop VENT), each with its UTC time and night. */
    private void storeCuffItems() {
        CuffMonitor m = cuff;
        if (m != null) {
            for (CuffMonitor.Item i : m.drain()) {
                if (heldCuff.size() >= MAX_HELD_CUFF_ITEMS) {
                    heldCuff.poll();
                }
                heldCuff.add(i);
            }
        }
        while (!heldCuff.isEmpty()) {
            CuffMonitor.Item i = heldCuff.peek();
            long utc;
            if (virtual) {
                // A simulated night runs on its own line; the cuff runs in real time: wall time it is.
                utc = i.wall().toEpochMilli();
            } else if (mapper.anchored()) {
                // The same mapping as the samples', from the same monotonic clock.
                utc = mapper.toUtcMs(i.nanos() / 1e9);
            } else {
                return; // held until the wall clock is trusted, like the samples
            }
            heldCuff.poll();
            String night = nightIdAt(utc);
            if (i instanceof CuffMonitor.Note n) {
                store.putDeviceEvent(new DeviceEvent(night, utc, CuffMonitor.DEVICE, n.kind(), n.detail()));
            } else if (i instanceof CuffMonitor.Vent v) {
                store.putCuffAction(new CuffAction(night, utc, CuffCommand.VENT, 0, 0, v.outcome()));
            }
        }
    }

    /** @return the open night when the time is inside it, else the night the time names */
    private String nightIdAt(long utcMs) {
        if (session != null && window != null && utcMs >= session.startUtcMs() && utcMs < window.end().toEpochMilli()) {
            return session.nightId();
        }
        return NightIds.of(Instant.ofEpochMilli(utcMs), cfg.timeZone());
    }

    /** @return the cuff link while the run has one (tests drive its simulator from the device side) */
    Optional<CuffMonitor> cuffMonitor() {
        return Optional.ofNullable(cuff);
    }

    private double speed() {
        double s = Double.POSITIVE_INFINITY;
        for (SensorConfig c : cfg.sensors().values()) {
            if (c instanceof SensorConfig.Simulator sim) {
                s = Math.min(s, sim.speed());
            } else if (c instanceof SensorConfig.Replay r) {
                s = Math.min(s, r.speed());
            }
        }
        return s;
    }

    private void loop() throws InputException {
        long statusEvery = opt.statusInterval().toNanos();
        long nextStatus = nanos.getAsLong();
        long realOrigin = nanos.getAsLong();
        double lineOrigin = Double.NaN;
        double speed = opt.fast() ? Double.POSITIVE_INFINITY : speed();
        while (!stop) {
            double until;
            if (virtual) {
                double next = Double.POSITIVE_INFINITY;
                for (Route r : routes.values()) {
                    if (!r.ended) {
                        double n = r.feed.nextS();
                        if (!Double.isNaN(n)) {
                            next = Math.min(next, n);
                        }
                    }
                }
                if (Double.isNaN(lineOrigin) && Double.isFinite(next)) {
                    lineOrigin = next;
                }
                until = Double.isInfinite(speed) || Double.isNaN(lineOrigin) ? next + FAST_STEP_S
                        : lineOrigin + (nanos.getAsLong() - realOrigin) / 1e9 * speed;
            } else {
                until = Double.POSITIVE_INFINITY;
                observeClock();
            }
            NightControl.take(dataDir).ifPresent(this::apply);
            // With no sensor, the cuff alone keeps the daemon running until stop().
            boolean active = routes.isEmpty() && cuff != null;
            for (Route r : routes.values()) {
                if (!r.ended) {
                    r.ended = !r.feed.pump(until);
                    active |= !r.ended;
                }
            }
            releaseHeld();
            storeCuffItems();
            if (session != null) {
                session.tick();
                closeIfUp();
            }
            if (session != null) {
                closeIfPastWindow();
            }
            if (virtual && store.health().queuedItems() > MAX_AHEAD_ITEMS) {
                // A replay or a simulation may run ahead of real time, not ahead of its own storage:
                // without this the writer's queue (raw chunks of 6 KB) outgrows a 48 MB heap.
                store.flush();
            }
            long now = nanos.getAsLong();
            if (now - nextStatus >= 0) {
                writeStatus();
                nextStatus = now + statusEvery;
            }
            if (!active) {
                if (session != null) {
                    closeNight(lastLineS());
                }
                LOG.log(System.Logger.Level.INFO, "every source has ended");
                return;
            }
            if (!virtual || !Double.isInfinite(speed)) {
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(opt.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    /** Live: compares the wall clock with the monotonic line; on first sync releases the held samples. */
    private void observeClock() {
        double lineS = nanos.getAsLong() / 1e9;
        Instant w = wall.instant();
        WallClockMapper.Change c = mapper.observe(lineS, w, trusted.test(w));
        if (c == WallClockMapper.Change.SYNCED) {
            LOG.log(System.Logger.Level.INFO, "wall clock synced at " + w + "; " + held.size() + " samples held");
            releaseHeld();
        } else if (c == WallClockMapper.Change.JUMPED) {
            String msg = String.format(Locale.ROOT, "wall clock jumped by %.1f s; times re-anchored", mapper.lastShiftS());
            LOG.log(System.Logger.Level.WARNING, msg);
            if (session != null) {
                store.putDeviceEvent(new DeviceEvent(session.nightId(), mapper.toUtcMs(lineS), "monitor",
                        DeviceEventKind.CLOCK_SYNC, msg));
            }
        }
    }

    /**
     * Delivers the held samples once the wall clock is trusted and every source has said its rate (a serial
     * board says it in its handshake); until then they stay held.
     */
    private void releaseHeld() {
        if (held.isEmpty() || !mapper.anchored() || !described()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "releasing " + held.size() + " held samples");
        while (!held.isEmpty()) {
            double[] h = held.poll();
            deliver(routes.get(Leg.values()[(int) h[0]]), h[1], h[2], h[3], h[4]);
        }
    }

    /** @return true once every leg's source has said what it is, its rate included */
    private boolean described() {
        if (!described) {
            described = routes.values().stream().allMatch(r -> r.feed != null && r.feed.descriptor().isPresent());
        }
        return described;
    }

    /** @return the rate a leg's source said it has, Hz (the leg has delivered, so it has said it) */
    private static double rateOf(Route r) {
        return r.feed.descriptor().orElseThrow(() -> new IllegalStateException(
                "the " + r.leg.jsonName() + " source delivered a sample before saying its rate")).rateHz();
    }

    private double lastLineS() {
        double last = Double.NEGATIVE_INFINITY;
        for (Route r : routes.values()) {
            if (!Double.isNaN(r.lastS)) {
                last = Math.max(last, r.lastS + 1.0 / rateOf(r));
            }
        }
        return Double.isInfinite(last) ? nanos.getAsLong() / 1e9 : last;
    }

    private void closeIfPastWindow() {
        boolean allPast = true;
        for (Route r : routes.values()) {
            allPast &= r.ended || r.pastEnd;
        }
        if (allPast) {
            // Sources that ended inside the window end the night at their last sample; else the window ends it.
            closeNight(lastLineS());
            return;
        }
        if (!virtual && mapper.anchored()
                && mapper.toUtcMs(nanos.getAsLong() / 1e9) >= window.end().toEpochMilli() + LIVE_CLOSE_GRACE_S * 1000) {
            closeNight(Double.NaN);
        }
    }

    /** @param endLineS the line time the night ends at, or NaN for the window's end */
    private void closeNight(double endLineS) {
        long end = Double.isNaN(endLineS) || !mapper.anchored() ? window.end().toEpochMilli()
                : Math.min(window.end().toEpochMilli(), mapper.toUtcMs(endLineS));
        ClosedNight c = session.close(end, nightsDir());
        store.flush();
        try {
            NightFiles.prune(nightsDir(), Instant.ofEpochMilli(end).atZone(cfg.timeZone()).toLocalDate(),
                    cfg.store().retentionDays(), cfg.store().rawRetentionDays());
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not prune old night files in " + nightsDir() + ": " + e.getMessage(), e);
        }
        closed.add(c);
        lastClosedId = c.nightId();
        LOG.log(System.Logger.Level.INFO, "night " + c.nightId() + " closed; report " + c.report());
        session = null;
        window = null;
        routes.values().forEach(r -> r.pastEnd = false);
        if (opt.once()) {
            stop = true; // one night: live sources never end by themselves
        }
    }

    private void openNight(NightSchedule.Window w, long utcMs) {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        for (Route r : routes.values()) {
            rates.put(r.leg, rateOf(r));
            names.put(r.leg, r.feed.name());
        }
        window = w;
        session = new NightSession(w.nightId(), utcMs, rates, names, cfg.standard(), cfg.timeZone(), mapper, store,
                prior(w.nightId()));
        LOG.log(System.Logger.Level.INFO, "night " + w.nightId() + " opened at " + Instant.ofEpochMilli(utcMs));
    }

    /**
     * Posture mode: a night from where lying began, bounded to {@link #POSTURE_MAX_NIGHT_S}; both: only
     * inside a scheduled window, which also ends it.
     */
    private Optional<NightSchedule.Window> postureWindow(Instant start) {
        if (cfg.night().mode() == NightConfig.Mode.BOTH) {
            return schedule.windowAt(start).map(w -> new NightSchedule.Window(w.nightId(), start, w.end()));
        }
        return Optional.of(new NightSchedule.Window(NightIds.of(start, cfg.timeZone()), start,
                start.plusSeconds((long) POSTURE_MAX_NIGHT_S)));
    }

    /** Posture modes: the night ends once no leg has lain with its sensor worn for this long. */
    private void closeIfUp() {
        if (watch == null || session == null) {
            return;
        }
        OptionalDouble up = session.outOfBedSince(OUT_OF_BED_CONFIRM_S);
        if (up.isPresent()) {
            closeNight(up.getAsDouble());
            watch.reset();
        }
    }

    /** Applies {@code plm night start|end}. */
    private void apply(NightControl.Command c) {
        LOG.log(System.Logger.Level.INFO, "manual override: night " + c.word());
        if (c == NightControl.Command.END) {
            manualStart = false;
            if (session != null) {
                closeNight(lastLineS());
                // Posture modes: still lying after "end" must not open the night again this evening.
                manualEndId = lastClosedId;
                if (watch != null) {
                    watch.reset();
                }
            } else if (mapper.anchored()) {
                // No night open yet: tonight's scheduled night is skipped.
                schedule.windowAt(mapper.toInstant(lastLineS())).ifPresent(w -> lastClosedId = w.nightId());
            }
        } else if (session == null) {
            manualStart = true;
            lastClosedId = null;
            manualEndId = null;
        }
    }

    /** What the store already holds of a night this run opens again (the daemon was restarted mid-night). */
    private NightSession.Prior prior(String nightId) {
        store.flush();
        for (NightRecord rec : store.nights()) {
            if (rec.nightId().equals(nightId) && rec.detectorVersion().equals(DetectorConfig.VERSION)) {
                int last = 0;
                for (StoredSeries s : store.series(nightId, DetectorConfig.VERSION)) {
                    last = Math.max(last, s.id());
                }
                int part = 2;
                while (java.nio.file.Files.exists(nightsDir().resolve(nightId + ".part" + part + ".json"))) {
                    part++;
                }
                LOG.log(System.Logger.Level.INFO, "night " + nightId + " is in the store already: resuming it as part " + part);
                return new NightSession.Prior(rec.startUtcMs(), rec.analysableS(), rec.wearS(), last, part);
            }
        }
        return null;
    }

    private void deliver(Route r, double t, double x, double y, double z) {
        long utc = mapper.toUtcMs(t);
        if (watch == null && cfg.night().mode() != NightConfig.Mode.SCHEDULE) {
            Map<Leg, Double> rates = new EnumMap<>(Leg.class);
            routes.values().forEach(route -> rates.put(route.leg, rateOf(route)));
            watch = new PostureWatch(rates);
        }
        if (session == null && watch != null && !manualStart) {
            watch.accept(r.leg, t, x, y, z);
            OptionalDouble since = watch.confirmedLyingSince();
            if (since.isEmpty()) {
                return;
            }
            long startUtc = mapper.toUtcMs(since.getAsDouble());
            Optional<NightSchedule.Window> w = postureWindow(Instant.ofEpochMilli(startUtc));
            if (w.isEmpty() || w.get().nightId().equals(manualEndId)) {
                watch.reset();
                return;
            }
            openNight(w.get(), startUtc);
            Map<Leg, AccelerationSink> sinks = new EnumMap<>(Leg.class);
            routes.keySet().forEach(l -> sinks.put(l, session.sink(l)));
            // The current sample is in the buffer too: the replay delivers it.
            watch.replayFrom(since.getAsDouble(), sinks);
            return;
        }
        if (session == null) {
            Optional<NightSchedule.Window> w = manualStart ? Optional.of(schedule.manualFrom(Instant.ofEpochMilli(utc)))
                    : schedule.windowAt(Instant.ofEpochMilli(utc));
            if (w.isEmpty() || w.get().nightId().equals(lastClosedId)) {
                return;
            }
            manualStart = false;
            openNight(w.get(), utc);
        }
        if (utc >= window.end().toEpochMilli()) {
            r.pastEnd = true;
            return;
        }
        session.sink(r.leg).accept(t, x, y, z);
    }

    private void writeStatus() {
        List<DaemonStatus.SourceStatus> sources = new ArrayList<>();
        for (Route r : routes.values()) {
            if (r.feed == null) {
                continue; // its source could not be opened: the run is ending with that error
            }
            double measured = Double.NaN;
            if (!Double.isNaN(r.statusLastS) && r.lastS > r.statusLastS) {
                measured = (r.samples - r.statusSamples) / (r.lastS - r.statusLastS);
            }
            r.statusLastS = r.lastS;
            r.statusSamples = r.samples;
            Instant lastUtc = mapper.anchored() && !Double.isNaN(r.lastS) ? mapper.toInstant(r.lastS) : null;
            double rate = r.feed.descriptor().map(SourceDescriptor::rateHz).orElse(Double.NaN);
            sources.add(new DaemonStatus.SourceStatus(r.leg.jsonName(), r.feed.type(), r.feed.name(), rate,
                    measured, r.samples, r.lastS, lastUtc, r.feed.rejected(), r.feed.lost(), r.ended));
        }
        DaemonStatus s = new DaemonStatus(wall.instant(), mapper.anchored(), mapper.reanchors(), held.size(), droppedHeld,
                session == null ? null : session.nightId(),
                session == null ? null : Instant.ofEpochMilli(session.startUtcMs()),
                session == null ? 0 : session.counts()[1], closed.size(), sources, cfg.store().path(), store.health(),
                forwarder == null ? null : forwarder.health(), cuffStatus());
        status = s;
        try {
            StatusFile.write(dataDir, s);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "status file not written: " + e.getMessage());
        }
    }

    private DaemonStatus.CuffStatus cuffStatus() {
        CuffMonitor m = cuff;
        if (m != null) {
            return m.status();
        }
        // Configured but not (or no longer) opened: the run is starting or ending.
        return cfg.cuff().map(c -> new DaemonStatus.CuffStatus(CuffLinkState.DISCONNECTED,
                c.path().map(Path::toString).orElse("simulator"), null, c.maxPressureMmHg(), null, List.of(), false))
                .orElse(DaemonStatus.CuffStatus.NOT_CONFIGURED);
    }

    /**
     * One leg's entry point, the sink its feed hands blocks to: counts, holds back until the clock is synced
     * and every source has said its rate, then routes each sample into the night.
     */
    private final class Route implements AccelerationSink {
        final Leg leg;
        SampleFeed feed;
        boolean ended;
        boolean pastEnd;
        long samples;
        double lastS = Double.NaN;
        double statusLastS = Double.NaN;
        long statusSamples;

        Route(Leg leg) {
            this.leg = leg;
        }

        @Override
        public void accept(double t, double x, double y, double z) {
            samples++;
            lastS = t;
            if (virtual && !mapper.anchored()) {
                mapper.observe(t, virtualStart, true);
            }
            // Behind held samples while any are left, so that the legs' samples stay in time order.
            if (!mapper.anchored() || !described() || !held.isEmpty()) {
                if (held.size() >= opt.maxHeldSamples()) {
                    held.poll();
                    droppedHeld++;
                }
                held.add(new double[] {leg.ordinal(), t, x, y, z});
                return;
            }
            deliver(this, t, x, y, z);
        }
    }
}
