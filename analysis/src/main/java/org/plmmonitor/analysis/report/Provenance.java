package org.plmmonitor.analysis.report;

import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What produced a report, written into every report and export (docs/contracts.md).
 *
 * @param softwareVersion    the build's version
 * @param detectorVersion    the movement detector's version, null for imported events
 * @param detectorParameters detector settings by name (written in key order), may be empty
 * @param standard           scoring rules used
 * @param sensors            the inputs' sensors
 * @param timeZone           IANA zone the night is named in, null when not known
 * @param wearS              seconds the sensor was worn, null when not known
 * @param inputs             the input files or sources, as given
 */
public record Provenance(String softwareVersion, String detectorVersion, Map<String, String> detectorParameters,
                         ScoringStandard standard, List<SensorInfo> sensors, String timeZone, Double wearS,
                         List<String> inputs) {
    public Provenance {
        if (softwareVersion == null || standard == null) {
            throw new IllegalArgumentException("provenance needs a software version and a standard");
        }
        detectorParameters = detectorParameters == null ? Map.of() : Map.copyOf(new TreeMap<>(detectorParameters));
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }
}
