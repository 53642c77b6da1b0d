/**
 * Types every stage shares: legs, intervals on the source's monotonic time line, detected movements,
 * the listener a streaming detector reports to, and the software version for provenance.
 * Times are seconds on the source's own line (sample index / rate); only the daemon maps them to UTC.
 */
package org.plmmonitor.analysis.core;
