#include "app.h"
#include "cobs.h"
#include "config.h"
#include "text.h"
#include "crc16.h"
#include "hal.h"
#include "hub.h"
#include "sensor.h"
#include <string.h>

enum {
    T_HELLO = 0x01, T_IDENTIFY = 0x02, T_SAMPLE_BATCH = 0x10, T_CUFF_TELEMETRY = 0x20, T_COMMAND = 0x30,
    T_ACK = 0x31, T_NACK = 0x32, T_HEARTBEAT = 0x40, T_ERROR_REPORT = 0x50
};
enum { ER_SAMPLES_DROPPED = 2, ER_RESET = 7, ER_HOST_FRAME_REJECTED = 8 };

#define RX_MAX 515  /* largest encoded frame (§2 rule 1) */
#define FRAME_MAX 512
#define TX_RAW_MAX 80  /* our largest frames: ERROR_REPORT with 64 characters, SAMPLE_BATCH of 10: 76 bytes */
typedef char batch_fits_the_transmit_buffer[(6 + HUB_BATCH_BODY <= TX_RAW_MAX) ? 1 : -1];

static uint8_t rx[RX_MAX];
static uint16_t rx_len;
static bool rx_overflow;
static uint8_t tx_raw[TX_RAW_MAX];
static uint8_t tx_enc[TX_RAW_MAX + TX_RAW_MAX / 254 + 2];
static uint16_t tx_seq;

static cuff_t cuff;
static uint32_t last_tick;
static uint32_t last_host_ms;
static bool host_silent_reported;
static uint32_t next_telemetry;
static uint32_t next_heartbeat;
static cuff_state_t sent_state;
static uint16_t sent_flags;
static bool sent_any;
static uint32_t rejected_total;
static uint32_t rejected_pending;
static uint32_t last_reject_report;
static bool reject_reported;
static uint32_t last_drop_report;
static bool drop_reported;

const cuff_t *app_cuff(void) { return &cuff; }
uint32_t app_rejected_frames(void) { return rejected_total; }

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (uint16_t)p[1] << 8); }

/* Sends header + body + CRC, COBS-encoded, with the delimiter. A frame that does not fit the UART
 * queue is dropped but still consumes its sequence number (§4). */
static bool send_frame(uint8_t type, const uint8_t *body, uint8_t len) {
    tx_raw[0] = PLM_PROTOCOL_VERSION;
    tx_raw[1] = type;
    put16(tx_raw + 2, tx_seq++);
    memcpy(tx_raw + 4, body, len);
    put16(tx_raw + 4 + len, crc16_ccitt_false(tx_raw, (size_t)4 + len));
    size_t n = cobs_encode(tx_raw, (size_t)len + 6, tx_enc);
    tx_enc[n++] = 0;
    return hal_uart_write(tx_enc, n);
}

static bool send_error(uint8_t code, uint32_t detail, const char *text) {
    uint8_t b[6 + 64];
    size_t n = plm_text_len(text);
    if (n > 64) {
        n = 64;
    }
    b[0] = code;
    put32(b + 1, detail);
    b[5] = (uint8_t)n;
    plm_text_copy(b + 6, text, n);
    return send_frame(T_ERROR_REPORT, b, (uint8_t)(6 + n));
}

static void send_telemetry(uint32_t now) {
    uint8_t b[14];
    put32(b, now);
    put16(b + 4, (uint16_t)cuff.p_deci);
    put16(b + 6, cuff.target_deci);
    b[8] = (uint8_t)cuff.state;
    b[9] = (uint8_t)((cuff.pump ? 0x05 : 0) | (cuff.vent_closed ? 0x02 : 0)); /* pump, fill; vent closed */
    put16(b + 10, cuff.flags);
    put16(b + 12, cuff.last_command_id);
    send_frame(T_CUFF_TELEMETRY, b, sizeof b);
    sent_state = cuff.state;
    sent_flags = cuff.flags;
    sent_any = true;
    next_telemetry = now + PLM_TELEMETRY_PERIOD_MS;
}

