package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jSerialComm on a real socat pty: the behaviours our wrapper exists for. */
class JSerialCommLinkTest {

    @BeforeAll
    static void needsSocat() {
        SocatPair.assumeSocat();
    }

    @Test
    void aWriteIntoAPtyNobodyReadsTimesOutInsteadOfHanging(@TempDir Path dir) throws Exception {
        SerialLinkConfig cfg = SerialLinkConfig.builder().writeTimeoutMs(100).build();
        try (SocatPair pair = new SocatPair(dir).start(); JSerialCommLink link = JSerialCommLink.open(pair.a(), cfg)) {
            byte[] frame = new byte[500];
            java.util.Arrays.fill(frame, (byte) 1);
            long t0 = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100_000; i++) {
                    link.write(frame, 0, frame.length); // nobody reads b: the pty fills up
                }
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("not reading"), e.getMessage());
            assertTrue(ms < 5000, "gave up after " + ms + " ms");
            long t1 = System.nanoTime();
            assertThrows(IOException.class, () -> link.write(frame, 0, frame.length));
            assertTrue((System.nanoTime() - t1) / 1_000_000 < 50, "later writes fail at once while one is blocked");
        }
    }

    @Test
    void aSessionClosesPromptlyWhileItsReadIsBlocked(@TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir).start()) {
            DeviceSession s = DeviceSession.overSerial(pair.b());
            s.start();
            Await.until("connected", Duration.ofSeconds(5), s::isConnected);
            long t0 = System.nanoTime();
            s.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 500, "close took " + ms + " ms");
        }
    }
}
