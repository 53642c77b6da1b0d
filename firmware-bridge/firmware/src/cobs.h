#ifndef PLM_COBS_H
#define PLM_COBS_H
#include <stddef.h>
#include <stdint.h>

/* Encodes len bytes of src into dst (len + len/254 + 1 bytes); returns the encoded length. The
 * caller appends the 0x00 delimiter. src and dst must not overlap. */
size_t cobs_encode(const uint8_t *src, size_t len, uint8_t *dst);

/* Decodes a run (without its delimiter) in place: the decoded frame is never longer than the run.
 * Returns the decoded length, or -1 when a code byte points past the end of the run (or is 0). */
int cobs_decode_in_place(uint8_t *buf, size_t len);

#endif
