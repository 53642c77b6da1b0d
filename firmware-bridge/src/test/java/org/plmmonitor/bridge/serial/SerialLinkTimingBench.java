package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long the behaviours {@link JSerialCommLinkTest} asserts take on a real socat pty: closing a
 * session whose read is blocked (until the reader thread has ended), and refusing a write while an
 * earlier one is blocked. Group "bench" ({@code mvn -Pbench}); prints the figures, asserts nothing.
 * {@code -Dcycles=N} (default 20).
 */
@Tag("bench")
class SerialLinkTimingBench {

    @Test
    void bench() throws Exception {
        int cycles = Integer.getInteger("cycles", 20);
        Path dir = Files.createTempDirectory("plm-link-timing");
        double[] closeMs = new double[cycles];
        double[] refuseMs = new double[cycles];
        for (int i = 0; i < cycles; i++) {
            try (SocatPair pair = new SocatPair(Files.createDirectories(dir.resolve("c" + i))).start()) {
                closeMs[i] = closeOnce(pair);
            }
            try (SocatPair pair = new SocatPair(Files.createDirectories(dir.resolve("w" + i))).start()) {
                refuseMs[i] = refuseOnce(pair);
            }
        }
        print("session close with a blocked read, until the reader ended", closeMs);
        print("write refused while an earlier write is blocked", refuseMs);
    }

    private static double closeOnce(SocatPair pair) {
        DeviceSession s = DeviceSession.overSerial(pair.b());
        s.start();
        Await.until("connected", Duration.ofSeconds(10), s::isConnected);
        Thread reader = JSerialCommLinkTest.readerOf(pair.b()).orElseThrow();
        long t0 = System.nanoTime();
        s.close();
        Await.until("reader ended", Duration.ofSeconds(10), () -> !reader.isAlive());
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double refuseOnce(SocatPair pair) throws IOException {
        SerialLinkConfig cfg = SerialLinkConfig.builder().writeTimeoutMs(100).build();
        try (JSerialCommLink link = JSerialCommLink.open(pair.a(), cfg)) {
            byte[] frame = new byte[500];
            try {
                for (int i = 0; i < 100_000; i++) {
                    link.write(frame, 0, frame.length);
                }
            } catch (IOException expected) {
                // the pty is full: the first timeout has happened
            }
            long t0 = System.nanoTime();
            try {
                link.write(frame, 0, frame.length);
            } catch (IOException expected) {
                // refused
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: n=%d median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, s.length,
                s[s.length / 2], s[(int) Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)], s[s.length - 1]);
    }
}
