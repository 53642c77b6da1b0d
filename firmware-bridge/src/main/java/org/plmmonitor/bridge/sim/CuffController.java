package org.plmmonitor.bridge.sim;

import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.ErrorCode;
import org.plmmonitor.bridge.protocol.Message.ErrorReport;
import org.plmmonitor.bridge.protocol.Message.NackReason;

import java.util.ArrayList;
import java.util.List;

/**
 * The cuff controller's firmware logic, as PROTOCOL.md requires it of real firmware: a hard ceiling
 * that stops the pump the moment it is reached and vents-and-latches when it persists
 * {@link #CEILING_TRIP_S}; a maximum inflation time; a normally-open vent; a heartbeat watchdog that
 * vents when the host goes quiet; leak detection; commands executed once per id. Time is simulated
 * seconds passed to {@link #step}; the watchdog takes its own elapsed-silence figure so that it can
 * run on wall time while the model runs accelerated.
 */
public final class CuffController {
    /** Compiled pressure ceiling, mmHg. */
    public static final double COMPILED_CEILING_MMHG = 60;
    /** Compiled longest inflation, s. */
    public static final int COMPILED_MAX_INFLATION_S = 120;
    /** Persistence of the ceiling before vent-and-latch, s (a movement transient is shorter). */
    public static final double CEILING_TRIP_S = 0.3;
    /** Holding band below target before the pump tops up, mmHg. */
    static final double HYSTERESIS_MMHG = 2;
    /** Pressure below which venting is complete, mmHg. */
    static final double EMPTY_MMHG = 1;
    /** Pump share of holding time above which a leak is declared. */
    static final double LEAK_DUTY = 0.5;

    private final PneumaticCuff cuff = new PneumaticCuff();
    private final List<ErrorReport> events = new ArrayList<>();
    private CuffState state = CuffState.IDLE;
    private double ceiling = COMPILED_CEILING_MMHG;
    private int maxInflationS = COMPILED_MAX_INFLATION_S;
    private double target;
    private double holdLeftS;
    private double inflatedS;
    private double aboveCeilingS;
    private double holdS;
    private double pumpInHoldS;
    private boolean pump;
    private int flags;
    private int lastCommandId;
    private int lastAnsweredId = -1;
    private NackReason lastAnswer;
    private double leakScale = 1;

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
        NackReason r = execute(c);
        lastAnsweredId = c.commandId();
        lastAnswer = r;
        if (r == null) {
            lastCommandId = c.commandId();
        }
        return r;
    }

    private NackReason execute(Command c) {
        switch (c.opcode()) {
            case VENT:
                vent();
                if (state == CuffState.FAULT && cuff.pressureMmHg() < EMPTY_MMHG) {
                    // A VENT on an empty cuff acknowledges the latched fault.
                    flags &= ~CuffTelemetry.FLAG_CEILING_TRIP;
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
                if (h > maxInflationS) {
                    return NackReason.TOO_LONG;
                }
                target = t;
                holdLeftS = h;
                inflatedS = 0;
                holdS = 0;
                pumpInHoldS = 0;
                flags &= ~(CuffTelemetry.FLAG_MAX_TIME | CuffTelemetry.FLAG_WATCHDOG_VENT | CuffTelemetry.FLAG_LEAK);
                state = CuffState.INFLATING;
                return null;
            }
            case HOLD: {
                if (state != CuffState.HOLDING && state != CuffState.INFLATING) {
                    return NackReason.BAD_PARAMETERS;
                }
                double h = c.p1() / 10.0;
                if (inflatedS + h > maxInflationS) {
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

    /**
     * The host has been silent past the watchdog timeout: vent.
     */
    public void watchdogExpired() {
        if (state == CuffState.INFLATING || state == CuffState.HOLDING) {
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

    /** @param scale leak multiplier, 1 nominal (tests raise it to trigger leak detection) */
    public void setLeakScale(double scale) {
        leakScale = scale;
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
        if (state == CuffState.INFLATING || state == CuffState.HOLDING) {
            inflatedS += dtS;
            if (inflatedS > maxInflationS) {
                flags |= CuffTelemetry.FLAG_MAX_TIME;
                events.add(new ErrorReport(ErrorCode.MAX_INFLATION_TIME, maxInflationS, "max inflation time: vented"));
                vent();
            }
        }
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
        boolean ventOpen = state == CuffState.VENTING || state == CuffState.FAULT || state == CuffState.IDLE;
        cuff.step(dtS, pump, ventOpen, leakScale);
    }

    /**
     * @param deviceMs controller uptime, ms
     * @return the telemetry to send now
     */
    public CuffTelemetry telemetry(long deviceMs) {
        boolean ventOpen = state == CuffState.VENTING || state == CuffState.FAULT || state == CuffState.IDLE;
        int valves = (pump ? CuffTelemetry.VALVE_PUMP | CuffTelemetry.VALVE_FILL_OPEN : 0)
                | (ventOpen ? 0 : CuffTelemetry.VALVE_VENT_CLOSED);
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
