#include "rig.h"
#include "app.h"
#include "cobs.h"
#include "crc16.h"
#include "hal.h"
#include "sensor.h"
#include <math.h>
#include <string.h>

rig_t rig;

static uint8_t in_q[8192];
static uint32_t in_head, in_tail;
static uint8_t out_run[600];
static uint32_t out_len;

uint32_t hal_millis(void) { return rig.now_ms; }
void hal_set_pump(bool on) { rig.pump = on; }
void hal_set_vent_closed(bool closed) { rig.vent_closed = closed; }
void hal_wdt_feed(void) { rig.wdt_feeds++; }
uint32_t hal_device_id(void) { return 0x504C4D54u; }
uint8_t hal_accel_count(void) { return rig.accel_count; }

void hal_accel_info(uint8_t i, uint8_t *leg, uint16_t *rate_centi_hz, uint16_t *scale_micro_g) {
    *leg = i;
    *rate_centi_hz = 5000;
    *scale_micro_g = 3900;
}

/* Each sensor's samples number themselves: x = low 16 bits of its read count, y = sensor id. */
static uint32_t reads[2];
bool hal_accel_read(uint8_t i, int16_t xyz[3]) {
    xyz[0] = (int16_t)(uint16_t)reads[i]++;
    xyz[1] = (int16_t)i;
    xyz[2] = 256;
    return true;
}

uint16_t hal_read_pressure_adc(void) {
    switch (rig.sensor) {
    case SENSOR_STUCK: return rig.stuck_adc;
    case SENSOR_OPEN: return 0;
    case SENSOR_SHORT: return 1023;
    case SENSOR_JUMP: return sensor_deci_to_adc((int32_t)lround((plant_pressure(&rig.plant) + 80) * 10));
    default: return sensor_deci_to_adc((int32_t)lround(plant_pressure(&rig.plant) * 10));
    }
}

int hal_uart_read(void) {
    return in_head == in_tail ? -1 : in_q[in_tail++ % sizeof in_q];
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }

static void on_frame(uint8_t *run, uint32_t len) {
    int n = cobs_decode_in_place(run, len);
    if (n < 6 || crc16_ccitt_false(run, (size_t)n - 2) != get16(run + n - 2) || run[0] != 1) {
        rig.bad_frames++;
        return;
    }
    frame_t *f = &rig.last[rig.frames++ % 64];
    f->type = run[1];
    f->len = (uint8_t)(n - 6);
    memcpy(f->body, run + 4, f->len > 80 ? 80 : f->len);
    f->at_ms = rig.now_ms;
    const uint8_t *b = run + 4;
    switch (f->type) {
    case 0x02: rig.identifies++; break;
    case 0x10: {
        uint8_t id = b[0];
        uint32_t first = get32(b + 1);
        uint8_t count = b[9];
        rig.batches++;
        if (id < 2) {
            rig.counter_jumps[id] += first - rig.next_counter[id];
            for (uint8_t k = 0; k < count; k++) {
                if ((uint16_t)(b[10 + 6 * k] | b[11 + 6 * k] << 8) != (uint16_t)(first + k)) {
                    rig.pattern_errors++;
                }
            }
            rig.next_counter[id] = first + count;
        }
        break;
    }
    case 0x20:
        rig.telemetry++;
        if (rig.states_seen_n == 0 || rig.states_seen[(rig.states_seen_n - 1) % 64] != b[8]) {
            if (rig.states_seen_n < 64) {
                rig.states_seen[rig.states_seen_n] = b[8];
            }
            rig.states_seen_n++;
        }
        break;
    case 0x31: rig.acks++; rig.last_answer_id = get16(b); rig.last_answer_ack = true; break;
    case 0x32: rig.nacks++; rig.last_answer_id = get16(b); rig.last_answer_ack = false; rig.last_nack_reason = b[2]; break;
    case 0x40: rig.heartbeats++; break;
    case 0x50:
        if (rig.errors < 64) {
            rig.error_codes[rig.errors] = b[0];
            rig.error_details[rig.errors] = get32(b + 1);
            rig.error_at[rig.errors] = rig.now_ms;
        }
        rig.errors++;
        break;
    default: break;
    }
}

