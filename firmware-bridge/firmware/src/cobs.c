#include "cobs.h"

size_t cobs_encode(const uint8_t *src, size_t len, uint8_t *dst) {
    size_t code_at = 0, out = 1;
    uint8_t code = 1;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == 0) {
            dst[code_at] = code;
            code_at = out++;
            code = 1;
        } else {
            dst[out++] = src[i];
            if (++code == 0xFF) {
                dst[code_at] = code;
                code_at = out++;
                code = 1;
            }
        }
    }
    dst[code_at] = code;
    return out;
}

int cobs_decode_in_place(uint8_t *buf, size_t len) {
    size_t in = 0, out = 0;
    while (in < len) {
        uint8_t code = buf[in++];
        if (code == 0 || in + (size_t)(code - 1) > len) {
            return -1;
        }
        /* out <= in - 1 always holds, so copying forward never overwrites unread input. */
        for (uint8_t k = 1; k < code; k++) {
            buf[out++] = buf[in++];
        }
        if (code != 0xFF && in < len) {
            buf[out++] = 0;
        }
    }
    return (int)out;
}
