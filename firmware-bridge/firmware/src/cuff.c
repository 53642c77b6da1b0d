#include "cuff.h"
#include "config.h"
#include "text.h"
#include <string.h>

static void add_event(cuff_t *c, uint8_t code, uint32_t detail, const char *text) {
    if (c->event_count == CUFF_MAX_EVENTS) {
        /* Drained every control period, so this needs six safety events in 10 ms; keep the newest. */
        memmove(&c->events[0], &c->events[1], sizeof c->events[0] * (CUFF_MAX_EVENTS - 1));
        c->event_count--;
    }
    c->events[c->event_count].code = code;
    c->events[c->event_count].detail = detail;
    c->events[c->event_count].text = text;
    c->event_count++;
}

bool cuff_take_event(cuff_t *c, cuff_event_t *out) {
    if (c->event_count == 0) {
        return false;
    }
    *out = c->events[0];
    memmove(&c->events[0], &c->events[1], sizeof c->events[0] * (CUFF_MAX_EVENTS - 1));
    c->event_count--;
    return true;
}

void cuff_init(cuff_t *c) {
    memset(c, 0, sizeof *c);
    c->state = CUFF_IDLE;
    c->ceiling_deci = PLM_COMPILED_CEILING_DECI;
    c->max_inflation_s = PLM_COMPILED_MAX_INFLATION_S;
}

static bool inflating(const cuff_t *c) {
    return c->state == CUFF_INFLATING || c->state == CUFF_HOLDING;
}

static void vent(cuff_t *c) {
    c->pump = false;
    c->target_deci = 0;
    if (c->state != CUFF_FAULT) {
        c->state = c->p_deci < PLM_EMPTY_DECI ? CUFF_IDLE : CUFF_VENTING;
    }
}

/* Enters (or stays in) FAULT with the vent open and the pump off; reports each cause once. */
static void latch(cuff_t *c, uint16_t flag, uint8_t code, uint32_t detail, const char *text) {
    c->pump = false;
    c->target_deci = 0;
    c->state = CUFF_FAULT;
    if (!(c->flags & flag)) {
        c->flags |= flag;
        add_event(c, code, detail, text);
    }
}

static void reset_leak_window(cuff_t *c) {
    memset(c->leak_bucket_ms, 0, sizeof c->leak_bucket_ms);
    c->leak_idx = 0;
    c->leak_bucket_age = 0;
    c->hold_ms = 0;
}

static uint8_t execute(cuff_t *c, uint8_t opcode, uint16_t p1, uint16_t p2) {
    switch (opcode) {
    case OP_VENT:
        if (p1 != 0 || p2 != 0) {
            return NACK_BAD_PARAMETERS;
        }
        vent(c);
        c->flags &= (uint16_t)~CUFF_EVENT_FLAGS;
        if (c->state == CUFF_FAULT && c->p_deci < PLM_EMPTY_DECI) {
            /* The explicit acknowledgement of a latched fault, on an empty cuff only. */
            c->flags &= (uint16_t)~CUFF_LATCHED_FLAGS;
            c->state = CUFF_IDLE;
            c->above_ms = 0;
        }
        return ANSWER_ACK;
    case OP_INFLATE: {
        if (c->state == CUFF_FAULT) {
            return NACK_FAULT_LATCHED;
        }
        if (p1 == 0 || p2 == 0) {
            return NACK_BAD_PARAMETERS;
        }
        if (p1 >= c->ceiling_deci) {
            return NACK_ABOVE_CEILING;
        }
        uint32_t hold_ms = (uint32_t)p2 * 100u;
        /* The present inflation's clock is never reset by a command (§9 duty 3). */
        if (c->session_over || c->inflation_ms + hold_ms > (uint32_t)c->max_inflation_s * 1000u) {
            return NACK_TOO_LONG;
        }
        if (!c->inflation_open) {
            reset_leak_window(c);
        }
        if (!c->session_open) {
            c->session_open = true;
            c->session_ms = 0;
            c->empty_ms = 0;
        }
        c->target_deci = p1;
        c->hold_left_ms = hold_ms;
        c->flags &= (uint16_t)~CUFF_EVENT_FLAGS;
        c->state = CUFF_INFLATING;
        return ANSWER_ACK;
    }
    case OP_HOLD:
        if (!inflating(c) || p1 == 0 || p2 != 0) {
            return NACK_BAD_PARAMETERS;
        }
        if (c->inflation_ms + (uint32_t)p1 * 100u > (uint32_t)c->max_inflation_s * 1000u) {
            return NACK_TOO_LONG;
        }
        c->hold_left_ms = (uint32_t)p1 * 100u;
        return ANSWER_ACK;
    case OP_SET_LIMITS:
        if (p1 == 0 || p2 == 0) {
            return NACK_BAD_PARAMETERS;
        }
        if (p1 > PLM_COMPILED_CEILING_DECI) {
            return NACK_ABOVE_CEILING;
        }
        if (p2 > PLM_COMPILED_MAX_INFLATION_S) {
            return NACK_TOO_LONG;
        }
        c->ceiling_deci = p1;
        c->max_inflation_s = p2;
        return ANSWER_ACK;
    default:
        return NACK_UNKNOWN_OPCODE;
    }
}

