package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.bridge.sim.CsvSampleSource;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;
import org.plmmonitor.bridge.sim.SimulatorStats;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code plm simulate-device}: a simulated ankle-sensor hub and/or cuff controller speaking the
 * serial protocol (firmware-bridge/PROTOCOL.md) on an existing pseudo-terminal, e.g. one end of
 * {@code socat -d -d pty,raw,echo=0,link=/tmp/dev pty,raw,echo=0,link=/tmp/host}.
 */
@Command(name = "simulate-device", mixinStandardHelpOptions = true,
        description = "Speak the device side of the serial protocol (firmware-bridge/PROTOCOL.md) on a "
                + "pseudo-terminal: stream a simulated night or a replayed CSV, and answer commands as a cuff "
                + "controller would. Sensor role: exits when the night is streamed. Cuff roles: run until interrupted.")
public final class SimulateDeviceCommand implements Callable<Integer> {
    /** How long a streamed night's last frames get to leave the port before it is closed, ms. */
    static final long CLOSE_LINGER_MS = 1000;

    @Spec
    CommandSpec cmdSpec;
    @Option(names = "--pty", required = true, paramLabel = "PATH",
            description = "An existing pseudo-terminal (or serial device) to speak on; reopened if it disappears.")
    Path pty;

    @ArgGroup(exclusive = true)
    Input input;

    static final class Input {
        @Option(names = "--night", paramLabel = "SEED", description = "Stream a seeded synthetic night from the project's generator.")
        Long nightSeed;
        @Option(names = "--replay", paramLabel = "FILE", description = "Replay a CSV (header t,x,y,z; t in s, x/y/z in g) as the left sensor.")
        Path replay;
    }

    @Option(names = "--replay-right", paramLabel = "FILE", description = "With --replay: a second CSV streamed as the right sensor.")
    Path replayRight;
    @Option(names = "--hours", description = "With --night: length in hours, 0.02-48 (default ${DEFAULT-VALUE}).", defaultValue = "8")
    double hours;
    @Option(names = "--rate", description = "With --night: sample rate in Hz, 25-100 (default ${DEFAULT-VALUE}).", defaultValue = "50")
    double rate;
    @Option(names = "--one-leg", description = "With --night: left sensor only (default: both ankles).")
    boolean oneLeg;
    @Option(names = "--speed", paramLabel = "N", description = "Simulated seconds per second, 0.01-100000 (default ${DEFAULT-VALUE} = real time).", defaultValue = "1")
    double speed;
    @Option(names = "--role", paramLabel = "ROLE", description = "sensor, cuff or both (default ${DEFAULT-VALUE}).", defaultValue = "both")
    String role;
    @Option(names = "--batch", description = "Samples per frame, 1-80 (default ${DEFAULT-VALUE}).", defaultValue = "25")
    int batch;

    @Override
    public Integer call() throws Exception {
        DeviceRole r;
        try {
            r = DeviceRole.parse(role);
        } catch (IllegalArgumentException e) {
            throw new InputException("--role", 0, e.getMessage());
        }
        // Frames written into the recording being replayed would destroy it.
        OutputFiles.refuseInputs("--pty", pty, java.util.Arrays.asList(input == null ? null : input.replay, replayRight));
        if (!Files.exists(pty)) {
            throw new InputException(pty.toString(), 0, "no such pseudo-terminal; create a pair first, e.g. "
                    + "socat -d -d pty,raw,echo=0,link=/tmp/plm-dev pty,raw,echo=0,link=/tmp/plm-host");
        }
        if (replayRight != null && (input == null || input.replay == null)) {
            throw new InputException("--replay-right", 0, "needs --replay for the left sensor");
        }
        List<SampleSource> sources = new ArrayList<>();
        String what;
        if (input != null && input.nightSeed != null) {
            OptionRanges.check(cmdSpec, "--hours", hours, 0.02, 48);
            OptionRanges.check(cmdSpec, "--rate", rate, 25, 100);
            NightSpec spec;
            try {
                spec = NightSpec.builder().seed(input.nightSeed).durationS(hours * 3600).rateHz(rate).bilateral(!oneLeg).build();
            } catch (IllegalArgumentException e) {
                throw new InputException("--night", 0, e.getMessage());
            }
            SyntheticNight night = SyntheticNight.generate(spec);
            for (Leg leg : night.legs()) {
                sources.add(night.source(leg));
            }
            what = String.format(Locale.ROOT, "synthetic night seed %d, %.2f h at %.0f Hz, %d sensor(s)",
                    input.nightSeed, hours, rate, sources.size());
        } else if (input != null && input.replay != null) {
            sources.add(CsvSampleSource.open(input.replay));
            if (replayRight != null) {
                sources.add(CsvSampleSource.open(replayRight));
            }
            what = "replay of " + input.replay + (replayRight != null ? " and " + replayRight : "");
        } else {
            if (r.streams()) {
                throw new InputException("--role", 0, "role " + role + " streams samples: give --night SEED or --replay FILE");
            }
            what = "no sensor input";
        }
        SimulatorConfig config;
        try {
            config = SimulatorConfig.builder().role(r).speed(speed).batchSamples(batch).build();
        } catch (IllegalArgumentException e) {
            throw new InputException("simulate-device", 0, e.getMessage());
        }
        DeviceSimulator sim = DeviceSimulator.overSerial(pty.toString(), config, sources);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "plm-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.printf(Locale.ROOT, "simulate-device: %s role on %s, %s, speed %s%n",
                r.name().toLowerCase(Locale.ROOT), pty, what, speed);
        sim.start();
        if (r.streams()) {
            while (stop.getCount() > 0 && !sim.awaitStreamDone(10_000)) {
                report(sim.stats());
            }
            report(sim.stats());
            // Closing the port discards what the far end has not yet taken: jSerialComm's close flushes the
            // output queue, and on a pseudo-terminal that drops bytes socat has not read yet (measured: 3 of
            // 100 frames written just before a flush lost on an idle machine; the last frame of a replay lost
            // on a loaded one). A real board never closes; the simulator lingers before it does.
            stop.await(CLOSE_LINGER_MS, TimeUnit.MILLISECONDS);
            sim.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            return 0;
        }
        stop.await();
        return 0;
    }

    private static void report(SimulatorStats s) {
        System.err.printf(Locale.ROOT, "simulate-device: %d samples, %d frames sent, %d dropped (%d samples), %d host frames, %d commands%n",
                s.samplesProduced(), s.framesSent(), s.framesDropped(), s.samplesDropped(), s.hostFrames(), s.commands());
        if (s.lastDropReason() != null) {
            System.err.println("simulate-device: last drop: " + s.lastDropReason());
        }
    }
}
