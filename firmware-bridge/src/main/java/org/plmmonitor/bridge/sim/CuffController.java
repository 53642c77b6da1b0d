package org.plmmonitor.bridge.sim;

import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * The cuff controller's firmware logic, as PROTOCOL.md requires it of real firmware: a hard ceiling
 * that stops the pump the moment it is reached and vents-and-latches when it persists
 * {@link #CEILING_TRIP_S}; a maximum inflation time; a normally-open vent; a heartbeat watchdog that
 * vents when the host goes quiet; leak detection; a maximum session length; commands executed once per
 * id. The maximum inflation time bounds <em>the present inflation</em> (PROTOCOL.md §9 duty 3): its
 * clock runs from the first pump stroke until the cuff is empty again, and no command resets it. Time
 * is simulated seconds passed to {@link #step}; the watchdog takes its own elapsed-silence figure so
 * that it can run on wall time while the model runs accelerated. Not modelled: sensor and actuator
 * faults (the firmware's host build injects those).
 */
public final class CuffController {
    /** Compiled pressure ceiling, mmHg. */
    public static final double COMPILED_CEILING_MMHG = 60;
    /** Compiled longest inflation, s. */
    public static final int COMPILED_MAX_INFLATION_S = 120;
    /** Compiled longest session, s (PROTOCOL.md §9 duty 11). */
    public static final int MAX_SESSION_S = 5400;
    /** Time empty that ends a session, s. */
    public static final int SESSION_GAP_S = 600;
    /** Persistence of the ceiling before vent-and-latch, s (a movement transient is shorter). */
    public static final double CEILING_TRIP_S = 0.3;
    /** Holding band below target before the pump tops up, mmHg. */
    static final double HYSTERESIS_MMHG = 2;
    /** Pressure below which the cuff is empty, mmHg. */
    static final double EMPTY_MMHG = 1;
    /** Pump share of holding time above which a leak is declared. */
    static final double LEAK_DUTY = 0.5;
    /** Flags that report an event and clear with the next accepted INFLATE or VENT. */
    static final int EVENT_FLAGS = CuffTelemetry.FLAG_MAX_TIME | CuffTelemetry.FLAG_LEAK
            | CuffTelemetry.FLAG_WATCHDOG_VENT | CuffTelemetry.FLAG_SESSION_LIMIT;
    /** Flags that are FAULT's causes and clear only when a VENT leaves FAULT. */
    static final int LATCHED_FLAGS = CuffTelemetry.FLAG_CEILING_TRIP | CuffTelemetry.FLAG_SENSOR_FAULT
            | CuffTelemetry.FLAG_ACTUATOR_FAULT;

    private final PneumaticCuff cuff;
    private final List<ErrorReport> events = new ArrayList<>();
    private CuffState state = CuffState.IDLE;
    private double ceiling = COMPILED_CEILING_MMHG;
    private int maxInflationS = COMPILED_MAX_INFLATION_S;
    private double target;
    private double holdLeftS;
    /** The present inflation is open: the pump ran since the cuff was last empty with the vent open. */
    private boolean inflationOpen;
    private double inflationS;
    private boolean sessionOpen;
    private boolean sessionOver;
    private double sessionS;
    private double emptyS;
    private double aboveCeilingS;
    private double holdS;
    private double pumpInHoldS;
    private boolean pump;
    private int flags;
    private int lastCommandId;
    private int lastAnsweredId = -1;
    private NackReason lastAnswer;

    /** A controller on a nominal cuff. */
    public CuffController() {
        this(PneumaticCuff.Params.NOMINAL);
    }

    /** @param plant the constants of the simulated cuff it drives */
    public CuffController(PneumaticCuff.Params plant) {
        this.cuff = new PneumaticCuff(plant);
    }

    /**
     * Executes a command once; a repeated id gets the first answer again.
     *
     * @param c the command
     * @return null for ACK, else the NACK reason
     */
    public NackReason command(Command c) {
        if (c.commandId() == lastAnsweredId) {
            return lastAnswer;
        }
        return remember(c.commandId(), execute(c));
    }

    /**
     * Answers a command whose opcode this revision does not define (PROTOCOL.md §7.5).
     *
     * @param c the command
     * @return always {@link NackReason#UNKNOWN_OPCODE} (nothing is executed)
     */
    public NackReason command(UnknownCommand c) {
        if (c.commandId() == lastAnsweredId) {
            return lastAnswer;
        }
        return remember(c.commandId(), NackReason.UNKNOWN_OPCODE);
    }

    private NackReason remember(int id, NackReason r) {
        lastAnsweredId = id;
        lastAnswer = r;
        if (r == null) {
            lastCommandId = id;
        }
        return r;
    }

    private NackReason execute(Command c) {
        switch (c.opcode()) {
            case VENT:
                if (c.p1() != 0 || c.p2() != 0) {
                    return NackReason.BAD_PARAMETERS;
                }
                vent();
                flags &= ~EVENT_FLAGS;
                if (state == CuffState.FAULT && cuff.pressureMmHg() < EMPTY_MMHG) {
                    // A VENT on an empty cuff acknowledges the latched fault.
                    flags &= ~LATCHED_FLAGS;
                    state = CuffState.IDLE;
                }
                return null;
            case INFLATE: {
                if (state == CuffState.FAULT) {
                    return NackReason.FAULT_LATCHED;
                }
                double t = c.p1() / 10.0;
                double h = c.p2() / 10.0;
                if (t <= 0 || h <= 0) {
                    return NackReason.BAD_PARAMETERS;
                }
                if (t >= ceiling) {
                    return NackReason.ABOVE_CEILING;
                }
                if (sessionOver || inflationS + h > maxInflationS) {
                    return NackReason.TOO_LONG;
                }
                if (!inflationOpen) {
                    holdS = 0;
                    pumpInHoldS = 0;
                }
                if (!sessionOpen) {
                    sessionOpen = true;
                    sessionS = 0;
                }
                target = t;
                holdLeftS = h;
                flags &= ~EVENT_FLAGS;
                state = CuffState.INFLATING;
                return null;
            }
            case HOLD: {
                if (state != CuffState.HOLDING && state != CuffState.INFLATING) {
                    return NackReason.BAD_PARAMETERS;
                }
                if (c.p1() == 0 || c.p2() != 0) {
                    return NackReason.BAD_PARAMETERS;
                }
                double h = c.p1() / 10.0;
                if (inflationS + h > maxInflationS) {
                    return NackReason.TOO_LONG;
                }
                holdLeftS = h;
                return null;
            }
            case SET_LIMITS: {
                double ceil = c.p1() / 10.0;
                if (ceil <= 0 || c.p2() <= 0) {
                    return NackReason.BAD_PARAMETERS;
                }
                if (ceil > COMPILED_CEILING_MMHG) {
                    return NackReason.ABOVE_CEILING;
                }
                if (c.p2() > COMPILED_MAX_INFLATION_S) {
                    return NackReason.TOO_LONG;
                }
                ceiling = ceil;
                maxInflationS = c.p2();
                return null;
            }
            default:
                return NackReason.UNKNOWN_OPCODE;
        }
    }

    private void vent() {
        pump = false;
        target = 0;
        if (state != CuffState.FAULT) {
            state = cuff.pressureMmHg() < EMPTY_MMHG ? CuffState.IDLE : CuffState.VENTING;
        }
    }

    private boolean inflating() {
        return state == CuffState.INFLATING || state == CuffState.HOLDING;
    }

    /**
     * The host has been silent past the watchdog timeout: vent.
     */
    public void watchdogExpired() {
        if (inflating()) {
            flags |= CuffTelemetry.FLAG_WATCHDOG_VENT;
            vent();
            events.add(new ErrorReport(ErrorCode.WATCHDOG_VENT, 0, "host silent: vented"));
        }
    }

    /**
     * @param excessG leg movement beyond 1 g, g
     */
    public void movement(double excessG) {
        cuff.movement(excessG);
    }

    /**
     * Advances the controller and the cuff.
     *
     * @param dtS simulated seconds, at most 0.01 for a faithful trip timing
     */
    public void step(double dtS) {
        double p = cuff.pressureMmHg();
        switch (state) {
            case INFLATING -> {
                pump = p < target;
                if (p >= target) {
                    state = CuffState.HOLDING;
                }
            }
            case HOLDING -> {
                if (p < target - HYSTERESIS_MMHG) {
                    pump = true;
                } else if (p >= target) {
                    pump = false;
                }
                holdS += dtS;
                if (pump) {
                    pumpInHoldS += dtS;
                }
                holdLeftS -= dtS;
                if (holdS > 5 && pumpInHoldS / holdS > LEAK_DUTY) {
                    flags |= CuffTelemetry.FLAG_LEAK;
                    events.add(new ErrorReport(ErrorCode.LEAK, Math.round(p * 10), "leak: pump duty too high"));
                    vent();
                } else if (holdLeftS <= 0) {
                    vent();
                }
            }
            case VENTING -> {
                pump = false;
                if (p < EMPTY_MMHG) {
                    state = CuffState.IDLE;
                }
            }
            default -> pump = false;
        }
        stepClocks(dtS, p);
        // Hard ceiling: the pump stops the moment the ceiling is reached, whatever the state.
        if (p >= ceiling) {
            pump = false;
            aboveCeilingS += dtS;
            if (aboveCeilingS >= CEILING_TRIP_S && state != CuffState.FAULT) {
                flags |= CuffTelemetry.FLAG_CEILING_TRIP;
                events.add(new ErrorReport(ErrorCode.CEILING_TRIP, Math.round(p * 10), "ceiling held: vented, latched"));
                target = 0;
                state = CuffState.FAULT;
            }
        } else {
            aboveCeilingS = 0;
        }
        cuff.step(dtS, pump, ventOpen());
    }

    /** The inflation and session clocks: never reset by a command, only by an empty cuff. */
    private void stepClocks(double dtS, double p) {
        boolean empty = p < EMPTY_MMHG && ventOpen();
        if (pump) {
            inflationOpen = true;
        } else if (empty) {
            inflationOpen = false;
            inflationS = 0;
        }
        if (inflationOpen) {
            inflationS += dtS;
            if (inflationS > maxInflationS && inflating()) {
                flags |= CuffTelemetry.FLAG_MAX_TIME;
                events.add(new ErrorReport(ErrorCode.MAX_INFLATION_TIME, maxInflationS, "max inflation time: vented"));
                vent();
            }
        }
        if (sessionOpen) {
            sessionS += dtS;
            emptyS = empty ? emptyS + dtS : 0;
            if (emptyS >= SESSION_GAP_S) {
                sessionOpen = false;
                sessionOver = false;
            } else if (sessionS >= MAX_SESSION_S && !sessionOver) {
                sessionOver = true;
                flags |= CuffTelemetry.FLAG_SESSION_LIMIT;
                events.add(new ErrorReport(ErrorCode.SESSION_LIMIT, MAX_SESSION_S, "max session length: vented"));
                if (inflating()) {
                    vent();
                }
            }
        }
    }

    private boolean ventOpen() {
        return state == CuffState.VENTING || state == CuffState.FAULT || state == CuffState.IDLE;
    }

    /**
     * @param deviceMs controller uptime, ms
     * @return the telemetry to send now
     */
    public CuffTelemetry telemetry(long deviceMs) {
        int valves = (pump ? CuffTelemetry.VALVE_PUMP | CuffTelemetry.VALVE_FILL_OPEN : 0)
                | (ventOpen() ? 0 : CuffTelemetry.VALVE_VENT_CLOSED);
        int p = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(cuff.pressureMmHg() * 10)));
        return new CuffTelemetry(deviceMs & 0xFFFF_FFFFL, p, (int) Math.round(target * 10), state, valves, flags,
                lastCommandId);
    }

    /** @return error reports raised since the last call (and forgets them) */
    public List<ErrorReport> drainEvents() {
        List<ErrorReport> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** @return present state */
    public CuffState state() {
        return state;
    }

    /** @return telemetry flags now (PROTOCOL.md §7.4) */
    public int flags() {
        return flags;
    }

    /** @return measured pressure, mmHg */
    public double pressureMmHg() {
        return cuff.pressureMmHg();
    }

    /** @return true while the pump runs */
    public boolean pumpOn() {
        return pump;
    }

    /** @return runtime ceiling, mmHg */
    public double ceilingMmHg() {
        return ceiling;
    }
}
