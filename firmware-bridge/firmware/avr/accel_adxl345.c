/* Up to two ADXL345 accelerometers on the ATmega328P's TWI (A4 SDA, A5 SCL, 400 kHz): the left
 * leg's at 0x53 (SDO low), the right leg's at 0x1D (SDO high). Each is probed once at start-up
 * (DEVID 0xE5) and set to 50 Hz, full resolution (3.9 mg/LSB, +-16 g). Every bus wait is bounded,
 * so a stuck bus costs a dropped sample, never a hung loop. */
#include "hal.h"
#include <avr/io.h>
#include <util/twi.h>

#define TWI_SPINS 2000u /* about 1.5 ms at 16 MHz; a byte at 400 kHz takes 23 us */

static const uint8_t ADDRESSES[2] = {0x53, 0x1D};
static uint8_t present[2];
static uint8_t count;
static uint8_t probed;

static bool twi_wait(void) {
    for (uint16_t i = 0; i < TWI_SPINS; i++) {
        if (TWCR & _BV(TWINT)) {
            return true;
        }
    }
    return false;
}

static bool twi_start(uint8_t addr_rw, uint8_t want) {
    TWCR = _BV(TWINT) | _BV(TWSTA) | _BV(TWEN);
    if (!twi_wait() || (TW_STATUS != TW_START && TW_STATUS != TW_REP_START)) {
        return false;
    }
    TWDR = addr_rw;
    TWCR = _BV(TWINT) | _BV(TWEN);
    return twi_wait() && TW_STATUS == want;
}

static void twi_stop(void) {
    TWCR = _BV(TWINT) | _BV(TWSTO) | _BV(TWEN);
}

static bool twi_write_byte(uint8_t b) {
    TWDR = b;
    TWCR = _BV(TWINT) | _BV(TWEN);
    return twi_wait() && TW_STATUS == TW_MT_DATA_ACK;
}

static bool write_reg(uint8_t addr, uint8_t reg, uint8_t v) {
    bool ok = twi_start((uint8_t)(addr << 1), TW_MT_SLA_ACK) && twi_write_byte(reg) && twi_write_byte(v);
    twi_stop();
    return ok;
}

static bool read_regs(uint8_t addr, uint8_t reg, uint8_t *out, uint8_t n) {
    bool ok = twi_start((uint8_t)(addr << 1), TW_MT_SLA_ACK) && twi_write_byte(reg)
              && twi_start((uint8_t)(addr << 1 | 1), TW_MR_SLA_ACK);
    for (uint8_t i = 0; ok && i < n; i++) {
        TWCR = (uint8_t)(_BV(TWINT) | _BV(TWEN) | (i + 1 < n ? _BV(TWEA) : 0));
        ok = twi_wait();
        out[i] = TWDR;
    }
    twi_stop();
    return ok;
}

static void probe(void) {
    probed = 1;
    TWSR = 0;
    TWBR = 12; /* (16 MHz / 400 kHz - 16) / 2 */
    TWCR = _BV(TWEN);
    for (uint8_t i = 0; i < 2; i++) {
        uint8_t id = 0;
        if (read_regs(ADDRESSES[i], 0x00, &id, 1) && id == 0xE5
            && write_reg(ADDRESSES[i], 0x2C, 0x09)    /* BW_RATE: 50 Hz */
            && write_reg(ADDRESSES[i], 0x31, 0x0B)    /* DATA_FORMAT: full resolution, +-16 g */
            && write_reg(ADDRESSES[i], 0x2D, 0x08)) { /* POWER_CTL: measure */
            present[count++] = i;
        }
    }
}

uint8_t hal_accel_count(void) {
    if (!probed) {
        probe();
    }
    return count;
}

void hal_accel_info(uint8_t i, uint8_t *leg, uint16_t *rate_centi_hz, uint16_t *scale_micro_g) {
    *leg = present[i]; /* 0 left, 1 right, by address */
    *rate_centi_hz = 5000;
    *scale_micro_g = 3900;
}

bool hal_accel_read(uint8_t i, int16_t xyz[3]) {
    uint8_t b[6];
    if (!read_regs(ADDRESSES[present[i]], 0x32, b, 6)) {
        return false;
    }
    for (uint8_t k = 0; k < 3; k++) {
        xyz[k] = (int16_t)(b[2 * k] | (uint16_t)b[2 * k + 1] << 8);
    }
    return true;
}
