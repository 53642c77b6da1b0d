package org.plmmonitor.analysis.io;

import java.util.List;

/**
 * The columns of a sample CSV file the one reader ({@link AccelCsvReader}) knows: a time column and one
 * or three value columns, each with its unit, the range a plausible value lies in and the rates a source
 * of that kind has. A one-channel file's values go into a block's x column (see
 * {@link org.plmmonitor.analysis.signal.PressureSink}).
 *
 * @param columns   header names in order, the first being {@code t}
 * @param unit      the value columns' unit, for messages
 * @param what      what the header means, for messages (e.g. {@code t in s, x/y/z in g})
 * @param minValue  smallest plausible value, in the unit
 * @param maxValue  largest plausible value, in the unit
 * @param minRateHz lowest sample rate a file may have, Hz
 * @param maxRateHz highest sample rate a file may have, Hz
 */
public record CsvLayout(List<String> columns, String unit, String what, double minValue, double maxValue,
                        double minRateHz, double maxRateHz) {
    /** Ankle acceleration: {@code t,x,y,z}, g within +-64 (sensors measure +-16), 10-1000 Hz. */
    public static final CsvLayout ACCELERATION = new CsvLayout(List.of("t", "x", "y", "z"), "g",
            "t in s, x/y/z in g", -AccelCsvReader.MAX_ABS_G, AccelCsvReader.MAX_ABS_G, 10, 1000);
    /**
     * Cuff pressure: {@code t,pressure_mmhg}, mmHg within -20 to 300 (a gauge sensor reads slightly below 0
     * empty; the firmware's compiled ceiling is far below 300), 5-200 Hz (the controller reports at 10 Hz).
     */
    public static final CsvLayout PRESSURE = new CsvLayout(List.of("t", "pressure_mmhg"), "mmHg",
            "t in s, pressure_mmhg in mmHg", -20, 300, 5, 200);

    public CsvLayout {
        columns = List.copyOf(columns);
        if (columns.size() != 2 && columns.size() != 4 || !columns.get(0).equals("t")) {
            throw new IllegalArgumentException("a sample CSV has t and 1 or 3 value columns, not " + columns);
        }
    }

    /** @return the header line as it must read, e.g. {@code t,x,y,z} */
    public String header() {
        return String.join(",", columns);
    }

    /** @return how many columns a row has */
    public int width() {
        return columns.size();
    }
}
