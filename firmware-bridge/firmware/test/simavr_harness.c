/* Runs the AVR image itself (build/avr-test/plm-controller.elf) in simavr, an ATmega328P at 16 MHz,
 * wired to the plant model: PB0 drives the pump, PB1 the vent valve, the plant's pressure goes to
 * ADC0 through the MPX5050's transfer function, and USART0 carries the protocol. Exercises the
 * paths that only the real image can show: the ceiling (pump pin off, trip, latch), the host
 * watchdog, and the hardware watchdog resetting a hung main loop into the vented state.
 * Usage: simavr_harness ELF HANG_FLAG_ADDRESS. Closing line: "N passed, N failed". */
#include "cobs.h"
#include "crc16.h"
#include "plant.h"
#include <avr_adc.h>
#include <avr_uart.h>
#include <sim_avr.h>
#include <sim_elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CYCLES_PER_MS 16000u
#define CYCLES_PER_BYTE 1500u /* 94 us: a little slower than 115200 baud's 87 us */
#define PORTB_ADDR 0x25
#define DDRB_ADDR 0x24

static avr_t *avr;
static avr_irq_t *uart_in, *adc0;
static plant_t plant;
static uint32_t now_ms;
static uint64_t next_byte_cycle;
static uint8_t in_q[4096];
static uint32_t in_head, in_tail;
static uint8_t out_run[600];
static uint32_t out_len;
static uint16_t host_seq;
static uint32_t hang_addr;

/* what the image sent */
static uint32_t n_identify, n_ack, n_nack, n_telemetry, n_resets;
static uint32_t identify_nonce;
static uint8_t last_state;
static uint16_t last_flags;
static int last_error_code = -1;
static uint32_t last_error_detail;
static uint32_t ceiling_trip_reports;
static double max_pressure;

static int passed, failed, fails_in_test;
#define CHECK(cond, ...) do { if (!(cond)) { fails_in_test++; printf("  FAIL line %d: ", __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

static bool pin(uint8_t bit) {
    return (avr->data[DDRB_ADDR] & (1u << bit)) && (avr->data[PORTB_ADDR] & (1u << bit));
}
static bool pump_on(void) { return pin(0); }
static bool vent_closed(void) { return pin(1); }

static uint16_t g16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void on_frame(uint8_t *run, uint32_t len) {
    int n = cobs_decode_in_place(run, len);
    if (n < 6 || crc16_ccitt_false(run, (size_t)n - 2) != g16(run + n - 2)) {
        return;
    }
    const uint8_t *b = run + 4;
    switch (run[1]) {
    case 0x02: n_identify++; identify_nonce = g16(b) | (uint32_t)g16(b + 2) << 16; break;
    case 0x20: n_telemetry++; last_state = b[8]; last_flags = g16(b + 10); break;
    case 0x31: n_ack++; break;
    case 0x32: n_nack++; break;
    case 0x50:
        last_error_code = b[0];
        last_error_detail = g16(b + 1) | (uint32_t)g16(b + 3) << 16;
        n_resets += b[0] == 7;
        ceiling_trip_reports += b[0] == 3;
        break;
    default: break;
    }
}

static void uart_out(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq;
    (void)param;
    uint8_t c = (uint8_t)value;
    if (c == 0) {
        if (out_len > 0) {
            on_frame(out_run, out_len);
        }
        out_len = 0;
    } else if (out_len < sizeof out_run) {
        out_run[out_len++] = c;
    }
}

static void send(uint8_t type, const uint8_t *body, uint8_t len) {
    uint8_t raw[64], enc[70];
    raw[0] = 1;
    raw[1] = type;
    raw[2] = (uint8_t)host_seq;
    raw[3] = (uint8_t)(host_seq >> 8);
    host_seq++;
    memcpy(raw + 4, body, len);
    uint16_t crc = crc16_ccitt_false(raw, (size_t)len + 4);
    raw[4 + len] = (uint8_t)crc;
    raw[5 + len] = (uint8_t)(crc >> 8);
    size_t n = cobs_encode(raw, (size_t)len + 6, enc);
    enc[n++] = 0;
    for (size_t i = 0; i < n; i++) {
        in_q[in_head++ % sizeof in_q] = enc[i];
    }
}

