package org.plmmonitor.bridge.serial;

import org.plmmonitor.bridge.protocol.Message;
import org.plmmonitor.bridge.protocol.Message.Ack;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.Nack;
import org.plmmonitor.bridge.protocol.Message.Opcode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Host side of the cuff controller: numbered commands answered through futures, the latest
 * telemetry, and error reports. Policy (when to inflate) lives in the monitor; the controller's own
 * limits are the first line of safety and this class only relays. A command whose answer does not
 * come may be sent again with {@link #resend(Command)}: the controller executes an id once.
 */
public final class SerialCuffClient implements SessionListener {
    private final DeviceSession session;
    private final Map<Integer, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<CuffTelemetry>> telemetryListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ErrorReport>> errorListeners = new CopyOnWriteArrayList<>();
    private volatile CuffTelemetry latest;
    private int nextId = 1;

    /**
     * Registers itself on the session.
     *
     * @param session the device session (not yet started, or telemetry before this call is missed)
     */
    public SerialCuffClient(DeviceSession session) {
        this.session = session;
        session.addListener(this);
    }

    /**
     * @param targetMmHg pressure to reach, mmHg, 0..6553 (the controller refuses above its ceiling)
     * @param holdS      how long to hold it, s, 0..6553 (refused above the max inflation time)
     * @return the answer; completes exceptionally when the command could not be sent
     */
    public CompletableFuture<CommandResult> inflate(double targetMmHg, double holdS) {
        return send(Command.inflate(newId(), targetMmHg, holdS));
    }

    /** @return the answer to an immediate VENT */
    public CompletableFuture<CommandResult> vent() {
        return send(Command.vent(newId()));
    }

    /**
     * @param ceilingMmHg   runtime pressure ceiling, mmHg (never above the compiled one)
     * @param maxInflationS runtime longest inflation, s
     * @return the answer
     */
    public CompletableFuture<CommandResult> setLimits(double ceilingMmHg, int maxInflationS) {
        return send(new Command(newId(), Opcode.SET_LIMITS, (int) Math.round(ceilingMmHg * 10), maxInflationS));
    }

    private synchronized int newId() {
        int id = nextId;
        nextId = (nextId + 1) & 0xFFFF;
        return id;
    }

    /**
     * @param c a command with a fresh id
     * @return the answer
     */
    public CompletableFuture<CommandResult> send(Command c) {
        CompletableFuture<CommandResult> f = pending.computeIfAbsent(c.commandId(), k -> new CompletableFuture<>());
        try {
            session.send(c);
        } catch (IOException e) {
            pending.remove(c.commandId(), f);
            f.completeExceptionally(e);
        }
        return f;
    }

    /**
     * Sends a command again with its id unchanged (after a timeout on a lossy link).
     *
     * @param c the command sent before
     * @return the same future as the first send, if still pending
     */
    public CompletableFuture<CommandResult> resend(Command c) {
        return send(c);
    }

    /** @return the latest telemetry, if any arrived */
    public Optional<CuffTelemetry> latestTelemetry() {
        return Optional.ofNullable(latest);
    }

    /** @param l called for every telemetry frame, on the session thread */
    public void addTelemetryListener(Consumer<CuffTelemetry> l) {
        telemetryListeners.add(l);
    }

    /** @param l called for every error report, on the session thread */
    public void addErrorListener(Consumer<ErrorReport> l) {
        errorListeners.add(l);
    }

    @Override
    public void onMessage(Message message) {
        if (message instanceof CuffTelemetry t) {
            latest = t;
            telemetryListeners.forEach(l -> l.accept(t));
        } else if (message instanceof Ack a) {
            complete(new CommandResult(a.commandId(), true, null));
        } else if (message instanceof Nack n) {
            complete(new CommandResult(n.commandId(), false, n.reason()));
        } else if (message instanceof ErrorReport e) {
            errorListeners.forEach(l -> l.accept(e));
        }
    }

    private void complete(CommandResult r) {
        CompletableFuture<CommandResult> f = pending.remove(r.commandId());
        if (f != null) {
            f.complete(r);
        }
    }
}
