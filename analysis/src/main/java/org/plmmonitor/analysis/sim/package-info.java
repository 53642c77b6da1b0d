/**
 * A seeded synthetic-night generator with two truth sets (every leg movement an EMG scorer would
 * see, and those an ankle sensor can see) and the distractor families of docs/domain.md section 3. Tests,
 * the demo and the device simulator use it. It is a model, not a recording: tune for robustness,
 * not for it. Leg movements are drawn as vibration bursts or as the shank turning about the knee
 * ({@link org.plmmonitor.analysis.sim.MovementModel}); {@link org.plmmonitor.analysis.sim.Family} names
 * the settings the detector is judged on, split into families a tuning loop may read and held-out
 * ones it may not (docs/detector.md). When periodic movements fall is the spec's
 * {@link org.plmmonitor.analysis.sim.SeriesTiming}: regular series, or dense irregular ones. A night may also render leg movements it is given (a PSG
 * scorer's, so that their timing is real) instead of drawing them: the plan decides when, the one
 * renderer how.
 */
package org.plmmonitor.analysis.sim;
