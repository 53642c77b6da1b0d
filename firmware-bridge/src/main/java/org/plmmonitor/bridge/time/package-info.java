/**
 * Time stamping of sensor samples: {@link org.plmmonitor.bridge.time.SampleClock} turns a sample count at
 * a nominal rate into seconds on the host's monotonic line, slewed (never stepped) toward the host clock.
 * Only the monitor maps this line to UTC.
 */
package org.plmmonitor.bridge.time;
