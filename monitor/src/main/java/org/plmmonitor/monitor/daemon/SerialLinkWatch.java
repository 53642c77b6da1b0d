package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.serial.SessionListener;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Follows one serial board's link for status and the log. The link counts as connected from the first
 * valid frame after an open (an open port with a silent board is no link), and as lost from the first
 * loss after that. So one unplug gives one WARNING, however many reopen attempts and silent reopens
 * follow, and its end one INFO with how long the board was away. Called on the session's reader thread;
 * {@link #state()} may be read from any thread.
 */
final class SerialLinkWatch implements SessionListener {
    private static final System.Logger LOG = System.getLogger(SerialLinkWatch.class.getName());

    private final String path;
    private final LongSupplier nanos;
    private volatile SourceLinkState state = SourceLinkState.DISCONNECTED;
    private boolean everConnected;
    private long lostAtNanos;

    /**
     * @param path  the board's device path, as configured
     * @param nanos the daemon's monotonic clock, ns (for how long the link was down)
     */
    SerialLinkWatch(String path, LongSupplier nanos) {
        this.path = path;
        this.nanos = nanos;
    }

    /** @return the link as status shows it */
    SourceLinkState state() {
        return state;
    }

    @Override
    public void onMessage(Message message) {
        if (state == SourceLinkState.CONNECTED) {
            return;
        }
        state = SourceLinkState.CONNECTED;
        if (everConnected) {
            double downS = (nanos.getAsLong() - lostAtNanos) / 1e9;
            LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                    "serial link %s reconnected after %.1f s down", path, downS));
        }
        everConnected = true;
    }

    @Override
    public void onDisconnected(String path, String reason) {
        if (state != SourceLinkState.CONNECTED) {
            return; // still down: a failed or silent reopen is no new loss
        }
        state = SourceLinkState.DISCONNECTED;
        lostAtNanos = nanos.getAsLong();
        LOG.log(System.Logger.Level.WARNING, "serial link " + this.path + " lost (" + (reason == null ? "no cause given" : reason)
                + "); the daemon keeps reopening it");
    }
}
