/**
 * Serial transports for the device protocol: our own {@link org.plmmonitor.bridge.serial.SerialLink}
 * interface, its jSerialComm implementation, a reconnecting wrapper that survives unplug and replug
 * (USB serial and Bluetooth rfcomm alike), the host-side {@link org.plmmonitor.bridge.serial.DeviceSession}
 * with its counters, and adapters that turn messages into acceleration samples and cuff state.
 */
package org.plmmonitor.bridge.serial;
