/* The virtual controller: the firmware's core (app.c, cuff.c) on the host, speaking PROTOCOL.md on
 * a pseudo-terminal, driving a simulated pneumatic plant in real time, with fault injection. Its HAL
 * is here: the plant stands for the pump, the vent and the sensor, and an emulated 250 ms hardware
 * watchdog resets the core when the control loop stops feeding it (the `hang` fault). */
#define _DEFAULT_SOURCE
#include "app.h"
#include "hal.h"
#include "plant.h"
#include "sensor.h"
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

typedef enum {
    F_STUCK_SENSOR, F_SENSOR_OPEN, F_SENSOR_SHORT, F_SENSOR_JUMP, F_LEAK, F_PUMP_STUCK_ON,
    F_VALVE_STUCK_CLOSED, F_HANG, F_COUNT
} fault_kind_t;
static const char *const FAULT_NAMES[F_COUNT] = {
    "stuck-sensor", "sensor-open", "sensor-short", "sensor-jump", "leak", "pump-stuck-on",
    "valve-stuck-closed", "hang"
};

typedef struct {
    fault_kind_t kind;
    uint32_t at_ms;
    bool active;
} fault_t;

#define MAX_FAULTS 8
#define WDT_TIMEOUT_MS 250u
#define WDRF 0x08u
#define PORF 0x01u

static fault_t faults[MAX_FAULTS];
static int fault_count;
static int fd = -1;
static uint8_t rxbuf[4096];
static size_t rx_head, rx_tail;
static plant_t plant;
static bool pump_cmd, vent_closed_cmd;
static uint32_t now_ms;
static uint32_t last_feed_ms;
static uint16_t stuck_adc;
static uint32_t device_id = 0x504C4D43u; /* "PLMC" */
static volatile sig_atomic_t stop;
static uint8_t accel_n;                /* --sensors */
static double burst_g;                 /* the left leg's movement, g beyond 1 g ... */
static uint32_t burst_end_ms;          /* ... until */
static double rng_uniform(void);

static bool fault_on(fault_kind_t k) {
    for (int i = 0; i < fault_count; i++) {
        if (faults[i].kind == k && faults[i].active) {
            return true;
        }
    }
    return false;
}

uint32_t hal_millis(void) { return now_ms; }
void hal_set_pump(bool on) { pump_cmd = on; }
void hal_set_vent_closed(bool closed) { vent_closed_cmd = closed; }
void hal_wdt_feed(void) { last_feed_ms = now_ms; }
uint32_t hal_device_id(void) { return device_id; }

uint8_t hal_accel_count(void) { return accel_n; }

void hal_accel_info(uint8_t i, uint8_t *leg, uint16_t *rate_centi_hz, uint16_t *scale_micro_g) {
    *leg = i;                /* sensor 0 left, 1 right */
    *rate_centi_hz = 5000;   /* 50 Hz */
    *scale_micro_g = 3900;   /* ADXL345 full resolution */
}

/* Gravity on z, a little noise, and on the left leg the same movements the plant feels as
 * pressure transients: a 0.5 s, 3 Hz swing of the movement's size. */
bool hal_accel_read(uint8_t i, int16_t xyz[3]) {
    double g[3] = {0.01 * (rng_uniform() - 0.5), 0.01 * (rng_uniform() - 0.5), 1.0 + 0.01 * (rng_uniform() - 0.5)};
    if (i == 0 && now_ms < burst_end_ms) {
        double a = burst_g * sin(2 * M_PI * 3.0 * (burst_end_ms - now_ms) / 1000.0);
        g[0] += a;
        g[2] += 0.5 * a;
    }
    for (int k = 0; k < 3; k++) {
        xyz[k] = (int16_t)lround(g[k] / 0.0039);
    }
    return true;
}

uint16_t hal_read_pressure_adc(void) {
    if (fault_on(F_SENSOR_OPEN)) {
        return 0; /* pull-down on an open output */
    }
    if (fault_on(F_SENSOR_SHORT)) {
        return 1023;
    }
    if (fault_on(F_STUCK_SENSOR)) {
        return stuck_adc;
    }
    double mmhg = plant_pressure(&plant) + (fault_on(F_SENSOR_JUMP) ? 80.0 : 0.0);
    return sensor_deci_to_adc((int32_t)lround(mmhg * 10));
}

