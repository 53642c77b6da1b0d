/* Compiled limits and timings of the cuff controller (PROTOCOL.md §5, §7, §9). No command can raise
 * any of them: SET_LIMITS only moves the runtime limits at or below the compiled ones. */
#ifndef PLM_CONFIG_H
#define PLM_CONFIG_H

#define PLM_PROTOCOL_VERSION 1u
#define PLM_FIRMWARE_VERSION 0x0100u /* 1.0 */

/* Pressures are in 0.1 mmHg ("deci"), times in ms unless named _S. */
#define PLM_COMPILED_CEILING_DECI 600   /* 60.0 mmHg hard ceiling */
#define PLM_COMPILED_MAX_INFLATION_S 120u
#define PLM_MAX_SESSION_S 5400ul        /* 1.5 x the published hour of therapy */
#define PLM_SESSION_GAP_S 600ul         /* empty this long ends a session */
#define PLM_TRIP_PERSIST_MS 300u        /* ceiling held this long: vent and latch (200-500 allowed) */
#define PLM_HOST_WATCHDOG_MS 3000u
#define PLM_CONTROL_PERIOD_MS 10u       /* 100 Hz control loop */
#define PLM_TELEMETRY_PERIOD_MS 100u
#define PLM_HEARTBEAT_PERIOD_MS 1000u
#define PLM_REPORT_LIMIT_MS 1000u       /* rate-limited reports at most once a second */

#define PLM_EMPTY_DECI 10               /* below 1 mmHg the cuff is empty */
#define PLM_HYSTERESIS_DECI 20          /* top up 2 mmHg below target while holding */

#define PLM_SENSOR_MIN_DECI (-100)      /* below -10 mmHg: out of range (open sensor) */
#define PLM_SENSOR_MAX_DECI 2500        /* above 250 mmHg: out of range (shorted sensor) */
#define PLM_SENSOR_MAX_STEP_DECI 500    /* more than 50 mmHg in one 10 ms sample: implausible */
#define PLM_SENSOR_STUCK_MS 2000u       /* pump running and no change for this long: stuck */
#define PLM_SENSOR_STUCK_DECI 2         /* a change of at least 0.2 mmHg is a change */

#define PLM_LEAK_WINDOW_MS 5000u        /* pump duty over this window while holding */
#define PLM_PUMP_RISE_WINDOW_MS 500u    /* pump off: two windows rising ... */
#define PLM_PUMP_RISE_DECI 10           /* ... by more than 1 mmHg each: pump stuck on */
#define PLM_VENT_TIMEOUT_MS 5000u       /* not empty this long after the vent opened: vent fault */
#define PLM_IDLE_HIGH_DECI 50           /* IDLE above 5 mmHg ... */
#define PLM_IDLE_HIGH_MS 2000u          /* ... for this long: actuator fault */

#define PLM_PRESSURE_SENSOR_ID 255u     /* SENSOR_FAULT detail for the cuff's pressure sensor */

#if PLM_TRIP_PERSIST_MS < 200 || PLM_TRIP_PERSIST_MS > 500
#error "PROTOCOL.md §9 duty 2: trip persistence must be 200-500 ms"
#endif
#if PLM_HOST_WATCHDOG_MS > 3000
#error "PROTOCOL.md §5: the host watchdog is 3000 ms, never longer"
#endif
#if PLM_COMPILED_CEILING_DECI > 600
#error "the compiled ceiling is 60 mmHg at most"
#endif

#endif
