/** Device links: I2C accelerometer drivers, the serial protocol, transports and simulators. */
package org.plmmonitor.bridge;
