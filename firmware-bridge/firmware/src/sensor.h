#ifndef PLM_SENSOR_H
#define PLM_SENSOR_H
#include <stdint.h>

/* The reference pressure sensor: an NXP MPX5050GP (0-50 kPa) on ADC0 with a 5 V reference:
 * Vout = Vs x (0.018 x P[kPa] + 0.04), i.e. 0.2 V at 0 and 90 mV per kPa (12 mV per mmHg).
 * With a pull-down on the output, an open sensor reads 0 V (-16.7 mmHg: out of range). */

/* ADC counts (0..1023) to 0.1 mmHg. */
int16_t sensor_adc_to_deci(uint16_t adc);

/* 0.1 mmHg to ADC counts, clamped to 0..1023 (for plant models and tests). */
uint16_t sensor_deci_to_adc(int32_t deci);

#endif
