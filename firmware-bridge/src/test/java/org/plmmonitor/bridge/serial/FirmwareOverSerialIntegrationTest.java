package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.protocol.FrameDecoder;
import org.plmmonitor.bridge.protocol.FrameEncoder;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.Ack;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.Hello;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.Message.Nack;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.Opcode;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The C firmware's virtual controller ({@code firmware/build/host/plm-controller}, built by
 * {@code make -C firmware-bridge/firmware host}) over a socat pty pair, spoken to with this
 * project's own protocol code: handshake, limits, a refused and an accepted INFLATE, an unknown
 * opcode, and a host that goes quiet mid-hold, which the controller must vent on its own.
 */
class FirmwareOverSerialIntegrationTest {
    static final Path BINARY = Path.of("firmware/build/host/plm-controller");

    @BeforeAll
    static void needsSocatAndTheBinary() {
        SocatPair.assumeSocat();
        assumeTrue(Files.isExecutable(BINARY), "the firmware's host build is missing: run "
                + "`make -C firmware-bridge/firmware host` (./test.sh does) to build " + BINARY.toAbsolutePath());
    }

    /** Every frame the controller sent, in order, read on a thread of its own. */
    static final class Received implements AutoCloseable {
        final List<Message> messages = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();
        private final SerialLink link;
        private final Thread reader;
        private volatile boolean closed;

