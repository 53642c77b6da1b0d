/* A fake board for the host unit tests: the HAL of hal.h over the plant model, a controllable
 * clock, a byte queue standing for the host's side of the UART, and a decoder of what the firmware
 * sends. */
#ifndef PLM_RIG_H
#define PLM_RIG_H
#include "plant.h"
#include <stdbool.h>
#include <stdint.h>

typedef enum { SENSOR_OK, SENSOR_STUCK, SENSOR_OPEN, SENSOR_SHORT, SENSOR_JUMP } sensor_mode_t;

typedef struct {
    uint8_t type;
    uint8_t body[80];
    uint8_t len;
    uint32_t at_ms;
} frame_t;

typedef struct {
    plant_t plant;
    uint32_t now_ms;
    bool pump, vent_closed;      /* commanded by the firmware */
    sensor_mode_t sensor;
    uint16_t stuck_adc;
    uint32_t wdt_feeds;
    uint8_t accel_count;         /* accelerometers the fake board has (0..2) */
    bool uart_full;              /* the UART queue refuses every frame */
    uint32_t batches;            /* SAMPLE_BATCH frames received */
    uint32_t next_counter[2];    /* per sensor: the counter expected next */
    uint32_t counter_jumps[2];   /* samples missing between batches */
    uint32_t pattern_errors;     /* sample values that do not match their counter */
    uint16_t host_seq;
    uint16_t next_id;
    /* what the firmware sent */
    frame_t last[64];            /* ring of the latest frames */
    uint32_t frames;
    uint32_t telemetry, errors, acks, nacks, identifies, heartbeats, bad_frames;
    uint8_t last_nack_reason;
    uint16_t last_answer_id;
    bool last_answer_ack;
    uint8_t error_codes[64];     /* the first error reports' codes, in order */
    uint32_t error_details[64];
    uint32_t error_at[64];
    uint8_t states_seen[64];     /* telemetry states, consecutive repeats folded */
    uint32_t states_seen_n;
    double max_pressure;         /* true plant pressure, since rig_clear_stats */
    uint32_t ms_inflated;        /* ms with true pressure >= 1 mmHg */
    bool pump_with_vent_open;    /* ever commanded pump on with vent open */
} rig_t;

extern rig_t rig;

/* Power-up: plant empty, clock at 0, app_init(power-on). */
void rig_reset(void);
/* The same with n accelerometers on the fake board (the hub role). */
void rig_reset_with_sensors(uint8_t n);
void rig_clear_stats(void);
/* Runs ms milliseconds of 1 ms plant steps, polling the firmware every ms. */
void rig_run(uint32_t ms);
/* Sends one host frame (type, body) with the host's next sequence number. */
void rig_send(uint8_t type, const uint8_t *body, uint8_t len);
/* Raw bytes from the host (garbage, damaged frames). */
void rig_send_raw(const uint8_t *bytes, uint32_t n);
void rig_hello(uint32_t nonce);
void rig_heartbeat(void);
/* Sends a COMMAND, runs 20 ms, returns 0 for ACK or the NACK reason (255 when unanswered). */
uint8_t rig_command(uint8_t opcode, uint16_t p1, uint16_t p2);
uint8_t rig_command_id(uint16_t id, uint8_t opcode, uint16_t p1, uint16_t p2);
/* Runs with a host HEARTBEAT every 500 ms. */
void rig_run_with_host(uint32_t ms);
/* Index of the first error report with this code, or -1. */
int rig_error_index(uint8_t code);

#endif
