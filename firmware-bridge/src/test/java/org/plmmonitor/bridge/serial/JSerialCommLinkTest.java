package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jSerialComm on a real socat pty: the behaviours our wrapper exists for. The bounds here are generous
 * (10 s) so that a loaded machine cannot fail them; how fast these things happen is measured by
 * {@link SerialLinkTimingBench}.
 */
class JSerialCommLinkTest {
    /** Far beyond any of the timeouts involved (100 ms write timeout, 2 s join): only a hang exceeds it. */
    private static final Duration HANG = Duration.ofSeconds(10);

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
            IOException e = assertTimeoutPreemptively(HANG, () -> assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100_000; i++) {
                    link.write(frame, 0, frame.length); // nobody reads b: the pty fills up
                }
            }));
            assertTrue(e.getMessage().contains("timed out after 100 ms (the device is not reading)"), e.getMessage());
            // While that write is still blocked, a later one is refused rather than queued behind it.
            IOException later = assertTimeoutPreemptively(HANG,
                    () -> assertThrows(IOException.class, () -> link.write(frame, 0, frame.length)));
            assertTrue(later.getMessage().contains("refused: an earlier write is still blocked"), later.getMessage());
        }
    }

    @Test
    void aSessionClosesWhileItsReadIsBlockedAndTheReaderEnds(@TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir).start()) {
            DeviceSession s = DeviceSession.overSerial(pair.b());
            s.start();
            Await.until("connected", HANG, s::isConnected);
            Thread reader = readerOf(pair.b()).orElseThrow(() -> new AssertionError("no reader thread for " + pair.b()));
            // Nobody writes on the far end: the reader sits in a blocking read.
            assertTimeoutPreemptively(HANG, s::close);
            Await.until("the blocked read to return and the reader to end", HANG, () -> !reader.isAlive(),
                    () -> "reader state " + reader.getState());
            assertFalse(s.isConnected());
        }
    }

    /** The session's reader thread, found by the name it is given ("plm-serial PATH"). */
    static Optional<Thread> readerOf(String path) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("plm-serial " + path)).findFirst();
    }
}
