/**
 * The versioned binary protocol between the Pi and a microcontroller (ankle-sensor hub and/or
 * compression-cuff controller): COBS framing with a 0x00 delimiter, CRC-16/CCITT-FALSE, a 512-byte
 * frame ceiling, per-direction sequence numbers and typed messages. The byte-level specification is
 * {@code firmware-bridge/PROTOCOL.md}; this package is its reference implementation.
 */
package org.plmmonitor.bridge.protocol;
