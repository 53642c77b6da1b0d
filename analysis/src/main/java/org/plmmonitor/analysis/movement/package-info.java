/**
 * What the detectors find: legs, detected (or imported) leg movements, the per-epoch state of a
 * leg's signal (lying, upright, unworn, ...) and the listener a streaming detector reports to.
 */
package org.plmmonitor.analysis.movement;
