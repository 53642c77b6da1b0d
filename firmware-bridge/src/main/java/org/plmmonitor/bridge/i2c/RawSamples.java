package org.plmmonitor.bridge.i2c;

/** Raw 3-axis counts read from a FIFO, oldest first; immutable. */
public final class RawSamples {
    private final int[] xyz;

    /** @param xyz x, y, z counts of each sample in turn; copied */
    public RawSamples(int[] xyz) {
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("xyz array of length " + xyz.length + " is not a multiple of 3");
        }
        this.xyz = xyz.clone();
    }

    /** @return number of samples */
    public int size() {
        return xyz.length / 3;
    }

    /** @param i sample index, 0 to size()-1 @return x in counts */
    public int x(int i) {
        return xyz[3 * i];
    }

    /** @param i sample index, 0 to size()-1 @return y in counts */
    public int y(int i) {
        return xyz[3 * i + 1];
    }

    /** @param i sample index, 0 to size()-1 @return z in counts */
    public int z(int i) {
        return xyz[3 * i + 2];
    }
}