static void send_identify(const uint8_t *nonce) {
    uint8_t b[19 + 6 * HUB_MAX_SENSORS];
    memcpy(b, nonce, 4);
    b[4] = PLM_PROTOCOL_VERSION;
    b[5] = (uint8_t)(0x02 | (hub_sensor_count() > 0 ? 0x01 : 0)); /* cuff controller; sensor hub */
    put16(b + 6, PLM_FIRMWARE_VERSION);
    put32(b + 8, hal_device_id());
    put16(b + 12, PLM_HOST_WATCHDOG_MS);
    put16(b + 14, PLM_COMPILED_CEILING_DECI);
    put16(b + 16, PLM_COMPILED_MAX_INFLATION_S);
    b[18] = hub_sensor_count();
    for (uint8_t i = 0; i < b[18]; i++) {
        hub_identify_entry(i, b + 19 + 6 * i);
    }
    send_frame(T_IDENTIFY, b, (uint8_t)(19 + 6 * b[18]));
}

static void reject(void) {
    rejected_total++;
    rejected_pending++;
}

/* §7.8: at most once a second, the first at once, later ones with the count since the last. */
static void report_rejects(uint32_t now) {
    if (rejected_pending == 0 || (reject_reported && (uint32_t)(now - last_reject_report) < PLM_REPORT_LIMIT_MS)) {
        return;
    }
    /* A report the UART could not take is not lost: its count waits for the next try. */
    if (send_error(ER_HOST_FRAME_REJECTED, rejected_pending, PLM_TEXT("rejected host frames"))) {
        rejected_pending = 0;
        reject_reported = true;
        last_reject_report = now;
    }
}

/* §6: SAMPLES_DROPPED under the same once-a-second rule, with the count since the last report. */
static void report_drops(uint32_t now) {
    if (hub_dropped_pending() == 0 || (drop_reported && (uint32_t)(now - last_drop_report) < PLM_REPORT_LIMIT_MS)) {
        return;
    }
    uint32_t n = hub_dropped_pending();
    if (send_error(ER_SAMPLES_DROPPED, n, PLM_TEXT("samples dropped: FIFO full or link busy"))) {
        hub_forget_dropped(n);
        drop_reported = true;
        last_drop_report = now;
    }
}

/* Samples and at most one batch per tick, so the UART queue always has room for telemetry. */
static void run_hub(uint32_t now) {
    static uint8_t body[HUB_BATCH_BODY];
    hub_sample(now);
    uint8_t len = hub_take_batch(body);
    if (len > 0 && !send_frame(T_SAMPLE_BATCH, body, len)) {
        hub_batch_lost();
    }
    report_drops(now);
}

/* §2 rule 4 and §9 duty 10: every check before anything is acted on. */
static void handle_run(uint8_t *run, uint16_t len) {
    int n = cobs_decode_in_place(run, len);
    if (n < 6 || n > FRAME_MAX) {
        reject();
        return;
    }
    if (crc16_ccitt_false(run, (size_t)n - 2) != get16(run + n - 2) || run[0] != PLM_PROTOCOL_VERSION) {
        reject();
        return;
    }
    const uint8_t *body = run + 4;
    int body_len = n - 6;
    switch (run[1]) {
    case T_HELLO:
        if (body_len < 6 || get16(body + 4) == 0) {
            reject();
            return;
        }
        last_host_ms = hal_millis();
        send_identify(body);
        break;
    case T_COMMAND: {
        if (body_len < 7) {
            reject();
            return;
        }
        last_host_ms = hal_millis();
        uint16_t id = get16(body);
        uint8_t r = cuff_command(&cuff, id, body[2], get16(body + 3), get16(body + 5));
        uint8_t a[3];
        put16(a, id);
        if (r == ANSWER_ACK) {
            send_frame(T_ACK, a, 2);
        } else {
            a[2] = r;
            send_frame(T_NACK, a, 3);
        }
        break;
    }
    case T_HEARTBEAT:
        if (body_len < 4) {
            reject();
            return;
        }
        last_host_ms = hal_millis();
        break;
    case T_IDENTIFY: case T_SAMPLE_BATCH: case T_CUFF_TELEMETRY: case T_ACK: case T_NACK: case T_ERROR_REPORT:
        break; /* device-to-host types: nothing for a device to do, and not host liveness */
    default:
        reject();
        break;
    }
}