static void command(uint16_t id, uint8_t op, uint16_t p1, uint16_t p2) {
    uint8_t b[7] = {(uint8_t)id, (uint8_t)(id >> 8), op, (uint8_t)p1, (uint8_t)(p1 >> 8), (uint8_t)p2, (uint8_t)(p2 >> 8)};
    send(0x30, b, 7);
}

static void heartbeat(void) {
    uint8_t b[4] = {(uint8_t)now_ms, (uint8_t)(now_ms >> 8), 0, 0};
    send(0x40, b, 4);
}

/* Runs one millisecond of simulated time: the CPU, then one plant step on the pins it drives. */
static void run_ms(uint32_t ms) {
    for (uint32_t k = 0; k < ms; k++) {
        uint64_t end = avr->cycle + CYCLES_PER_MS;
        while (avr->cycle < end) {
            if (in_tail != in_head && avr->cycle >= next_byte_cycle) {
                avr_raise_irq(uart_in, in_q[in_tail++ % sizeof in_q]);
                next_byte_cycle = avr->cycle + CYCLES_PER_BYTE;
            }
            int st = avr_run(avr);
            if (st == cpu_Done || st == cpu_Crashed) {
                printf("simavr: the CPU stopped (state %d) at %u ms\n", st, now_ms);
                printf("%d passed, %d failed\n", passed, failed + 1);
                exit(1);
            }
        }
        now_ms++;
        plant_step(&plant, 0.001, pump_on(), vent_closed());
        double p = plant_pressure(&plant);
        if (p > max_pressure) {
            max_pressure = p;
        }
        /* MPX5050GP at 5 V: 0.2 V at 0, 90 mV per kPa (12.0 mV per mmHg). */
        double mv = 200.0 + p * 90.0 / 7.50062;
        avr_raise_irq(adc0, (uint32_t)(mv < 0 ? 0 : mv));
    }
}

static void run_with_host(uint32_t ms) {
    while (ms > 0) {
        uint32_t s = ms < 500 ? ms : 500;
        heartbeat();
        run_ms(s);
        ms -= s;
    }
}

static void begin(const char *name) {
    printf("%s\n", name);
    fails_in_test = 0;
}

