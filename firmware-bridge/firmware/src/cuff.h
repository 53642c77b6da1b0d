/* The cuff controller's pressure control and safety state machine (PROTOCOL.md §8, §9): pure logic,
 * no hardware. cuff_step() runs once per control period with the measured pressure and decides the
 * pump and vent; the caller drives the actuators from cuff_t.pump / cuff_t.vent_closed. */
#ifndef PLM_CUFF_H
#define PLM_CUFF_H
#include <stdbool.h>
#include <stdint.h>

typedef enum {
    CUFF_IDLE = 0, CUFF_INFLATING = 1, CUFF_HOLDING = 2, CUFF_VENTING = 3, CUFF_FAULT = 4
} cuff_state_t;

enum {
    CUFF_FLAG_CEILING_TRIP = 1u << 0, /* latched */
    CUFF_FLAG_MAX_TIME = 1u << 1,
    CUFF_FLAG_LEAK = 1u << 2,
    CUFF_FLAG_WATCHDOG = 1u << 3,
    CUFF_FLAG_SENSOR = 1u << 4,       /* latched */
    CUFF_FLAG_ACTUATOR = 1u << 5,     /* latched */
    CUFF_FLAG_SESSION = 1u << 6
};
#define CUFF_LATCHED_FLAGS (CUFF_FLAG_CEILING_TRIP | CUFF_FLAG_SENSOR | CUFF_FLAG_ACTUATOR)
#define CUFF_EVENT_FLAGS (CUFF_FLAG_MAX_TIME | CUFF_FLAG_LEAK | CUFF_FLAG_WATCHDOG | CUFF_FLAG_SESSION)

typedef enum { OP_INFLATE = 1, OP_HOLD = 2, OP_VENT = 3, OP_SET_LIMITS = 4 } cuff_opcode_t;

typedef enum {
    ANSWER_ACK = 0, NACK_UNKNOWN_OPCODE = 1, NACK_BAD_PARAMETERS = 2, NACK_ABOVE_CEILING = 3,
    NACK_TOO_LONG = 4, NACK_FAULT_LATCHED = 5
} cuff_answer_t;

/* ERROR_REPORT codes (PROTOCOL.md §7.8) the cuff raises. */
typedef enum {
    EV_SENSOR_FAULT = 1, EV_CEILING_TRIP = 3, EV_MAX_INFLATION_TIME = 4, EV_LEAK = 5,
    EV_WATCHDOG_VENT = 6, EV_SESSION_LIMIT = 9, EV_ACTUATOR_FAULT = 10
} cuff_event_code_t;

typedef struct {
    uint8_t code;       /* cuff_event_code_t */
    uint32_t detail;
    const char *text;   /* static string, printable ASCII (in flash on the AVR: PLM_TEXT) */
} cuff_event_t;

#define CUFF_MAX_EVENTS 6

typedef struct {
    cuff_state_t state;
    uint16_t flags;
    uint16_t ceiling_deci;       /* runtime ceiling, <= PLM_COMPILED_CEILING_DECI */
    uint16_t max_inflation_s;    /* runtime maximum, <= PLM_COMPILED_MAX_INFLATION_S */
    uint16_t target_deci;        /* 0 when none */
    uint32_t hold_left_ms;
    int16_t p_deci;              /* last measured pressure */
    bool pump;                   /* outputs of the last step */
    bool vent_closed;

    bool inflation_open;         /* the present inflation (§9 duty 3) */
    uint32_t inflation_ms;
    bool session_open, session_over;
    uint32_t session_ms, empty_ms;
    uint16_t above_ms;           /* time at or above the ceiling */

    uint16_t leak_bucket_ms[5];  /* pump ms per second of holding, the last 5 s */
    uint8_t leak_idx;
    uint16_t leak_bucket_age;
    uint32_t hold_ms;

    bool have_prev;              /* sensor plausibility */
    int16_t stuck_ref;
    uint16_t stuck_ms;

    uint16_t rise_ms;            /* pump-stuck-on windows */
    uint8_t rise_n;
    int16_t rise_p[3];
    uint16_t vent_ms;            /* time VENTING (vent open) without being empty */
    uint16_t idle_high_ms;

    bool answered_any;           /* command ids executed once */
    uint16_t last_answered_id;
    uint8_t last_answer;
    uint16_t last_command_id;    /* last accepted */

    cuff_event_t events[CUFF_MAX_EVENTS];
    uint8_t event_count;
} cuff_t;

/* Power-up state: IDLE, pump off, vent open, no inflation, runtime limits at the compiled ones. */
void cuff_init(cuff_t *c);

/* Executes a COMMAND once per id (a repeat of the last id gets the same answer, unexecuted).
 * Returns ANSWER_ACK or the NACK reason. Unknown opcodes: NACK_UNKNOWN_OPCODE. */
uint8_t cuff_command(cuff_t *c, uint16_t id, uint8_t opcode, uint16_t p1, uint16_t p2);

/* The host watchdog expired: vent an inflated cuff and report WATCHDOG_VENT. */
void cuff_host_silent(cuff_t *c);

/* One control period: dt_ms since the last step (the control period), p_deci the pressure measured
 * now. Decides c->pump and c->vent_closed; the pump is never on at or above the ceiling. */
void cuff_step(cuff_t *c, uint16_t dt_ms, int16_t p_deci);

/* Removes and returns the oldest event; false when none. */
bool cuff_take_event(cuff_t *c, cuff_event_t *out);

#endif