uint8_t cuff_command(cuff_t *c, uint16_t id, uint8_t opcode, uint16_t p1, uint16_t p2) {
    if (c->answered_any && id == c->last_answered_id) {
        return c->last_answer;
    }
    uint8_t r = execute(c, opcode, p1, p2);
    c->answered_any = true;
    c->last_answered_id = id;
    c->last_answer = r;
    if (r == ANSWER_ACK) {
        c->last_command_id = id;
    }
    return r;
}

void cuff_host_silent(cuff_t *c) {
    if (inflating(c)) {
        c->flags |= CUFF_FLAG_WATCHDOG;
        vent(c);
        add_event(c, EV_WATCHDOG_VENT, 0, PLM_TEXT("host silent: vented"));
    }
}

static int16_t absdiff(int16_t a, int16_t b) {
    int32_t d = (int32_t)a - b;
    return (int16_t)(d < 0 ? -d : d);
}

static uint16_t add_sat(uint16_t a, uint16_t b) {
    uint32_t s = (uint32_t)a + b;
    return s > 0xFFFFu ? 0xFFFFu : (uint16_t)s;
}

/* Duty 8: range, rate and stuck, judged before the reading is used. */
static void check_sensor(cuff_t *c, uint16_t dt, int16_t p) {
    if (p < PLM_SENSOR_MIN_DECI || p > PLM_SENSOR_MAX_DECI) {
        latch(c, CUFF_FLAG_SENSOR, EV_SENSOR_FAULT, PLM_PRESSURE_SENSOR_ID, PLM_TEXT("pressure sensor: out of range"));
    } else if (c->have_prev && absdiff(p, c->p_deci) > PLM_SENSOR_MAX_STEP_DECI) {
        latch(c, CUFF_FLAG_SENSOR, EV_SENSOR_FAULT, PLM_PRESSURE_SENSOR_ID, PLM_TEXT("pressure sensor: implausible rate"));
    }
    if (c->pump) { /* the pump ran during the period that just ended */
        if (absdiff(p, c->stuck_ref) >= PLM_SENSOR_STUCK_DECI) {
            c->stuck_ref = p;
            c->stuck_ms = 0;
        } else {
            c->stuck_ms = add_sat(c->stuck_ms, dt);
            if (c->stuck_ms >= PLM_SENSOR_STUCK_MS) {
                latch(c, CUFF_FLAG_SENSOR, EV_SENSOR_FAULT, PLM_PRESSURE_SENSOR_ID,
                      PLM_TEXT("pressure sensor: stuck while pumping"));
            }
        }
    } else {
        c->stuck_ref = p;
        c->stuck_ms = 0;
    }
    c->have_prev = true;
}

static void step_hold(cuff_t *c, uint16_t dt, int16_t p) {
    if (p < (int16_t)c->target_deci - PLM_HYSTERESIS_DECI) {
        c->pump = true;
    } else if (p >= (int16_t)c->target_deci) {
        c->pump = false;
    }
    /* Duty 7: pump duty over the last 5 s, in 1 s buckets. */
    c->hold_ms += dt;
    if (c->pump) {
        c->leak_bucket_ms[c->leak_idx] = add_sat(c->leak_bucket_ms[c->leak_idx], dt);
    }
    c->leak_bucket_age += dt;
    uint32_t pumped = 0;
    for (uint8_t i = 0; i < 5; i++) {
        pumped += c->leak_bucket_ms[i];
    }
    uint32_t window = 4000u + c->leak_bucket_age;
    if (c->leak_bucket_age >= 1000u) {
        c->leak_bucket_age = 0;
        c->leak_idx = (uint8_t)((c->leak_idx + 1) % 5);
        c->leak_bucket_ms[c->leak_idx] = 0;
    }
    c->hold_left_ms = c->hold_left_ms > dt ? c->hold_left_ms - dt : 0;
    if (c->hold_ms >= PLM_LEAK_WINDOW_MS && pumped * 2u > window) {
        c->flags |= CUFF_FLAG_LEAK;
        add_event(c, EV_LEAK, (uint32_t)(p < 0 ? 0 : p), PLM_TEXT("leak: pump duty above half"));
        vent(c);
    } else if (c->hold_left_ms == 0) {
        vent(c);
    }
}

static bool vent_open(const cuff_t *c) {
    return !inflating(c);
}

