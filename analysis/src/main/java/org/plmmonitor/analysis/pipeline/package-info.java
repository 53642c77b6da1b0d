/**
 * The night, assembled in one place: {@link org.plmmonitor.analysis.pipeline.NightPipeline} runs each
 * leg's detector, merges the legs' movements by watermark into the streaming scorer and collects every
 * per-night total, ending in the night's {@link org.plmmonitor.analysis.pipeline.NightAnalysis}.
 * {@code plm analyze} feeds it from files, the daemon from its sources.
 */
package org.plmmonitor.analysis.pipeline;
