/**
 * A seeded synthetic-night generator with two truth sets (every leg movement an EMG scorer would
 * see, and those an ankle sensor can see) and the distractor families of docs/domain.md section 3. Tests,
 * the demo and the device simulator use it. It is a model, not a recording: tune for robustness,
 * not for it.
 */
package org.plmmonitor.analysis.sim;