int hal_uart_read(void) {
    if (rx_head == rx_tail) {
        return -1;
    }
    return rxbuf[rx_tail++ % sizeof rxbuf];
}

bool hal_uart_write(const uint8_t *p, size_t n) {
    /* A UART nobody listens to still sends; a full pty buffer drops the frame, as the protocol allows. */
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) {
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static uint32_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

static void usage_error(const char *msg, const char *arg) {
    fprintf(stderr, "plm-controller: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "usage: plm-controller --pty PATH [--fault KIND@SECONDS]... [--seed N] "
                    "[--movements-per-min X] [--sensors 0|1|2] [--device-id N] [--log FILE] [--exit-after SECONDS]\n"
                    "  KIND: stuck-sensor sensor-open sensor-short sensor-jump leak pump-stuck-on "
                    "valve-stuck-closed hang\n");
    exit(2);
}

static double parse_number(const char *s, const char *what) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= 0) || v > 1e7) {
        usage_error(what, s);
    }
    return v;
}

static void parse_fault(const char *arg) {
    const char *at = strchr(arg, '@');
    if (at == NULL) {
        usage_error("--fault expects KIND@SECONDS", arg);
    }
    if (fault_count == MAX_FAULTS) {
        usage_error("at most 8 --fault options", arg);
    }
    size_t klen = (size_t)(at - arg);
    for (int k = 0; k < F_COUNT; k++) {
        if (strlen(FAULT_NAMES[k]) == klen && strncmp(arg, FAULT_NAMES[k], klen) == 0) {
            faults[fault_count].kind = (fault_kind_t)k;
            faults[fault_count].at_ms = (uint32_t)lround(parse_number(at + 1, "--fault seconds must be a number >= 0") * 1000);
            faults[fault_count].active = false;
            fault_count++;
            return;
        }
    }
    usage_error("unknown fault kind (--fault KIND@SECONDS)", arg);
}

static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

