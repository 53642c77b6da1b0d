package org.plmmonitor.analysis.compare;

/** What a diary says of one factor on one evening: present or absent, or an amount. */
public sealed interface FactorValue permits FactorValue.Flag, FactorValue.Amount {

    /**
     * Present or absent, as ticked.
     *
     * @param present true when present
     */
    record Flag(boolean present) implements FactorValue {
    }

    /**
     * An amount, compared with the factor's threshold ({@link FactorRule#threshold()}).
     *
     * @param value the amount in the factor's unit, finite
     */
    record Amount(double value) implements FactorValue {
        public Amount {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("diary amount " + value + " is not finite");
            }
        }
    }
}
