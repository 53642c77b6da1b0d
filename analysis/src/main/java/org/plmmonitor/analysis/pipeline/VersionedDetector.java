package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.detect.DetectorConfig;

import java.util.Objects;

/**
 * A detector as a night's analysis is filed under: its parameters and the version name they are stored and
 * reported as. A night keeps one analysis per version (a re-analysis by a newer detector is added beside the
 * old one), so the version travels with the parameters from the pipeline to the report's provenance and the
 * store's keys, instead of each reading a constant.
 *
 * @param version the detector's version as stored and reported, non-blank (e.g. {@code accel-1.0})
 * @param config  its parameters
 */
public record VersionedDetector(String version, DetectorConfig config) {
    public VersionedDetector {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a detector version must not be blank");
        }
        Objects.requireNonNull(config, "detector parameters");
    }

    /** @return the validated detector of this build: {@link DetectorConfig#VERSION} with {@link DetectorConfig#DEFAULT} */
    public static VersionedDetector current() {
        return new VersionedDetector(DetectorConfig.VERSION, DetectorConfig.DEFAULT);
    }
}
