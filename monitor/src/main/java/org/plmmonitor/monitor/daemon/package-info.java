/**
 * The monitor daemon ({@code plm monitor}): reads the configured sources on one processing thread,
 * streams their samples through {@link org.plmmonitor.analysis.pipeline.NightPipeline} (the same
 * night assembly as {@code plm analyze}; {@code NightSession} only adds UTC and the store), maps the
 * sources' monotonic time line to UTC only once the wall clock can be trusted, opens and closes nights by the configured schedule, and writes what it
 * finds to the local store (and through it to InfluxDB), a per-night JSON report and a status file read
 * by {@code plm status}.
 *
 * <p>{@link org.plmmonitor.monitor.daemon.MonitorDaemon} wires the parts: a {@code Route} per leg, the
 * {@code ClockGate} (line to UTC, held samples and cuff events), the {@code NightLifecycle} (when nights open
 * and close, with listeners for what follows a night), the {@code NightSession} (the open night's pipeline and its store adapter), the run
 * loop's {@code Pacing}, the {@code StatusReporter} (status files and the {@code Heartbeat} that needs no free
 * space) and the {@code CuffMonitor}. {@link org.plmmonitor.monitor.daemon.NightReanalysis} ({@code plm
 * reanalyze}) plays a closed night's stored raw signal through the same pipeline with another detector and stores
 * that analysis beside the first.
 */
package org.plmmonitor.monitor.daemon;
