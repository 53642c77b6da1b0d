/**
 * Scoring of detected leg movements by the published rules (WASM 2016 default, AASM selectable):
 * candidate movements, bilateral merging, inter-movement intervals, PLM series.
 */
package org.plmmonitor.analysis.score;
