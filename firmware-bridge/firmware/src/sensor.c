#include "sensor.h"

/* mV = adc x 5000 / 1024; deci = (mV - 200) x 75.006 / 90 ~= (mV - 200) x 5 / 6. */
int16_t sensor_adc_to_deci(uint16_t adc) {
    int32_t uv10 = (int32_t)adc * 50000 / 1024; /* 0.1 mV */
    return (int16_t)((uv10 - 2000) * 5 / 60);
}

uint16_t sensor_deci_to_adc(int32_t deci) {
    int32_t uv10 = deci * 60 / 5 + 2000;
    int32_t adc = (uv10 * 1024 + 25000) / 50000;
    return (uint16_t)(adc < 0 ? 0 : adc > 1023 ? 1023 : adc);
}
