/* The ATmega328P board (Arduino Nano/Uno at 16 MHz): USART0 at 115200 baud with interrupt-driven
 * receive and transmit rings, Timer0 as the 1 ms clock, ADC0 for the MPX5050 pressure sensor, PB0
 * (D8) to the pump MOSFET and PB1 (D9) to the vent valve's MOSFET (energised = closed). Both
 * outputs have pull-down resistors on the gates, so during reset (pins are inputs) the pump is off
 * and the normally-open vent is open. */
#include "app.h"
#include "hal.h"
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/wdt.h>
#include <util/atomic.h>

#ifndef PLM_DEVICE_ID
#define PLM_DEVICE_ID 0x504C4D43ul
#endif

#define PUMP_BIT PB0
#define VENT_BIT PB1

/* MCUSR saved before anything else runs, then cleared so the watchdog stays off until we enable it. */
uint8_t plm_reset_cause __attribute__((section(".noinit")));
void plm_save_reset_cause(void) __attribute__((naked, used, section(".init3")));
void plm_save_reset_cause(void) {
    plm_reset_cause = MCUSR;
    MCUSR = 0;
    wdt_disable();
}

static volatile uint32_t millis;
static volatile uint8_t rx_ring[64];
static volatile uint8_t rx_head, rx_tail;
static volatile uint8_t tx_ring[256];
static volatile uint8_t tx_head, tx_tail;

ISR(TIMER0_COMPA_vect) { millis++; }

ISR(USART_RX_vect) {
    uint8_t b = UDR0;
    uint8_t next = (uint8_t)((rx_head + 1) & 63);
    if (next != rx_tail) { /* full: the byte is lost, and the frame's CRC will say so */
        rx_ring[rx_head] = b;
        rx_head = next;
    }
}

ISR(USART_UDRE_vect) {
    if (tx_head == tx_tail) {
        UCSR0B &= (uint8_t)~_BV(UDRIE0);
    } else {
        UDR0 = tx_ring[tx_tail++];
    }
}

uint32_t hal_millis(void) {
    uint32_t m;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { m = millis; }
    return m;
}

uint16_t hal_read_pressure_adc(void) {
    ADCSRA |= _BV(ADSC);
    while (ADCSRA & _BV(ADSC)) {
    }
    return ADC;
}

void hal_set_pump(bool on) {
    if (on) {
        PORTB |= _BV(PUMP_BIT);
    } else {
        PORTB &= (uint8_t)~_BV(PUMP_BIT);
    }
}

void hal_set_vent_closed(bool closed) {
    if (closed) {
        PORTB |= _BV(VENT_BIT);
    } else {
        PORTB &= (uint8_t)~_BV(VENT_BIT);
    }
}

int hal_uart_read(void) {
    if (rx_head == rx_tail) {
        return -1;
    }
    uint8_t b = rx_ring[rx_tail];
    rx_tail = (uint8_t)((rx_tail + 1) & 63);
    return b;
}

bool hal_uart_write(const uint8_t *p, size_t n) {
    uint8_t free_bytes = (uint8_t)(tx_tail - tx_head - 1);
    if (n > free_bytes) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        tx_ring[tx_head++] = p[i];
    }
    UCSR0B |= _BV(UDRIE0);
    return true;
}

void hal_wdt_feed(void) { wdt_reset(); }

uint32_t hal_device_id(void) { return PLM_DEVICE_ID; }

static void board_init(void) {
    PORTB &= (uint8_t)~(_BV(PUMP_BIT) | _BV(VENT_BIT));
    DDRB |= _BV(PUMP_BIT) | _BV(VENT_BIT);
    /* Timer0: CTC, /64, 250 counts = 1 ms at 16 MHz. */
    TCCR0A = _BV(WGM01);
    TCCR0B = _BV(CS01) | _BV(CS00);
    OCR0A = 249;
    TIMSK0 = _BV(OCIE0A);
    /* USART0: 115200 baud with U2X (UBRR 16: 117647 baud, +2.1 %, as every Arduino). */
    UCSR0A = _BV(U2X0);
    UBRR0 = 16;
    UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
    /* ADC0, AVcc reference, /128 (125 kHz, 104 us per conversion). */
    ADMUX = _BV(REFS0);
    ADCSRA = _BV(ADEN) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0);
    DIDR0 = _BV(ADC0D);
}

#ifdef PLM_TEST_HANG
/* Test image only (build/avr-test): a COMMAND with this opcode never reaches the cuff; the
 * harness sends it to hang the main loop and watch the hardware watchdog reset into the vented state. */
extern volatile uint8_t plm_test_hang;
volatile uint8_t plm_test_hang;
#endif

int main(void) {
    board_init();
    wdt_enable(WDTO_250MS);
    sei();
    app_init(plm_reset_cause);
    for (;;) {
        app_poll();
#ifdef PLM_TEST_HANG
        while (plm_test_hang) {
        }
#endif
    }
}
