package org.plmmonitor.analysis.sim;

/** How a synthetic night draws a leg movement. */
public enum MovementModel {
    /** The original model: a 0.8-4 Hz vibration burst with a small tilt (the seeded nights of issue 2). */
    BURST,
    /** The shank's orientation trajectory about the knee and the linear acceleration it implies. */
    KINEMATIC,
    /** Each movement drawn at random from one of the two, so that no single morphology rules a night. */
    MIXED
}
