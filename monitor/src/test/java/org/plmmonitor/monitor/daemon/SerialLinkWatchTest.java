package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One unplug, one WARNING and one INFO, whatever reopens happen in between (the session's own sequence of calls). */
class SerialLinkWatchTest {
    /** Held strongly: JUL keeps loggers only weakly. */
    private final Logger log = Logger.getLogger(SerialLinkWatch.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    private List<String> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Test
    void silentReopensWhileDownAreNoNewLossAndTheReturnSaysHowLongItWasDown() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        SerialLinkWatch w = new SerialLinkWatch("/dev/ttyACM0", nanos::get);
        Message frame = new Message.Heartbeat(1);

        assertEquals(SourceLinkState.DISCONNECTED, w.state(), "nothing heard yet");
        w.onConnected("/dev/ttyACM0", 1);
        assertEquals(SourceLinkState.DISCONNECTED, w.state(), "an open port with a silent board is no link");
        w.onMessage(frame);
        assertEquals(SourceLinkState.CONNECTED, w.state());
        assertEquals(List.of(), at(Level.INFO), "the first connection is no reconnection");

        w.onDisconnected("/dev/ttyACM0", "serial device /dev/ttyACM0 went away (read error 5)");
        assertEquals(SourceLinkState.DISCONNECTED, w.state());
        for (int i = 0; i < 5; i++) { // reopened, but the board stays silent: the session drops it again
            nanos.addAndGet(2_000_000_000L);
            w.onConnected("/dev/ttyACM0", 2 + i);
            w.onDisconnected("/dev/ttyACM0", "no valid frame from /dev/ttyACM0 for 5000 ms");
            assertEquals(SourceLinkState.DISCONNECTED, w.state());
        }
        nanos.addAndGet(2_500_000_000L);
        w.onConnected("/dev/ttyACM0", 7);
        w.onMessage(frame);
        w.onMessage(frame);
        assertEquals(SourceLinkState.CONNECTED, w.state());

        assertEquals(List.of("serial link /dev/ttyACM0 lost (serial device /dev/ttyACM0 went away (read error 5)); "
                + "the daemon keeps reopening it"), at(Level.WARNING));
        assertEquals(List.of("serial link /dev/ttyACM0 reconnected after 12.5 s down"), at(Level.INFO));
    }
}
