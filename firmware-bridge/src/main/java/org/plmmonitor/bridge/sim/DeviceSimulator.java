package org.plmmonitor.bridge.sim;

import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.bridge.protocol.FrameDecoder;
import org.plmmonitor.bridge.protocol.FrameEncoder;
import org.plmmonitor.bridge.protocol.FrameListener;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.Ack;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.Hello;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.Message.Nack;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.SampleBatch;
import org.plmmonitor.bridge.protocol.Message.SensorInfo;
import org.plmmonitor.bridge.protocol.Message.SensorLeg;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;
import org.plmmonitor.bridge.protocol.RejectReason;
import org.plmmonitor.bridge.serial.ConnectionListener;
import org.plmmonitor.bridge.serial.JSerialCommLink;
import org.plmmonitor.bridge.serial.Pacer;
import org.plmmonitor.bridge.serial.ReconnectingLink;
import org.plmmonitor.bridge.serial.SerialLink;
import org.plmmonitor.bridge.serial.SerialLinkConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A simulated microcontroller speaking the device side of the protocol: streams its sources as
 * SAMPLE_BATCH frames (sensor 0 = left, 1 = right), paced by simulated time at {@link
 * SimulatorConfig#speed()}, answers HELLO with IDENTIFY, runs a {@link CuffController} answering
 * commands, sends telemetry, heartbeats and error reports. Like a real board it keeps sampling and
 * counting while the host is away: frames it cannot write are dropped, not queued.
 */
public final class DeviceSimulator implements AutoCloseable {
    private static final double CUFF_STEP_S = 0.01;
    private static final long HEARTBEAT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_TELEMETRY_WALL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long REJECT_REPORT_NS = TimeUnit.SECONDS.toNanos(1);

    private final SerialLink link;
    private final SimulatorConfig config;
    private final List<SampleSource> sources;
    private final LongSupplier nanoClock;
    private final CuffController cuff = new CuffController();
    private final FrameEncoder encoder = new FrameEncoder();
    private final Pacer idle = Pacer.realTime();
    private final AtomicLong samplesProduced = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong samplesDropped = new AtomicLong();
    private final AtomicLong hostFrames = new AtomicLong();
    private final AtomicLong hostRejected = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final RateLimitedCount rejectsToReport = new RateLimitedCount(REJECT_REPORT_NS);
    private final long startNanos;
    private volatile long lastHostNanos;
    private volatile boolean streamDone;
    private volatile String lastDropReason;
    private volatile boolean closed;
    /** Set when a frame waited out {@link #RESEND_WINDOW_NS}; guarded by the encoder's lock. */
    private boolean hostGone;
    /** How long a frame is offered again while the host end is stalled or reopening, ns. */
    private static final long RESEND_WINDOW_NS = 2_000_000_000L;
    private Thread reader;
    private Thread streamer;

    /**
     * @param link      the device end of the link (a {@link ReconnectingLink} survives pty loss)
     * @param config    behaviour
     * @param sources   one per sensor: index 0 left, 1 right; empty for a cuff without sensors. A cuff-only
     *                  role does not stream them but takes the left leg's movements as pressure transients
     * @param nanoClock monotonic ns (wall time; simulated time is derived from it by the speed)
     */
    public DeviceSimulator(SerialLink link, SimulatorConfig config, List<SampleSource> sources, LongSupplier nanoClock) {
        if (sources.size() > 2) {
            throw new IllegalArgumentException("at most 2 sensors (left, right), got " + sources.size());
        }
        if (config.role().streams() && sources.isEmpty()) {
            throw new IllegalArgumentException("role " + config.role() + " streams samples but no source was given");
        }
        this.link = link;
        this.config = config;
        this.sources = List.copyOf(sources);
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastHostNanos = startNanos;
    }

    /**
     * A simulator on a pseudo-terminal (or any serial path), reopening it when it disappears.
     *
     * @param path    pty path, e.g. one end of a socat pair
     * @param config  behaviour
     * @param sources one per sensor
     * @return the simulator, not yet started
     */
    public static DeviceSimulator overSerial(String path, SimulatorConfig config, List<SampleSource> sources) {
        SerialLinkConfig lc = SerialLinkConfig.DEFAULT;
        ReconnectingLink l = new ReconnectingLink(path, JSerialCommLink.factory(lc), lc, Pacer.realTime(),
                new ConnectionListener() {
                });
        return new DeviceSimulator(l, config, sources, System::nanoTime);
    }

    /** Starts the reader and streaming threads (daemon threads). */
    public synchronized void start() {
        reader = new Thread(this::readLoop, "plm-sim-reader " + link.path());
        streamer = new Thread(this::streamLoop, "plm-sim-stream " + link.path());
        reader.setDaemon(true);
        streamer.setDaemon(true);
        reader.start();
        streamer.start();
    }

    /** @return counters so far */
    public SimulatorStats stats() {
        return new SimulatorStats(samplesProduced.get(), framesSent.get(), framesDropped.get(), samplesDropped.get(),
                hostFrames.get(), hostRejected.get(), commands.get(), streamDone, lastDropReason);
    }

    /** @return the simulated cuff controller (for inspection; synchronise on it) */
    public CuffController cuff() {
        return cuff;
    }

    private void readLoop() {
        FrameDecoder decoder = new FrameDecoder(new FrameListener() {
            @Override
            public void onMessage(int seq, Message message) {
                hostFrames.incrementAndGet();
                lastHostNanos = nanoClock.getAsLong();
                answer(message);
            }

            @Override
            public void onReject(RejectReason reason) {
                hostRejected.incrementAndGet();
                rejectsToReport.add();
                reportRejects("last: " + reason);
            }
        });
        byte[] buf = new byte[1024];
        while (!closed) {
            int n;
            try {
                n = link.read(buf, 0, buf.length);
            } catch (IOException e) {
                n = 0;
            }
            if (n < 0) {
                break;
            }
            decoder.feed(buf, 0, n);
        }
    }

    /** Sends HOST_FRAME_REJECTED at most once a second, with the count since the last one. */
    private void reportRejects(String why) {
        long n = rejectsToReport.take(nanoClock.getAsLong());
        if (n > 0) {
            send(new ErrorReport(ErrorCode.HOST_FRAME_REJECTED, n, "rejected host frames, " + why), 0);
        }
    }

    private void answer(Message m) {
        if (m instanceof Hello h) {
            send(identify(h.hostNonce()), 0);
        } else if (m instanceof UnknownCommand u) {
            NackReason r;
            synchronized (cuff) {
                r = cuff.command(u);
            }
            send(new Nack(u.commandId(), r), 0);
        } else if (m instanceof Command c) {
            NackReason r;
            if (!config.role().cuff()) {
                r = NackReason.NOT_A_CUFF;
            } else {
                synchronized (cuff) {
                    r = cuff.command(c);
                }
            }
            if (r == null) {
                commands.incrementAndGet();
                send(new Ack(c.commandId()), 0);
            } else {
                send(new Nack(c.commandId(), r), 0);
            }
        }
        // HEARTBEAT needs no answer: any valid frame feeds the watchdog.
    }

    private Identify identify(int nonce) {
        List<SensorInfo> sensors = new ArrayList<>();
        for (int i = 0; config.role().streams() && i < sources.size(); i++) {
            sensors.add(new SensorInfo(i, i == 0 ? SensorLeg.LEFT : SensorLeg.RIGHT, centiHz(sources.get(i).rateHz()),
                    config.scaleMicroG()));
        }
        int roles = (config.role().streams() ? Identify.ROLE_SENSOR : 0) | (config.role().cuff() ? Identify.ROLE_CUFF : 0);
        boolean c = config.role().cuff();
        return new Identify(nonce, 1, roles, SimulatorConfig.FIRMWARE_VERSION, config.deviceId(), config.watchdogMs(),
                c ? (int) Math.round(CuffController.COMPILED_CEILING_MMHG * 10) : 0,
                c ? CuffController.COMPILED_MAX_INFLATION_S : 0, sensors);
    }

    private static int centiHz(double hz) {
        return (int) Math.max(1, Math.min(0xFFFF, Math.round(hz * 100)));
    }

    private boolean send(Message m, int samples) {
        synchronized (encoder) {
            byte[] f = encoder.encode(m);
            // A UART does not lose bytes because the host is slow: when the host end stalls and the
            // link is reopened, the same frame goes out again, for up to RESEND_WINDOW_NS. A board
            // cannot queue a night, though: past that (a real unplug) the frame is lost, and the
            // sample counters tell the host exactly how much.
            // Once a frame has waited out the window, the host is gone: later frames drop at once
            // until a write succeeds again.
            long deadline = nanoClock.getAsLong() + (hostGone ? 0 : RESEND_WINDOW_NS);
            while (true) {
                try {
                    link.write(f, 0, f.length);
                    framesSent.incrementAndGet();
                    hostGone = false;
                    return true;
                } catch (IOException e) {
                    lastDropReason = e.getMessage();
                    if (closed || nanoClock.getAsLong() >= deadline || !pause()) {
                        hostGone = true;
                        framesDropped.incrementAndGet();
                        samplesDropped.addAndGet(samples);
                        return false;
                    }
                }
            }
        }
    }

    /** @return false when interrupted (the simulator is stopping) */
    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One sensor's stream state. */
    private final class Sensor {
        final int id;
        final SampleSource src;
        final double[] txyz = new double[4];
        final short[] batch = new short[3 * config.batchSamples()];
        final int centiHz;
        double t0 = Double.NaN;
        boolean pending;
        boolean exhausted;
        long counter;
        long batchFirst;
        int n;

        Sensor(int id, SampleSource src) {
            this.id = id;
            this.src = src;
            this.centiHz = centiHz(src.rateHz());
            fetch();
        }

        void fetch() {
            pending = src.next(txyz);
            if (!pending) {
                exhausted = true;
                return;
            }
            if (Double.isNaN(t0)) {
                t0 = txyz[0];
            }
        }

        double dueS() {
            return txyz[0] - t0;
        }

        void take() {
            if (n == 0) {
                batchFirst = counter;
            }
            double scale = config.scaleMicroG() / 1e6;
            for (int a = 0; a < 3; a++) {
                batch[3 * n + a] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(txyz[1 + a] / scale)));
            }
            double mag = Math.sqrt(txyz[1] * txyz[1] + txyz[2] * txyz[2] + txyz[3] * txyz[3]);
            if (id == 0 && config.role().cuff()) {
                synchronized (cuff) {
                    cuff.movement(Math.max(0, Math.abs(mag - 1) - 0.05));
                }
            }
            n++;
            counter++;
            samplesProduced.incrementAndGet();
            if (n == config.batchSamples()) {
                flush();
            }
            fetch();
        }

        void flush() {
            if (n > 0 && !config.role().streams()) {
                n = 0; // a cuff-only board uses its night for movement transients and sends no samples
            } else if (n > 0) {
                short[] xyz = java.util.Arrays.copyOf(batch, 3 * n);
                send(new SampleBatch(id, batchFirst & 0xFFFF_FFFFL, centiHz, config.scaleMicroG(), xyz), n);
                n = 0;
            }
        }
    }

    private void streamLoop() {
        List<Sensor> sensors = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            sensors.add(new Sensor(i, sources.get(i)));
        }
        double cuffT = 0;
        TelemetrySchedule schedule = new TelemetrySchedule(1 / config.telemetryHz());
        long lastTelemetryWall = Long.MIN_VALUE / 2;
        List<Message> changes = new ArrayList<>();
        long lastHeartbeat = nanoClock.getAsLong();
        while (!closed) {
            long now = nanoClock.getAsLong();
            double simNow = (now - startNanos) / 1e9 * config.speed();
            boolean allDone = !sensors.isEmpty();
            for (Sensor s : sensors) {
                while (s.pending && s.dueS() <= simNow) {
                    s.take();
                }
                if (s.exhausted) {
                    s.flush();
                } else {
                    allDone = false;
                }
            }
            if (allDone && !streamDone) {
                streamDone = true;
            }
            if (config.role().cuff()) {
                List<ErrorReport> events;
                long deviceMs = (now - startNanos) / 1_000_000L;
                synchronized (cuff) {
                    if (now - lastHostNanos > TimeUnit.MILLISECONDS.toNanos(config.watchdogMs())) {
                        cuff.watchdogExpired();
                    }
                    // A state or flags change goes out at once (§7.4), also one a command made between steps.
                    noteChange(schedule, cuffT, deviceMs, changes);
                    while (cuffT + CUFF_STEP_S <= simNow) {
                        cuff.step(CUFF_STEP_S);
                        cuffT += CUFF_STEP_S;
                        noteChange(schedule, cuffT, deviceMs, changes);
                    }
                    events = cuff.drainEvents();
                }
                for (ErrorReport e : events) {
                    send(e, 0);
                }
                changes.forEach(t -> send(t, 0));
                changes.clear();
                // Periodic frames are thinned when accelerated; state-change frames never are.
                if (schedule.periodicDue(cuffT) && now - lastTelemetryWall >= MIN_TELEMETRY_WALL_NS) {
                    Message t;
                    synchronized (cuff) {
                        t = cuff.telemetry(deviceMs);
                        schedule.sent(cuffT, cuff.state(), cuff.flags());
                    }
                    send(t, 0);
                    lastTelemetryWall = now;
                }
            }
            reportRejects("accumulated");
            if (now - lastHeartbeat >= HEARTBEAT_NS) {
                lastHeartbeat = now;
                send(new Message.Heartbeat(((now - startNanos) / 1_000_000L) & 0xFFFF_FFFFL), 0);
            }
            if (!idle.pause(2)) {
                break;
            }
        }
    }

    /** Holding the cuff's lock: queues a telemetry frame when its state or flags changed. */
    private void noteChange(TelemetrySchedule schedule, double cuffT, long deviceMs, List<Message> out) {
        if (schedule.changed(cuff.state(), cuff.flags())) {
            out.add(cuff.telemetry(deviceMs));
            schedule.sent(cuffT, cuff.state(), cuff.flags());
        }
    }

    /**
     * Waits until every source is exhausted (sensor roles), or until the simulator is closed.
     *
     * @param timeoutMs longest wait, ms
     * @return true when the stream is done
     * @throws InterruptedException when interrupted
     */
    public boolean awaitStreamDone(long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!streamDone && !closed && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return streamDone;
    }

    /** Stops both threads promptly and closes the link. */
    @Override
    public void close() {
        closed = true;
        idle.shutdown();
        link.close();
        for (Thread t : new Thread[]{reader, streamer}) {
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
