package org.plmmonitor.analysis.metrics;

import java.util.List;

/**
 * Counts in equal-width bins.
 *
 * @param low    lower edge of the first bin (s, or ln(s) for the logarithmic histogram)
 * @param width  bin width in the same unit
 * @param counts one count per bin; bin i holds [low + i*width, low + (i+1)*width), the last bin also
 *               holds its upper edge
 * @param below  values below {@code low}
 * @param above  values above the last bin's upper edge
 */
public record Histogram(double low, double width, List<Integer> counts, int below, int above) {
    public Histogram {
        counts = List.copyOf(counts);
    }
}