static void end(const char *name) {
    if (fails_in_test == 0) {
        passed++;
        printf("ok   %s\n", name);
    } else {
        failed++;
        printf("FAIL %s\n", name);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: simavr_harness ELF HANG_FLAG_ADDRESS (hex, from avr-nm)\n");
        return 2;
    }
    hang_addr = (uint32_t)strtoul(argv[2], NULL, 16) & 0xFFFFu; /* data space: 0x800000 + address */
    elf_firmware_t f;
    memset(&f, 0, sizeof f);
    if (elf_read_firmware(argv[1], &f) != 0) {
        fprintf(stderr, "simavr_harness: cannot read %s\n", argv[1]);
        return 2;
    }
    avr = avr_make_mcu_by_name("atmega328p");
    if (!avr || hang_addr == 0) {
        fprintf(stderr, "simavr_harness: no atmega328p in this simavr, or no hang flag address\n");
        return 2;
    }
    avr_init(avr);
    avr->frequency = 16000000;
    avr->vcc = avr->avcc = avr->aref = 5000;
    avr->log = LOG_ERROR;
    avr_load_firmware(avr, &f);
    uint32_t flags = 0;
    avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
    flags &= ~(uint32_t)AVR_UART_FLAG_STDIO;
    avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    uart_in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), uart_out, NULL);
    adc0 = avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0);
    plant_init(&plant, &PLANT_NOMINAL);
    avr_raise_irq(adc0, 200);

    begin("boot: vented, RESET reported, HELLO answered");
    run_ms(100);
    CHECK(!pump_on() && !vent_closed(), "pump off, vent open after power-up");
    CHECK(n_resets == 1, "one RESET report: %u", n_resets);
    uint8_t hello[6] = {0x78, 0x56, 0x34, 0x12, 0xF4, 0x01};
    send(0x01, hello, 6);
    run_ms(20);
    CHECK(n_identify == 1 && identify_nonce == 0x12345678u, "IDENTIFY with the nonce (%u)", n_identify);
    CHECK(n_telemetry >= 1, "telemetry flows");
    end("boot");

    begin("ceiling: the pump pin drops at the runtime ceiling; held, the trip vents and latches");
    command(1, 4, 300, 60); /* SET_LIMITS 30.0 mmHg */
    command(2, 1, 290, 600); /* INFLATE 29.0 mmHg for 60 s */
    run_with_host(400);
    CHECK(n_ack == 2, "both acknowledged: %u acks %u nacks", n_ack, n_nack);
    CHECK(pump_on() && vent_closed(), "inflating");
    /* A kick while pumping: the sensor reads 36 mmHg, above the 30 mmHg ceiling. */
    plant.transient_mmhg = 36 - plant.base_mmhg;
    uint32_t t0 = now_ms;
    while (pump_on() && now_ms - t0 < 100) {
        run_ms(1);
    }
    printf("  measured under simavr: pump pin off %u ms after the reading passed the ceiling\n", now_ms - t0);
    CHECK(now_ms - t0 <= 11, "pump off within one 10 ms loop: %u ms", now_ms - t0);
    run_with_host(1500);
    CHECK(last_state == 2 && !(last_flags & 1), "a transient under 300 ms does not trip (state %u)", last_state);
    command(3, 4, 200, 60); /* ceiling lowered below the present 29 mmHg */
    run_ms(25);
    CHECK(!pump_on(), "pump off at the new ceiling");
    t0 = now_ms;
    while (vent_closed() && now_ms - t0 < 2000) {
        run_ms(1);
    }
    printf("  measured under simavr: vent opened %u ms after the ceiling was exceeded and held\n", now_ms - t0 + 25);
    CHECK(now_ms - t0 + 25 >= 200 && now_ms - t0 + 25 <= 510, "trip within the 200-500 ms persistence");
    run_with_host(3000);
    CHECK(last_state == 4 && (last_flags & 1), "FAULT, ceiling flag latched (state %u flags %u)", last_state, last_flags);
    CHECK(ceiling_trip_reports == 1, "CEILING_TRIP reported once");
    CHECK(max_pressure < 60.0, "never near the compiled ceiling: %.1f mmHg", max_pressure);
    command(4, 1, 150, 50);
    run_with_host(30);
    CHECK(n_nack == 1, "INFLATE refused while latched");
    command(5, 3, 0, 0);
    run_with_host(200);
    CHECK(last_state == 0 && last_flags == 0, "VENT on the empty cuff clears the latch (state %u)", last_state);
    end("ceiling");

    begin("host watchdog: silence vents within 3000 ms");
    command(6, 4, 600, 120);
    command(7, 1, 290, 600);
    run_with_host(3000);
    CHECK(vent_closed() && last_state == 2, "holding");
    heartbeat();
    run_ms(2); /* the heartbeat's bytes are in */
    t0 = now_ms;
    while (vent_closed() && now_ms - t0 < 6000) {
        run_ms(1);
    }
    printf("  measured under simavr: host silence to vent open %u ms\n", now_ms - t0 + 1);
    CHECK(now_ms - t0 + 1 <= 3011, "within the 3000 ms watchdog and one loop: %u", now_ms - t0 + 1);
    run_ms(50);
    CHECK(last_flags & 8, "watchdog flag");
    CHECK(last_error_code == 6, "WATCHDOG_VENT reported (%d)", last_error_code);
    end("host watchdog");

    begin("MCU watchdog: a hung main loop resets into the vented state");
    command(8, 1, 290, 600);
    run_with_host(3000);
    CHECK(vent_closed() && last_state == 2, "holding again");
    avr->data[hang_addr] = 1; /* the test image's main loop spins on this flag */
    t0 = now_ms;
    uint32_t resets = n_resets;
    while ((vent_closed() || pump_on()) && now_ms - t0 < 2000) {
        heartbeat(); /* the host is fine: only the firmware hangs */
        run_ms(10);
    }
    printf("  measured under simavr: hung loop to vent open %u ms (WDT 250 ms)\n", now_ms - t0);
    CHECK(now_ms - t0 <= 400, "vented by the hardware watchdog's reset: %u ms", now_ms - t0);
    run_ms(100);
    CHECK(n_resets == resets + 1, "RESET reported after the watchdog reset");
    CHECK(last_error_code == 7 && (last_error_detail & 0x08), "reset cause has WDRF: %u", last_error_detail);
    run_with_host(2000);
    CHECK(!vent_closed() && !pump_on() && last_state <= 3, "does not resume the inflation (state %u)", last_state);
    end("MCU watchdog");

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
