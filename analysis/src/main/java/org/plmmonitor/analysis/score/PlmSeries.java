package org.plmmonitor.analysis.score;

/**
 * A PLM series: at least four consecutive candidate movements with every interval in range.
 *
 * @param id     1-based, in order of the series' first movement
 * @param startS onset of its first member, seconds
 * @param endS   latest offset of its members (normally the last member's), seconds
 * @param count  number of members, {@code >= 4}
 */
public record PlmSeries(int id, double startS, double endS, int count) {
    public PlmSeries {
        if (id < 1 || count < 1 || endS < startS) {
            throw new IllegalArgumentException("series " + id + " [" + startS + ", " + endS + "] s with "
                    + count + " members is not valid");
        }
    }
}
