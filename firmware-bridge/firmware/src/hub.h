/* The ankle-sensor hub (PROTOCOL.md §6, §7.3): each accelerometer sampled at 50 Hz from the control
 * tick into a FIFO of HUB_FIFO samples, a sample counter that counts every sample produced whether
 * or not it is sent, and batches of HUB_BATCH samples. Hardware only through hal.h. */
#ifndef PLM_HUB_H
#define PLM_HUB_H
#include <stdbool.h>
#include <stdint.h>

#define HUB_MAX_SENSORS 2u
#define HUB_FIFO 16u
#define HUB_BATCH 10u
#define HUB_SAMPLE_PERIOD_MS 20u
#define HUB_BATCH_BODY (10u + 6u * HUB_BATCH)

/* Asks the board which accelerometers it has (0..HUB_MAX_SENSORS); counters start at 0. */
void hub_init(uint32_t now);

/* Number of sensors, and sensor i's IDENTIFY entry (6 bytes: id, leg, rate, scale). */
uint8_t hub_sensor_count(void);
void hub_identify_entry(uint8_t i, uint8_t out[6]);

/* Samples every sensor whose 20 ms period is due. */
void hub_sample(uint32_t now);

/* Builds the next full batch's SAMPLE_BATCH body into out (HUB_BATCH_BODY bytes) and removes those
 * samples from the FIFO; returns its length, or 0 when no sensor has a full batch. */
uint8_t hub_take_batch(uint8_t *out);

/* A batch taken could not be sent: its samples count as dropped. */
void hub_batch_lost(void);

/* Samples dropped (FIFO full, bus error, batch not sent) and not yet reported. */
uint32_t hub_dropped_pending(void);

/* n of them were reported in a SAMPLES_DROPPED that went out. */
void hub_forget_dropped(uint32_t n);

#endif