        Received(SerialLink link) {
            this.link = link;
            FrameDecoder d = new FrameDecoder((seq, m) -> {
                synchronized (this) {
                    messages.add(m);
                    arrivals.add(System.nanoTime());
                }
            });
            reader = new Thread(() -> {
                byte[] buf = new byte[512];
                while (!closed) {
                    try {
                        int n = link.read(buf, 0, buf.length);
                        if (n < 0) {
                            return;
                        }
                        d.feed(buf, 0, n);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "firmware-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** @return the link, for writing to the controller */
        SerialLink link() {
            return link;
        }

        synchronized <T extends Message> Optional<T> first(Class<T> type, java.util.function.Predicate<T> p) {
            return messages.stream().filter(type::isInstance).map(type::cast).filter(p).findFirst();
        }

        synchronized <T extends Message> Optional<Long> arrivalOf(Class<T> type, java.util.function.Predicate<T> p) {
            for (int i = 0; i < messages.size(); i++) {
                if (type.isInstance(messages.get(i)) && p.test(type.cast(messages.get(i)))) {
                    return Optional.of(arrivals.get(i));
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            closed = true;
            link.close();
        }
    }

    @Test
    void handshakeCommandsAndAQuietHostThatTheControllerVents(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("plant.csv");
        try (SocatPair pair = new SocatPair(dir).start()) {
            Process fw = new ProcessBuilder(BINARY.toString(), "--pty", pair.a(), "--movements-per-min", "0",
                    "--log", csv.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("fw.log").toFile()).start();
            try (Received rx = new Received(JSerialCommLink.open(pair.b(), SerialLinkConfig.DEFAULT))) {
                FrameEncoder enc = new FrameEncoder();
                SerialLink out = rx.link;
                out.write(new byte[]{0}, 0, 1);
                byte[] f = enc.encode(new Hello(0x5EED_F00D, 500));
                out.write(f, 0, f.length);
                Await.until("IDENTIFY", Duration.ofSeconds(5), () -> rx.first(Identify.class, i -> true).isPresent(),
                        () -> "controller log: " + readQuietly(dir.resolve("fw.log")));
                Identify id = rx.first(Identify.class, i -> true).orElseThrow();
                assertEquals(0x5EED_F00D, id.hostNonce());
                assertEquals(Identify.ROLE_CUFF, id.roles());
                assertEquals(3000, id.watchdogTimeoutMs());
                assertEquals(600, id.ceilingDeciMmHg());
                assertEquals(120, id.maxInflationS());
                assertTrue(rx.first(ErrorReport.class, e -> e.code() == ErrorCode.RESET).isPresent(), "RESET at power-up");

                for (Message m : List.of(new Command(1, Opcode.SET_LIMITS, 350, 60), Command.inflate(2, 40, 5),
                        Command.inflate(3, 29, 30), new UnknownCommand(4, 0x99, 0, 0), new Command(5, Opcode.HOLD, 0, 0))) {
                    f = enc.encode(m);
                    out.write(f, 0, f.length);
                }
                long lastHostFrame = System.nanoTime();
                Await.until("five answers", Duration.ofSeconds(5), () -> rx.first(Nack.class, n -> n.commandId() == 5).isPresent());
                assertTrue(rx.first(Ack.class, a -> a.commandId() == 1).isPresent(), "SET_LIMITS acknowledged");
                assertEquals(NackReason.ABOVE_CEILING, rx.first(Nack.class, n -> n.commandId() == 2).orElseThrow().reason());
                assertTrue(rx.first(Ack.class, a -> a.commandId() == 3).isPresent(), "INFLATE acknowledged");
                assertEquals(NackReason.UNKNOWN_OPCODE, rx.first(Nack.class, n -> n.commandId() == 4).orElseThrow().reason());
                assertEquals(NackReason.BAD_PARAMETERS, rx.first(Nack.class, n -> n.commandId() == 5).orElseThrow().reason());

                Await.until("holding 29 mmHg", Duration.ofSeconds(3), () -> rx.first(CuffTelemetry.class,
                        t -> t.state() == CuffState.HOLDING && Math.abs(t.pressureMmHg() - 29) < 2.5).isPresent());
                // From here the host sends nothing: the controller alone must vent.
                Await.until("watchdog vent", Duration.ofSeconds(6), () -> rx.first(CuffTelemetry.class,
                        t -> (t.flags() & CuffTelemetry.FLAG_WATCHDOG_VENT) != 0).isPresent());
                CuffTelemetry vented = rx.first(CuffTelemetry.class, t -> (t.flags() & CuffTelemetry.FLAG_WATCHDOG_VENT) != 0).orElseThrow();
                assertEquals(0, vented.valves() & CuffTelemetry.VALVE_VENT_CLOSED, "vent open");
                assertEquals(0, vented.valves() & CuffTelemetry.VALVE_PUMP, "pump off");
                assertTrue(rx.first(ErrorReport.class, e -> e.code() == ErrorCode.WATCHDOG_VENT).isPresent());
                long seen = rx.arrivalOf(CuffTelemetry.class, t -> (t.flags() & CuffTelemetry.FLAG_WATCHDOG_VENT) != 0).orElseThrow();
                System.out.printf("measured over socat: last host frame to watchdog-vent telemetry %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(seen - lastHostFrame));
                Await.until("empty", Duration.ofSeconds(5), () -> rx.first(CuffTelemetry.class,
                        t -> t.state() == CuffState.IDLE && (t.flags() & CuffTelemetry.FLAG_WATCHDOG_VENT) != 0).isPresent());
                List<Message> all;
                synchronized (rx) {
                    all = List.copyOf(rx.messages);
                }
                assertEquals(List.of(), all.stream().filter(CuffTelemetry.class::isInstance).map(CuffTelemetry.class::cast)
                        .filter(t -> t.pressureDeciMmHg() >= 350).toList(), "no sample at or above the 35 mmHg ceiling");
            } finally {
                fw.destroy();
                assertTrue(fw.waitFor(5, TimeUnit.SECONDS), "the controller stops on SIGTERM");
            }
        }
    }

    @Test
    void asTheAnkleSensorHubItStreamsBothLegsWholeThroughTheHostSession(@TempDir Path dir) throws Exception {
        RecordingSink left = new RecordingSink();
        RecordingSink right = new RecordingSink();
        SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, left).addSink(Leg.RIGHT, right);
        int n = 5 * 50;
        try (SocatPair pair = new SocatPair(dir).start()) {
            Process fw = new ProcessBuilder(BINARY.toString(), "--pty", pair.a(), "--sensors", "2", "--seed", "7")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("fw.log").toFile()).start();
            try (DeviceSession host = DeviceSession.overSerial(pair.b(), SerialLinkConfig.DEFAULT, SessionConfig.DEFAULT)) {
                host.addListener(src);
                host.start();
                Await.until("IDENTIFY", Duration.ofSeconds(5), () -> host.identity().isPresent(),
                        () -> "controller log: " + readQuietly(dir.resolve("fw.log")));
                Identify id = host.identity().get();
                assertEquals(Identify.ROLE_CUFF | Identify.ROLE_SENSOR, id.roles());
                assertEquals(2, id.sensors().size());
                assertEquals(50.0, id.sensors().get(0).rateHz(), 1e-9);
                Await.until("five seconds on both legs", Duration.ofSeconds(15), () -> left.count() >= n && right.count() >= n,
                        () -> left.count() + " " + right.count());
                assertEquals(List.of(), left.stepsLongerThan(1.5 / 50), "no sample lost on a healthy link: no step longer than 1.5 periods");
                assertEquals(List.of(), right.stepsLongerThan(1.5 / 50));
                List<double[]> samples = left.samplesCopy();
                double t0 = samples.get(0)[0];
                for (int i = 1; i < n; i++) {
                    assertEquals(t0 + i / 50.0, samples.get(i)[0], 1e-9, "sample " + i + " stamped from its counter");
                }
                assertEquals(0, host.counters().rejectedTotal());
            } finally {
                fw.destroy();
                assertTrue(fw.waitFor(5, TimeUnit.SECONDS), "the controller stops on SIGTERM");
            }
        }
    }

    /**
     * Each fault the virtual controller injects, against a cuff kept alive by the host's own session:
     * the controller vents, and (but for the leak, which PROTOCOL.md only vents) latches FAULT with
     * the fault's flag.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // kind, at s, INFLATE target mmHg, hold s, expected flag, latched
            "stuck-sensor, 1.0, 50, 20, 16, true",   // while pumping toward 50 mmHg
            "sensor-open, 2.5, 29, 20, 16, true",
            "leak, 2.5, 29, 20, 4, false",
            "pump-stuck-on, 2.5, 29, 20, 32, true",
            "valve-stuck-closed, 2.0, 29, 3, 32, true", // found once the hold ends and the vent does not vent
    })
    void eachInjectedFaultVents(String kind, double atS, double targetMmHg, double holdS, int flag, boolean latched,
                                @TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir).start()) {
            Process fw = new ProcessBuilder(BINARY.toString(), "--pty", pair.a(), "--movements-per-min", "0",
                    "--fault", kind + "@" + atS).redirectErrorStream(true).redirectOutput(dir.resolve("fw.log").toFile()).start();
            try (DeviceSession host = DeviceSession.overSerial(pair.b(), SerialLinkConfig.DEFAULT, SessionConfig.DEFAULT)) {
                SerialCuffClient cuff = new SerialCuffClient(host);
                List<CuffTelemetry> frames = java.util.Collections.synchronizedList(new ArrayList<>());
                cuff.addTelemetryListener(frames::add);
                host.start();
                Await.until("IDENTIFY", Duration.ofSeconds(5), () -> host.identity().isPresent(),
                        () -> "controller log: " + readQuietly(dir.resolve("fw.log")));
                CommandResult r = cuff.inflate(targetMmHg, holdS).get(2, TimeUnit.SECONDS);
                assertTrue(r.accepted(), r.toString());
                Await.until(kind + " flagged", Duration.ofSeconds(15), () -> cuff.latestTelemetry()
                                .filter(t -> (t.flags() & flag) != 0).isPresent(),
                        () -> cuff.latestTelemetry() + " log: " + readQuietly(dir.resolve("fw.log")));
                CuffTelemetry t = cuff.latestTelemetry().orElseThrow();
                assertEquals(0, t.valves() & (CuffTelemetry.VALVE_VENT_CLOSED | CuffTelemetry.VALVE_PUMP), "vent open, pump off: " + t);
                assertEquals(latched, t.state() == CuffState.FAULT, t.toString());
                if (latched) {
                    CommandResult again = cuff.inflate(20, 5).get(2, TimeUnit.SECONDS);
                    assertEquals(NackReason.FAULT_LATCHED, again.reason(), again.toString());
                }
                synchronized (frames) {
                    assertEquals(List.of(), frames.stream().filter(f -> f.pressureDeciMmHg() >= 600).toList(),
                            "no sample at the compiled ceiling");
                }
            } finally {
                fw.destroy();
                assertTrue(fw.waitFor(5, TimeUnit.SECONDS), "the controller stops on SIGTERM");
            }
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
