/**
 * The compression cuff's therapy policies as a pure core: given UTC times and events (nights opened and
 * closed, PLM series and candidate movements, the controller's telemetry and answers, a stop), decide
 * the commands to send and when sessions start and end. No I/O, no clock of its own, no threads: the
 * daemon feeds it and carries its decisions out. Every INFLATE it decides is clamped below the host
 * ceiling and to the longest inflation; the controller's firmware stays the last line of safety.
 */
package org.plmmonitor.monitor.cuff;