bool hal_uart_write(const uint8_t *p, size_t n) {
    if (rig.uart_full) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0) {
            if (out_len > 0) {
                on_frame(out_run, out_len);
            }
            out_len = 0;
        } else if (out_len < sizeof out_run) {
            out_run[out_len++] = p[i];
        }
    }
    return true;
}

void rig_clear_stats(void) {
    rig.max_pressure = 0;
    rig.ms_inflated = 0;
    rig.pump_with_vent_open = false;
}

void rig_reset(void) {
    rig_reset_with_sensors(0);
}

void rig_reset_with_sensors(uint8_t n) {
    memset(&rig, 0, sizeof rig);
    rig.accel_count = n;
    plant_init(&rig.plant, &PLANT_NOMINAL);
    in_head = in_tail = 0;
    out_len = 0;
    rig.next_id = 1;
    reads[0] = reads[1] = 0;
    app_init(1);
}

void rig_run(uint32_t ms) {
    for (uint32_t i = 0; i < ms; i++) {
        plant_step(&rig.plant, 0.001, rig.pump, rig.vent_closed);
        rig.now_ms++;
        app_poll();
        double p = plant_pressure(&rig.plant);
        if (p > rig.max_pressure) {
            rig.max_pressure = p;
        }
        if (p >= 1.0) {
            rig.ms_inflated++;
        }
        if (rig.pump && !rig.vent_closed) {
            rig.pump_with_vent_open = true;
        }
    }
}

void rig_send_raw(const uint8_t *bytes, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        in_q[in_head++ % sizeof in_q] = bytes[i];
    }
}

void rig_send(uint8_t type, const uint8_t *body, uint8_t len) {
    uint8_t raw[80], enc[90];
    raw[0] = 1;
    raw[1] = type;
    raw[2] = (uint8_t)rig.host_seq;
    raw[3] = (uint8_t)(rig.host_seq >> 8);
    rig.host_seq++;
    memcpy(raw + 4, body, len);
    uint16_t crc = crc16_ccitt_false(raw, (size_t)len + 4);
    raw[4 + len] = (uint8_t)crc;
    raw[5 + len] = (uint8_t)(crc >> 8);
    size_t n = cobs_encode(raw, (size_t)len + 6, enc);
    enc[n++] = 0;
    rig_send_raw(enc, (uint32_t)n);
}

void rig_hello(uint32_t nonce) {
    uint8_t b[6] = {(uint8_t)nonce, (uint8_t)(nonce >> 8), (uint8_t)(nonce >> 16), (uint8_t)(nonce >> 24), 0xF4, 0x01};
    rig_send(0x01, b, 6);
}

void rig_heartbeat(void) {
    uint8_t b[4] = {(uint8_t)rig.now_ms, (uint8_t)(rig.now_ms >> 8), (uint8_t)(rig.now_ms >> 16), (uint8_t)(rig.now_ms >> 24)};
    rig_send(0x40, b, 4);
}

uint8_t rig_command_id(uint16_t id, uint8_t opcode, uint16_t p1, uint16_t p2) {
    uint8_t b[7] = {(uint8_t)id, (uint8_t)(id >> 8), opcode, (uint8_t)p1, (uint8_t)(p1 >> 8), (uint8_t)p2, (uint8_t)(p2 >> 8)};
    uint32_t answers = rig.acks + rig.nacks;
    rig_send(0x30, b, 7);
    rig_run(20);
    if (rig.acks + rig.nacks != answers + 1 || rig.last_answer_id != id) {
        return 255;
    }
    return rig.last_answer_ack ? 0 : rig.last_nack_reason;
}

uint8_t rig_command(uint8_t opcode, uint16_t p1, uint16_t p2) {
    return rig_command_id(rig.next_id++, opcode, p1, p2);
}

void rig_run_with_host(uint32_t ms) {
    while (ms > 0) {
        uint32_t step = ms < 500 ? ms : 500;
        rig_heartbeat();
        rig_run(step);
        ms -= step;
    }
}

int rig_error_index(uint8_t code) {
    for (uint32_t i = 0; i < rig.errors && i < 64; i++) {
        if (rig.error_codes[i] == code) {
            return (int)i;
        }
    }
    return -1;
}
