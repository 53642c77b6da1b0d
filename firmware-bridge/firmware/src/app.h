/* The controller application: the receive loop, the protocol (PROTOCOL.md §2-§7) and the 100 Hz
 * control loop around the cuff state machine. Hardware only through hal.h. */
#ifndef PLM_APP_H
#define PLM_APP_H
#include <stdint.h>
#include "cuff.h"

/* After reset: outputs safe, a delimiter then ERROR_REPORT RESET with the reset cause. */
void app_init(uint8_t reset_cause);

/* Call continuously from the main loop: consumes received bytes, runs the control loop every
 * PLM_CONTROL_PERIOD_MS (the only place the hardware watchdog is fed). */
void app_poll(void);

/* Read-only view for tests and the virtual controller's log. */
const cuff_t *app_cuff(void);

/* Host frames rejected since reset. */
uint32_t app_rejected_frames(void);

#endif
