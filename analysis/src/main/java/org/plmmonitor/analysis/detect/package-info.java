/**
 * Streaming leg-movement detection from ankle acceleration: the shank's orientation and the vibration
 * on top of it, a gate that follows the limb from leaving its rest to stopping, FFT features that
 * reject what is not a leg movement, wear and posture accounting. Pure: samples in, events out, no I/O.
 */
package org.plmmonitor.analysis.detect;
