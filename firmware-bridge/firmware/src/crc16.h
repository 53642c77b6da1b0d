#ifndef PLM_CRC16_H
#define PLM_CRC16_H
#include <stddef.h>
#include <stdint.h>

/* CRC-16/CCITT-FALSE (PROTOCOL.md §3): poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
uint16_t crc16_ccitt_false(const uint8_t *p, size_t n);

#endif