/* §10: the receive loop; overlong runs are discarded without buffering. */
static void on_byte(uint8_t b) {
    if (b == 0) {
        if (rx_overflow) {
            reject();
        } else if (rx_len > 0) {
            handle_run(rx, rx_len);
        }
        rx_len = 0;
        rx_overflow = false;
    } else if (!rx_overflow) {
        if (rx_len == RX_MAX) {
            rx_overflow = true;
        } else {
            rx[rx_len++] = b;
        }
    }
}

void app_init(uint8_t reset_cause) {
    hal_set_pump(false);
    hal_set_vent_closed(false);
    cuff_init(&cuff);
    rx_len = 0;
    rx_overflow = false;
    tx_seq = 0;
    sent_any = false;
    rejected_total = rejected_pending = 0;
    reject_reported = false;
    drop_reported = false;
    uint32_t now = hal_millis();
    hub_init(now);
    last_tick = now;
    last_host_ms = now;
    host_silent_reported = false;
    next_telemetry = now;
    next_heartbeat = now + PLM_HEARTBEAT_PERIOD_MS;
    static const uint8_t delimiter = 0;
    hal_uart_write(&delimiter, 1);
    /* Duty 4: never resume an inflation after a reset; say so instead. */
    send_error(ER_RESET, reset_cause, PLM_TEXT("reset: vented, idle"));
}

static bool due(uint32_t now, uint32_t at) {
    return (int32_t)(now - at) >= 0;
}

static void control_tick(uint32_t now, uint16_t dt) {
    int16_t p = sensor_adc_to_deci(hal_read_pressure_adc());
    /* Duty 5: any valid host frame feeds this; 3000 ms of silence vents. */
    if ((uint32_t)(now - last_host_ms) >= PLM_HOST_WATCHDOG_MS) {
        if (!host_silent_reported) {
            cuff_host_silent(&cuff);
            host_silent_reported = true;
        }
    } else {
        host_silent_reported = false;
    }
    cuff_step(&cuff, dt, p);
    /* Vent first, so that pump and closed vent never overlap on the way down. */
    if (!cuff.vent_closed) {
        hal_set_pump(false);
        hal_set_vent_closed(false);
    } else {
        hal_set_vent_closed(true);
        hal_set_pump(cuff.pump);
    }
    hal_wdt_feed(); /* duty 6: only here, so a hung loop resets into the vented state */
    cuff_event_t e;
    while (cuff_take_event(&cuff, &e)) {
        send_error(e.code, e.detail, e.text);
    }
    if (!sent_any || cuff.state != sent_state || cuff.flags != sent_flags || due(now, next_telemetry)) {
        send_telemetry(now);
    }
    if (due(now, next_heartbeat)) {
        uint8_t b[4];
        put32(b, now);
        send_frame(T_HEARTBEAT, b, 4);
        next_heartbeat = now + PLM_HEARTBEAT_PERIOD_MS;
    }
    report_rejects(now);
    run_hub(now);
}

void app_poll(void) {
    int b;
    while ((b = hal_uart_read()) >= 0) {
        on_byte((uint8_t)b);
    }
    uint32_t now = hal_millis();
    uint32_t dt = now - last_tick;
    if (dt >= PLM_CONTROL_PERIOD_MS) {
        /* The state machine gets the real elapsed time, so a late tick still counts its time. */
        last_tick = now;
        control_tick(now, (uint16_t)(dt > 1000u ? 1000u : dt));
    }
}
