/**
 * Intervals on a source's monotonic time line (seconds) and the set operations on them that the
 * metrics use: union, intersection, complement, total length.
 */
package org.plmmonitor.analysis.time;
