package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.InMemoryLink;
import org.plmmonitor.bridge.serial.Pacer;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SessionConfig;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The compression-cuff controller's link as a run opens it: the session the {@link CuffMonitor} listens on,
 * and what starts and stops with it (a shared sensor board, an in-process controller).
 *
 * @param name       the link as status shows it: the device path, or {@code simulator}
 * @param session    the session to the controller
 * @param sharedWith the serial sensor board whose session this is (it starts and closes the session), or
 *                   empty when the link has its own session
 * @param controller the in-process controller at the other end of an in-memory link, or empty for a device
 */
record CuffLink(String name, DeviceSession session, Optional<SerialBoard> sharedWith,
                Optional<DeviceSimulator> controller) {
    /** Bytes each direction of an in-process controller's link holds (a UART FIFO plus driver buffer). */
    private static final int IN_PROCESS_LINK_BYTES = 4096;

    CuffLink {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(sharedWith, "sharedWith");
        Objects.requireNonNull(controller, "controller");
    }

    /**
     * A link of its own to a controller on a serial device.
     *
     * @param path the device path
     * @param baud the line's baud rate (e.g. 115200)
     * @return the link (not started)
     */
    static CuffLink serial(String path, int baud) {
        return new CuffLink(path, DeviceSession.overSerial(path, SerialLinkConfig.builder().baudRate(baud).build(),
                SessionConfig.DEFAULT), Optional.empty(), Optional.empty());
    }

    /**
     * The controller on the same device as a serial sensor board: the board's session, so the port is opened once.
     *
     * @param path  the device path, as configured
     * @param board the board opened on it
     * @return the link (the board starts and closes the session)
     */
    static CuffLink sharedWith(String path, SerialBoard board) {
        return new CuffLink(path, board.session(), Optional.of(board), Optional.empty());
    }

    /**
     * An in-process controller over an in-memory link, paced in real time so that its watchdog and pneumatics
     * run as a real one's would.
     *
     * @param controller builds the controller on its end of the link (a {@link DeviceSimulator} in cuff role)
     * @return the link (not started)
     */
    static CuffLink inProcess(Function<InMemoryLink, DeviceSimulator> controller) {
        InMemoryLink[] ends = InMemoryLink.pair(IN_PROCESS_LINK_BYTES, SerialLinkConfig.DEFAULT);
        DeviceSession s = new DeviceSession("simulator", p -> ends[0], SerialLinkConfig.DEFAULT, SessionConfig.DEFAULT,
                Pacer.realTime(), System::nanoTime);
        return new CuffLink("simulator", s, Optional.empty(), Optional.of(controller.apply(ends[1])));
    }

    /**
     * @param link its end of an in-memory link
     * @return the simulated controller {@code cuff.type = simulator} runs: cuff role, real time
     */
    static DeviceSimulator simulatedController(InMemoryLink link) {
        return new DeviceSimulator(link, SimulatorConfig.builder().role(DeviceRole.CUFF).speed(1).build(), List.of(),
                System::nanoTime);
    }

    /** Starts the controller (in process) and the session (through the board when it is shared). */
    void start() {
        controller.ifPresent(DeviceSimulator::start);
        if (sharedWith.isPresent()) {
            sharedWith.get().start();
        } else {
            session.start();
        }
    }

    /** Closes the session unless the board owns it, then the in-process controller. */
    void close() {
        try {
            if (sharedWith.isEmpty()) {
                session.close();
            }
        } finally {
            controller.ifPresent(DeviceSimulator::close);
        }
    }
}
