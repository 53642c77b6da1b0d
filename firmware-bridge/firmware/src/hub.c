#include "hub.h"
#include "hal.h"
#include <string.h>

typedef struct {
    uint32_t counter;               /* samples produced so far: the next sample's counter */
    int16_t xyz[HUB_FIFO][3];
    uint32_t at[HUB_FIFO];          /* each kept sample's counter, so a batch never spans a gap */
    uint8_t head, count;
    uint8_t leg;
    uint16_t rate_centi_hz, scale_micro_g;
} sensor_t;

static sensor_t sensors[HUB_MAX_SENSORS];
static uint8_t n_sensors;
static uint32_t next_sample;
static uint32_t dropped;
static uint8_t next_batch_sensor;
static uint8_t last_batch_count;

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

void hub_init(uint32_t now) {
    memset(sensors, 0, sizeof sensors);
    n_sensors = hal_accel_count();
    if (n_sensors > HUB_MAX_SENSORS) {
        n_sensors = HUB_MAX_SENSORS;
    }
    for (uint8_t i = 0; i < n_sensors; i++) {
        hal_accel_info(i, &sensors[i].leg, &sensors[i].rate_centi_hz, &sensors[i].scale_micro_g);
    }
    next_sample = now + HUB_SAMPLE_PERIOD_MS;
    dropped = 0;
    next_batch_sensor = 0;
    last_batch_count = 0;
}

uint8_t hub_sensor_count(void) { return n_sensors; }

void hub_identify_entry(uint8_t i, uint8_t out[6]) {
    out[0] = i;
    out[1] = sensors[i].leg;
    put16(out + 2, sensors[i].rate_centi_hz);
    put16(out + 4, sensors[i].scale_micro_g);
}

void hub_sample(uint32_t now) {
    while (n_sensors > 0 && (int32_t)(now - next_sample) >= 0) {
        next_sample += HUB_SAMPLE_PERIOD_MS;
        for (uint8_t i = 0; i < n_sensors; i++) {
            sensor_t *s = &sensors[i];
            int16_t xyz[3];
            uint32_t c = s->counter++; /* counted whether kept or not (§6) */
            if (!hal_accel_read(i, xyz) || s->count == HUB_FIFO) {
                dropped++; /* the newest is discarded: what is queued keeps its counters */
                continue;
            }
            uint8_t slot = (uint8_t)((s->head + s->count) % HUB_FIFO);
            memcpy(s->xyz[slot], xyz, sizeof xyz);
            s->at[slot] = c;
            s->count++;
        }
    }
}

/* Samples at the head of the FIFO with consecutive counters, at most HUB_BATCH. */
static uint8_t run_length(const sensor_t *s) {
    uint8_t n = 0;
    while (n < s->count && n < HUB_BATCH && s->at[(s->head + n) % HUB_FIFO] == s->at[s->head] + n) {
        n++;
    }
    return n;
}

uint8_t hub_take_batch(uint8_t *out) {
    for (uint8_t k = 0; k < n_sensors; k++) {
        uint8_t i = (uint8_t)((next_batch_sensor + k) % n_sensors);
        sensor_t *s = &sensors[i];
        uint8_t n = run_length(s);
        /* A full batch, or a run that a gap ends (it will not grow). */
        if (n == 0 || (n < HUB_BATCH && n == s->count)) {
            continue;
        }
        uint32_t first = s->at[s->head];
        out[0] = i;
        put16(out + 1, (uint16_t)first);
        put16(out + 3, (uint16_t)(first >> 16));
        put16(out + 5, s->rate_centi_hz);
        put16(out + 7, s->scale_micro_g);
        out[9] = n;
        for (uint8_t j = 0; j < n; j++) {
            const int16_t *v = s->xyz[(s->head + j) % HUB_FIFO];
            for (uint8_t a = 0; a < 3; a++) {
                put16(out + 10 + 6 * j + 2 * a, (uint16_t)v[a]);
            }
        }
        s->head = (uint8_t)((s->head + n) % HUB_FIFO);
        s->count = (uint8_t)(s->count - n);
        next_batch_sensor = (uint8_t)((i + 1) % n_sensors);
        last_batch_count = n;
        return (uint8_t)(10 + 6 * n);
    }
    return 0;
}

void hub_batch_lost(void) {
    dropped += last_batch_count;
}

void hub_forget_dropped(uint32_t n) {
    dropped -= n < dropped ? n : dropped;
}

uint32_t hub_dropped_pending(void) { return dropped; }