/* xorshift64*: the movement schedule is reproducible from --seed. */
static uint64_t rng_state;
static double rng_uniform(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

int main(int argc, char **argv) {
    const char *pty = NULL, *log_path = NULL;
    double movements_per_min = 2, exit_after_s = 0;
    uint64_t seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--pty") == 0 && v) { pty = v; i++; }
        else if (strcmp(a, "--fault") == 0 && v) { parse_fault(v); i++; }
        else if (strcmp(a, "--sensors") == 0 && v) {
            double n = parse_number(v, "--sensors must be 0, 1 or 2");
            if (n != 0 && n != 1 && n != 2) {
                usage_error("--sensors must be 0, 1 or 2", v);
            }
            accel_n = (uint8_t)n;
            i++;
        } else if (strcmp(a, "--seed") == 0 && v) { seed = (uint64_t)parse_number(v, "--seed must be a number >= 0"); i++; }
        else if (strcmp(a, "--movements-per-min") == 0 && v) {
            movements_per_min = parse_number(v, "--movements-per-min must be a number >= 0"); i++;
        } else if (strcmp(a, "--device-id") == 0 && v) {
            device_id = (uint32_t)parse_number(v, "--device-id must be a number >= 0"); i++;
        } else if (strcmp(a, "--log") == 0 && v) { log_path = v; i++; }
        else if (strcmp(a, "--exit-after") == 0 && v) {
            exit_after_s = parse_number(v, "--exit-after must be a number of seconds >= 0"); i++;
        } else {
            usage_error("unknown or incomplete option", a);
        }
    }
    if (pty == NULL) {
        usage_error("--pty PATH is required", NULL);
    }
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    fd = open(pty, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "plm-controller: cannot open --pty %s: %s\n", pty, strerror(errno));
        return 2;
    }
    struct termios tio;
    if (tcgetattr(fd, &tio) == 0) {
        cfmakeraw(&tio);
        cfsetispeed(&tio, B115200);
        cfsetospeed(&tio, B115200);
        tcsetattr(fd, TCSANOW, &tio);
    }
    FILE *csv = NULL;
    if (log_path) {
        csv = fopen(log_path, "w");
        if (!csv) {
            fprintf(stderr, "plm-controller: cannot write --log %s: %s\n", log_path, strerror(errno));
            return 2;
        }
        fprintf(csv, "t_ms,pressure_mmhg,measured_mmhg,pump,vent_open,state,flags\n");
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);

    plant_init(&plant, &PLANT_NOMINAL);
    uint32_t t0 = mono_ms();
    /* So that another process (a test killing the host) can place its own moments on the --log time line. */
    fprintf(stderr, "plm-controller: t_ms 0 is CLOCK_MONOTONIC %u ms\n", t0);
    now_ms = 0;
    last_feed_ms = 0;
    app_init(PORF);
    fprintf(stderr, "plm-controller: running on %s (ceiling %.1f mmHg, host watchdog %u ms)\n", pty,
            app_cuff()->ceiling_deci / 10.0, 3000u);
    double next_movement_ms = movements_per_min > 0 ? -log(1 - rng_uniform()) * 60000.0 / movements_per_min : -1;
    uint32_t plant_ms = 0, next_log = 0;
    while (!stop) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        poll(&pfd, 1, 1);
        if (pfd.revents & POLLIN) {
            uint8_t tmp[512];
            ssize_t n = read(fd, tmp, sizeof tmp);
            for (ssize_t k = 0; k < n; k++) {
                if (rx_head - rx_tail < sizeof rxbuf) {
                    rxbuf[rx_head++ % sizeof rxbuf] = tmp[k];
                }
            }
        }
        uint32_t wall = mono_ms() - t0;
        /* The plant runs in 1 ms steps on wall time; the firmware sees the same clock. */
        while (plant_ms < wall) {
            plant_ms++;
            now_ms = plant_ms;
            for (int i = 0; i < fault_count; i++) {
                if (faults[i].kind != F_COUNT && !faults[i].active && now_ms >= faults[i].at_ms) {
                    faults[i].active = true;
                    if (faults[i].kind == F_STUCK_SENSOR) {
                        stuck_adc = sensor_deci_to_adc((int32_t)lround(plant_pressure(&plant) * 10));
                    }
                    if (faults[i].kind == F_LEAK) {
                        plant.p.leak_ml_s_per_mmhg = PLANT_LEAK_FAULT_ML_S_PER_MMHG;
                    }
                    plant.pump_stuck_on |= faults[i].kind == F_PUMP_STUCK_ON;
                    plant.valve_stuck_closed |= faults[i].kind == F_VALVE_STUCK_CLOSED;
                    fprintf(stderr, "plm-controller: fault %s at %.3f s\n", FAULT_NAMES[faults[i].kind], now_ms / 1000.0);
                }
            }
            if (next_movement_ms >= 0 && now_ms >= next_movement_ms) {
                double excess = 0.3 + 1.2 * rng_uniform();
                plant_movement(&plant, excess);
                burst_g = excess;
                burst_end_ms = now_ms + 500;
                next_movement_ms += -log(1 - rng_uniform()) * 60000.0 / movements_per_min;
            }
            plant_step(&plant, 0.001, pump_cmd, vent_closed_cmd);
            if (!fault_on(F_HANG)) {
                app_poll();
            }
            if (now_ms - last_feed_ms > WDT_TIMEOUT_MS) {
                /* The hardware watchdog: outputs drop to their de-energised state and the core restarts. */
                fprintf(stderr, "plm-controller: watchdog reset at %.3f s\n", now_ms / 1000.0);
                for (int i = 0; i < fault_count; i++) {
                    if (faults[i].kind == F_HANG) {
                        faults[i].kind = F_COUNT; /* a hang is one-shot: spent */
                        faults[i].active = false;
                    }
                }
                pump_cmd = false;
                vent_closed_cmd = false;
                last_feed_ms = now_ms;
                app_init(WDRF);
            }
            if (csv && now_ms >= next_log) {
                const cuff_t *c = app_cuff();
                fprintf(csv, "%u,%.2f,%.1f,%d,%d,%d,%u\n", now_ms, plant_pressure(&plant), c->p_deci / 10.0,
                        pump_cmd || plant.pump_stuck_on, !vent_closed_cmd && !plant.valve_stuck_closed, c->state, c->flags);
                next_log = now_ms + 10;
            }
        }
        if (exit_after_s > 0 && wall >= exit_after_s * 1000) {
            break;
        }
    }
    hal_set_pump(false);
    hal_set_vent_closed(false);
    if (csv) {
        fclose(csv);
    }
    close(fd);
    return 0;
}
