/**
 * How samples flow into the analysis: what a source is ({@link org.plmmonitor.analysis.signal.SourceDescriptor}:
 * leg, real rate, name, type, live or simulated, said once where it is known), the blocks it hands over
 * ({@link org.plmmonitor.analysis.signal.SampleBlock} to a {@link org.plmmonitor.analysis.signal.SampleSink}),
 * the per-sample consumer the detector is ({@link org.plmmonitor.analysis.signal.AccelerationSink}), and the
 * pull-style source the generator and the simulators offer. Times are seconds on the source's own
 * monotonic line (sample index / rate); only the daemon maps them to UTC. A loss shows as a longer step
 * between stamps: there is no separate gap signal.
 */
package org.plmmonitor.analysis.signal;
