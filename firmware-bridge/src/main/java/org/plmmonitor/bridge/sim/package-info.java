/**
 * The device end of the serial protocol, simulated: streams a night of acceleration (from the
 * project's generator or a replayed CSV) and behaves as a cuff controller with a simple pneumatic
 * model and the firmware's safety duties, over any {@link org.plmmonitor.bridge.serial.SerialLink}
 * (a socat pseudo-terminal in tests and in {@code plm simulate-device}).
 */
package org.plmmonitor.bridge.sim;
