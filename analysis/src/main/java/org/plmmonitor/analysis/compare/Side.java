package org.plmmonitor.analysis.compare;

/**
 * The two groups of a comparison. {@link #A} is the reference (the factor absent, the control arm); every
 * difference is B minus A, and the detectable change is a share of A's median.
 */
public enum Side {
    /** The reference group. */
    A,
    /** The group compared with it. */
    B
}
