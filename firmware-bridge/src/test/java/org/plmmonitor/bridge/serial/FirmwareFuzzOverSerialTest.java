package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.bridge.protocol.FrameEncoder;
import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.Ack;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.Hello;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.Message.Opcode;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A seeded fuzzed command stream to the C firmware's virtual controller over a socat pty: valid commands with
 * random and out-of-range values (targets up to 70 mmHg, zero and over-long holds, SET_LIMITS at 0, within and
 * above the compiled limits), unknown opcodes, exact replays, mutated and truncated frames and line noise, then
 * host silence. In every telemetry sample the pressure stays below the compiled 60 mmHg ceiling and never above
 * the highest ceiling the controller acknowledged (plus its 0.3 mmHg worst overshoot); from the watchdog time
 * after the last byte sent, the plant log never shows the pump running or the vent closed.
 */
class FirmwareFuzzOverSerialTest {
    private static final long SEED = 20_261_207L;
    private static final int STEPS = 400;
    private static final int COMPILED_CEILING_DECI = 600;
    private static final int OVERSHOOT_DECI = 5;

    @BeforeAll
    static void needsSocatAndTheBinary() {
        FirmwareOverSerialIntegrationTest.needsSocatAndTheBinary();
    }

    @Test
    void aFuzzedStreamNeverPassesTheCeilingAndSilenceLeavesTheCuffVented(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("plant.csv");
        Path fwErr = dir.resolve("fw.err");
        Random rnd = new Random(SEED);
        // Every SET_LIMITS sent intact, by command id: its ceiling counts once the controller acknowledges it.
        Map<Integer, Integer> ceilingById = new HashMap<>();
        try (SocatPair pair = new SocatPair(dir).start()) {
            Process fw = new ProcessBuilder(FirmwareOverSerialIntegrationTest.BINARY.toString(), "--pty", pair.a(),
                    "--movements-per-min", "0", "--log", log.toString()).redirectError(fwErr.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (FirmwareOverSerialIntegrationTest.Received rx = new FirmwareOverSerialIntegrationTest.Received(
                    JSerialCommLink.open(pair.b(), SerialLinkConfig.DEFAULT))) {
                FrameEncoder enc = new FrameEncoder();
                SerialLink out = rx.link();
                write(out, new byte[] {0});
                write(out, enc.encode(new Hello(0xF022, 500)));
                Await.until("IDENTIFY", Duration.ofSeconds(5), () -> rx.first(Identify.class, i -> true).isPresent(),
                        () -> read(fwErr));
                Matcher m = Pattern.compile("t_ms 0 is CLOCK_MONOTONIC (\\d+) ms").matcher(read(fwErr));
                assertTrue(m.find(), read(fwErr));
                long t0 = Long.parseLong(m.group(1));
                ceilingById.put(1, 300);
                write(out, enc.encode(new Command(1, Opcode.SET_LIMITS, 300, 60)));
                Await.until("limits acknowledged", Duration.ofSeconds(3), () -> rx.first(Ack.class, a -> a.commandId() == 1)
                        .isPresent(), () -> "");

                List<byte[]> sent = new ArrayList<>();
                int id = 2;
                int otherAcks = 0;
                for (int step = 0; step < STEPS; step++) {
                    double kind = rnd.nextDouble();
                    byte[] frame;
                    if (kind < 0.35) {
                        // INFLATE: targets 0-70 mmHg (many at or above the ceilings), holds 0-150 s.
                        frame = enc.encode(new Command(id++, Opcode.INFLATE, rnd.nextInt(701), rnd.nextInt(1501)));
                    } else if (kind < 0.42) {
                        frame = enc.encode(new Command(id++, Opcode.HOLD, rnd.nextInt(300), rnd.nextInt(4) == 0 ? 1 : 0));
                    } else if (kind < 0.50) {
                        frame = enc.encode(new Command(id++, Opcode.VENT, rnd.nextInt(5) == 0 ? 7 : 0, 0));
                    } else if (kind < 0.57) {
                        int ceiling = switch (rnd.nextInt(3)) {
                            case 0 -> 0;
                            case 1 -> 100 + rnd.nextInt(251);
                            default -> COMPILED_CEILING_DECI + 1 + rnd.nextInt(400);
                        };
                        ceilingById.put(id, ceiling);
                        frame = enc.encode(new Command(id++, Opcode.SET_LIMITS, ceiling, rnd.nextInt(200)));
                    } else if (kind < 0.62) {
                        frame = enc.encode(new UnknownCommand(id++, 5 + rnd.nextInt(250), rnd.nextInt(65536), rnd.nextInt(65536)));
                    } else if (kind < 0.75 && !sent.isEmpty()) {
                        frame = sent.get(rnd.nextInt(sent.size())); // an exact replay: same sequence number and id
                    } else if (kind < 0.92 && !sent.isEmpty()) {
                        frame = mutate(sent.get(rnd.nextInt(sent.size())), rnd);
                    } else {
                        frame = new byte[1 + rnd.nextInt(40)];
                        rnd.nextBytes(frame); // line noise
                    }
                    if (kind < 0.62) {
                        sent.add(frame);
                    }
                    write(out, frame);
                    Thread.sleep(rnd.nextInt(60)); // the stream's own pace, not a wait for anything
                }
                long lastSend = (System.nanoTime() / 1_000_000 - t0) & 0xFFFF_FFFFL;
                // Silence: the controller is on its own from here.
                Await.until("the watchdog time and a second more in the plant log", Duration.ofSeconds(15),
                        () -> lastRowTime(log) > lastSend + 4000, () -> "");
                assertTrue(fw.isAlive(), "the controller survived the stream: " + read(fwErr));

                List<Message> all;
                synchronized (rx) {
                    all = List.copyOf(rx.messages);
                }
                int highest = 0;
                int maxSeen = Integer.MIN_VALUE;
                for (Message msg : all) {
                    if (msg instanceof Ack a && ceilingById.containsKey(a.commandId())) {
                        highest = Math.max(highest, ceilingById.get(a.commandId()));
                    } else if (msg instanceof Ack a) {
                        otherAcks++;
                    } else if (msg instanceof CuffTelemetry t) {
                        maxSeen = Math.max(maxSeen, t.pressureDeciMmHg());
                        assertTrue(t.pressureDeciMmHg() < COMPILED_CEILING_DECI, "at the compiled ceiling: " + t);
                        assertTrue(t.pressureDeciMmHg() <= highest + OVERSHOOT_DECI, "above the highest acknowledged "
                                + "ceiling " + highest / 10.0 + " mmHg: " + t);
                    }
                }
                assertTrue(highest <= 350, "no ceiling above 35 mmHg was ever accepted: " + highest);
                assertTrue(otherAcks > 10 && maxSeen > 150, "the stream did inflate the cuff: "
                        + otherAcks + " commands accepted, highest sample " + maxSeen / 10.0 + " mmHg");
                List<String> unsafe = new ArrayList<>();
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.split(",");
                    if (f.length == 7 && f[0].matches("\\d+")) {
                        assertTrue(Double.parseDouble(f[1]) < COMPILED_CEILING_DECI / 10.0, line);
                        if (Long.parseLong(f[0]) >= lastSend + 3000 + 20 && (f[3].equals("1") || f[4].equals("0"))) {
                            unsafe.add(line);
                        }
                    }
                }
                assertEquals(List.of(), unsafe, "pump running or vent closed after the host went quiet");
                System.out.printf("fuzz: %d steps, %d frames answered with ACK, highest sample %.1f mmHg under an accepted "
                        + "ceiling of at most %.1f mmHg%n", STEPS, otherAcks, maxSeen / 10.0, highest / 10.0);
            } finally {
                fw.destroy();
                assertTrue(fw.waitFor(5, TimeUnit.SECONDS), "the controller stops on SIGTERM");
            }
        }
    }

    /** A damaged copy: 1-3 bytes changed, or cut short, always ended by a delimiter so the next frame resyncs. */
    private static byte[] mutate(byte[] frame, Random rnd) {
        byte[] b;
        if (rnd.nextInt(4) == 0 && frame.length > 2) {
            b = java.util.Arrays.copyOf(frame, 1 + rnd.nextInt(frame.length - 1));
        } else {
            b = frame.clone();
            for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
                int at = rnd.nextInt(Math.max(1, b.length - 1));
                b[at] ^= (byte) (1 + rnd.nextInt(255));
            }
        }
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = 0;
        return out;
    }

    private static void write(SerialLink out, byte[] b) throws IOException {
        out.write(b, 0, b.length);
    }

    private static long lastRowTime(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String[] f = lines.get(i).split(",");
                if (f.length == 7 && f[0].matches("\\d+")) {
                    return Long.parseLong(f[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
