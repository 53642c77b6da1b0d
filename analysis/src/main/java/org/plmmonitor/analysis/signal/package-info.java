/**
 * How samples flow into the analysis: the sink a source pushes acceleration samples into and the
 * pull-style source the generator, the replay files and the simulators offer. Times are seconds on
 * the source's own monotonic line (sample index / rate); only the daemon maps them to UTC.
 */
package org.plmmonitor.analysis.signal;