/* The inflation and session clocks: never reset by a command, only by an empty cuff. */
static void step_clocks(cuff_t *c, uint16_t dt, int16_t p) {
    bool empty = p < PLM_EMPTY_DECI && vent_open(c);
    if (c->pump) {
        c->inflation_open = true;
    } else if (empty) {
        c->inflation_open = false;
        c->inflation_ms = 0;
    }
    if (c->inflation_open) {
        c->inflation_ms += dt;
        if (c->inflation_ms > (uint32_t)c->max_inflation_s * 1000u && inflating(c)) {
            c->flags |= CUFF_FLAG_MAX_TIME;
            add_event(c, EV_MAX_INFLATION_TIME, c->max_inflation_s, PLM_TEXT("max inflation time: vented"));
            vent(c);
        }
    }
    if (c->session_open) {
        c->session_ms += dt;
        c->empty_ms = empty ? c->empty_ms + dt : 0;
        if (c->empty_ms >= PLM_SESSION_GAP_S * 1000u) {
            c->session_open = false;
            c->session_over = false;
        } else if (c->session_ms >= PLM_MAX_SESSION_S * 1000u && !c->session_over) {
            c->session_over = true;
            c->flags |= CUFF_FLAG_SESSION;
            add_event(c, EV_SESSION_LIMIT, PLM_MAX_SESSION_S, PLM_TEXT("max session length: vented"));
            if (inflating(c)) {
                vent(c);
            }
        }
    }
}

/* Duty 12: a pump stuck on shows as pressure it makes; a vent stuck closed as a cuff that stays full. */
static void check_actuators(cuff_t *c, uint16_t dt, int16_t p, bool pump_was_on) {
    if (pump_was_on) {
        c->rise_n = 0;
        c->rise_ms = 0;
    } else if (c->rise_n == 0) {
        c->rise_p[0] = p;
        c->rise_n = 1;
        c->rise_ms = 0;
    } else {
        c->rise_ms += dt;
        if (c->rise_ms >= PLM_PUMP_RISE_WINDOW_MS) {
            c->rise_ms = 0;
            if (c->rise_n == 3) {
                c->rise_p[0] = c->rise_p[1];
                c->rise_p[1] = c->rise_p[2];
                c->rise_n = 2;
            }
            c->rise_p[c->rise_n++] = p;
            if (c->rise_n == 3 && c->rise_p[1] - c->rise_p[0] > PLM_PUMP_RISE_DECI
                && c->rise_p[2] - c->rise_p[1] > PLM_PUMP_RISE_DECI) {
                latch(c, CUFF_FLAG_ACTUATOR, EV_ACTUATOR_FAULT, 1, PLM_TEXT("pump stuck on: pressure rising, pump off"));
            }
        }
    }
    bool venting = c->state == CUFF_VENTING || (c->state == CUFF_FAULT && !(c->flags & CUFF_FLAG_SENSOR));
    if (venting && p >= PLM_EMPTY_DECI) {
        c->vent_ms = add_sat(c->vent_ms, dt);
        if (c->vent_ms >= PLM_VENT_TIMEOUT_MS) {
            latch(c, CUFF_FLAG_ACTUATOR, EV_ACTUATOR_FAULT, 2, PLM_TEXT("vent not venting: cuff still full"));
        }
    } else {
        c->vent_ms = 0;
    }
    if (c->state == CUFF_IDLE && p >= PLM_IDLE_HIGH_DECI) {
        c->idle_high_ms = add_sat(c->idle_high_ms, dt);
        if (c->idle_high_ms >= PLM_IDLE_HIGH_MS) {
            latch(c, CUFF_FLAG_ACTUATOR, EV_ACTUATOR_FAULT, 1, PLM_TEXT("pressure while idle: pump stuck on"));
        }
    } else {
        c->idle_high_ms = 0;
    }
}

void cuff_step(cuff_t *c, uint16_t dt, int16_t p) {
    bool pump_was_on = c->pump;
    check_sensor(c, dt, p);
    c->p_deci = p;
    switch (c->state) {
    case CUFF_INFLATING:
        c->pump = p < (int16_t)c->target_deci;
        if (!c->pump) {
            c->state = CUFF_HOLDING;
        }
        break;
    case CUFF_HOLDING:
        step_hold(c, dt, p);
        break;
    case CUFF_VENTING:
        c->pump = false;
        if (p < PLM_EMPTY_DECI) {
            c->state = CUFF_IDLE;
        }
        break;
    default:
        c->pump = false;
        break;
    }
    step_clocks(c, dt, p);
    check_actuators(c, dt, p, pump_was_on);
    /* Duty 1 and 2: the pump stops in this very iteration at the ceiling, whatever the state; held
     * for the persistence time, the vent opens and FAULT latches. */
    uint16_t ceiling = c->ceiling_deci < PLM_COMPILED_CEILING_DECI ? c->ceiling_deci : PLM_COMPILED_CEILING_DECI;
    if (p >= (int16_t)ceiling) {
        c->pump = false;
        c->above_ms = add_sat(c->above_ms, dt);
        if (c->above_ms >= PLM_TRIP_PERSIST_MS && c->state != CUFF_FAULT) {
            latch(c, CUFF_FLAG_CEILING_TRIP, EV_CEILING_TRIP, (uint32_t)p, PLM_TEXT("ceiling held: vented, latched"));
        }
    } else {
        c->above_ms = 0;
    }
    c->vent_closed = inflating(c);
    if (!c->vent_closed) {
        c->pump = false; /* never pump against an open vent */
    }
}
