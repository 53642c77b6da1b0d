/**
 * Time stamping of sensor samples on the host's monotonic line, slewed (never stepped) toward the host
 * clock: {@link org.plmmonitor.bridge.time.SampleClock} turns an I2C sensor's sample count at a nominal
 * rate into seconds; {@link org.plmmonitor.bridge.time.DeviceClock} moves a serial device's own time
 * (its counter / rate) onto the line, through the link's delay and its oscillator's drift, and
 * {@link org.plmmonitor.bridge.time.SettlingQueue} holds that device's samples until its line has started.
 * Only the monitor maps this line to UTC.
 */
package org.plmmonitor.bridge.time;
