/** The {@code plm} command line: parsing options and mapping errors to one clear line and an exit code. */
package org.plmmonitor.monitor.cli;
