/**
 * The stages wired into a night: the streaming path the daemon drives (detectors merged by watermark
 * into the streaming scorer) and the offline path {@code plm analyze} runs on files.
 */
package org.plmmonitor.analysis.pipeline;
