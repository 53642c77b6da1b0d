/**
 * Streaming leg-movement detection from ankle acceleration: filters, envelope, adaptive hysteresis,
 * FFT features that reject what is not a leg movement, wear and posture accounting. Pure: samples in,
 * events out, no I/O.
 */
package org.plmmonitor.analysis.detect;
