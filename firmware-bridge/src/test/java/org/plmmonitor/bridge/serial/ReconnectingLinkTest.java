package org.plmmonitor.bridge.serial;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectingLinkTest {

    /** Records the pauses asked for instead of waiting. */
    static final class RecordingPacer implements Pacer {
        final List<Long> pauses = new ArrayList<>();
        boolean down;

        @Override
        public boolean pause(long ms) {
            pauses.add(ms);
            return !down;
        }

        @Override
        public void shutdown() {
            down = true;
        }
    }

    /** A link whose reads return queued results. */
    static final class ScriptedLink implements SerialLink {
        final List<Object> script = new ArrayList<>();
        volatile boolean closed;

        @Override
        public String path() {
            return "fake";
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (closed) {
                return -1;
            }
            Object o = script.isEmpty() ? 0 : script.remove(0);
            if (o instanceof IOException e) {
                throw e;
            }
            int n = (Integer) o;
            for (int i = 0; i < n; i++) {
                buf[off + i] = (byte) i;
            }
            return n;
        }

        @Override
        public void write(byte[] buf, int off, int len) {
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void backoffDoublesFromMinToMax() {
        SerialLinkConfig c = SerialLinkConfig.builder().reconnectMinMs(50).reconnectMaxMs(500).build();
        assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L),
                List.of(c.backoffMs(0), c.backoffMs(1), c.backoffMs(2), c.backoffMs(3), c.backoffMs(4), c.backoffMs(40)));
    }

    @Test
    void anAbsentDeviceIsRetriedWithPausesNeverInATightLoop() throws IOException {
        RecordingPacer pacer = new RecordingPacer();
        AtomicInteger opens = new AtomicInteger();
        ReconnectingLink link = new ReconnectingLink("/dev/absent", p -> {
            opens.incrementAndGet();
            throw new IOException("serial device " + p + " is not present");
        }, SerialLinkConfig.DEFAULT, pacer, new ConnectionListener() {
        });
        byte[] buf = new byte[16];
        for (int i = 0; i < 8; i++) {
            assertEquals(0, link.read(buf, 0, buf.length), "read reports no data while absent");
        }
        assertEquals(8, opens.get());
        assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L, 500L), pacer.pauses,
                "every attempt after the first failure is preceded by a pause");
    }

    @Test
    void aLostLinkIsClosedAndReopenedThroughTheFactoryAgain() throws IOException {
        RecordingPacer pacer = new RecordingPacer();
        List<ScriptedLink> made = new ArrayList<>();
        List<String> events = new ArrayList<>();
        ReconnectingLink link = new ReconnectingLink("/dev/serial/by-id/x", p -> {
            ScriptedLink l = new ScriptedLink();
            l.script.add(3);
            l.script.add(new LinkLostException("gone"));
            made.add(l);
            return l;
        }, SerialLinkConfig.DEFAULT, pacer, new ConnectionListener() {
            @Override
            public void onConnected(String path, long attempt) {
                events.add("up " + attempt);
            }

            @Override
            public void onDisconnected(String path, Exception cause) {
                events.add("down " + cause.getMessage());
            }
        });
        byte[] buf = new byte[16];
        assertEquals(3, link.read(buf, 0, 16));
        assertEquals(0, link.read(buf, 0, 16));
        assertTrue(made.get(0).closed, "the dead port is closed at once (jSerialComm spins until closePort)");
        assertEquals(3, link.read(buf, 0, 16));
        assertEquals(List.of("up 1", "down gone", "up 2"), events);
        assertEquals(List.of(50L), pacer.pauses, "one pause between loss and reopen");
        assertEquals(2, made.size());
        assertThrows(LinkLostException.class, () -> {
            link.read(buf, 0, 16); // loses link 2
            link.write(new byte[1], 0, 1);
        });
    }

    @Test
    void closeReturnsABlockedReadPromptly() throws Exception {
        CountDownLatch inRead = new CountDownLatch(1);
        SerialLink blocking = new SerialLink() {
            final CountDownLatch closed = new CountDownLatch(1);

            @Override
            public String path() {
                return "blocking";
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                inRead.countDown();
                try {
                    closed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }

            @Override
            public void write(byte[] buf, int off, int len) {
            }

            @Override
            public boolean isConnected() {
                return closed.getCount() > 0;
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        ReconnectingLink link = new ReconnectingLink("blocking", p -> blocking, SerialLinkConfig.DEFAULT,
                Pacer.realTime(), new ConnectionListener() {
        });
        AtomicInteger result = new AtomicInteger(99);
        Thread t = new Thread(() -> {
            try {
                result.set(link.read(new byte[8], 0, 8));
            } catch (IOException e) {
                result.set(-99);
            }
        });
        t.start();
        assertTrue(inRead.await(5, TimeUnit.SECONDS));
        link.close();
        // A generous bound: only a read that never returns fails it (SerialLinkTimingBench measures how soon).
        t.join(Duration.ofSeconds(10).toMillis());
        assertFalse(t.isAlive(), "the blocked read did not return after close");
        assertEquals(-1, result.get());
    }
}
