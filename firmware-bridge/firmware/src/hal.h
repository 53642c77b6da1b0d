/* Hardware abstraction: what the core needs from a board. Implemented by avr/hal_avr.c for the
 * ATmega328P, host/hal_host.c for the virtual controller on a pty, and test/hal_fake.c for the unit
 * tests. Outputs are de-energised (pump off, vent open) at reset on every implementation. */
#ifndef PLM_HAL_H
#define PLM_HAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Milliseconds since reset, monotonic, wrapping at 2^32. */
uint32_t hal_millis(void);

/* One pressure-sensor reading in ADC counts, 0..1023 (10 bits over 0..5 V). */
uint16_t hal_read_pressure_adc(void);

/* Pump motor on (true) or off. */
void hal_set_pump(bool on);

/* Vent valve energised, i.e. closed (true), or de-energised, i.e. open (normally open). */
void hal_set_vent_closed(bool closed);

/* Next received byte, or -1 when none is waiting. */
int hal_uart_read(void);

/* Queues n bytes for sending; false (nothing queued) when they do not fit: the frame is dropped. */
bool hal_uart_write(const uint8_t *p, size_t n);

/* Feeds the MCU's hardware watchdog (250 ms). Called only from the control loop. */
void hal_wdt_feed(void);

/* Board serial number for IDENTIFY. */
uint32_t hal_device_id(void);

/* Accelerometers found on this board at start-up, 0..2 (0: a cuff controller only). */
uint8_t hal_accel_count(void);

/* Accelerometer i's IDENTIFY entry: leg (0 left, 1 right, 2 unknown), output data rate in 0.01 Hz,
 * micro-g per count. */
void hal_accel_info(uint8_t i, uint8_t *leg, uint16_t *rate_centi_hz, uint16_t *scale_micro_g);

/* Accelerometer i's latest sample, raw counts; false on a bus error (the sample is then dropped). */
bool hal_accel_read(uint8_t i, int16_t xyz[3]);

#endif
