package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.detect.PressureDetector;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.metrics.Scope;
import org.plmmonitor.analysis.report.CsvReport;
import org.plmmonitor.analysis.report.CuffSessionEntry;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.ScoringResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A closed night: what the detectors found, scored by the chosen rules, with its metrics and its
 * provenance. {@code plm analyze}, {@code plm demo} and the daemon's night close all end here, through
 * {@link NightPipeline}.
 *
 * @param result              the scored movements and series
 * @param metrics             counts, rates, histograms
 * @param provenance          software, detector, standard, sensors
 * @param analysableBySourceS per modality given, seconds it could see movements (docs/contracts.md
 *                            {@code analysable_by_source}); copied
 */
public record NightAnalysis(ScoringResult result, NightMetrics metrics, Provenance provenance,
                            Map<MovementSource, Double> analysableBySourceS) {
    public NightAnalysis {
        analysableBySourceS = analysableBySourceS.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(analysableBySourceS));
    }

    /**
     * The cuffs of a night and what the modalities could see.
     *
     * @param ratesHz             each cuffed leg's telemetry rate, Hz
     * @param names               each cuff's input as named to the user
     * @param analysableBySourceS per modality, analysable seconds
     */
    public record Cuffs(Map<Leg, Double> ratesHz, Map<Leg, String> names, Map<MovementSource, Double> analysableBySourceS) {
    }

    /**
     * The closed night from its scoring and totals, as {@link NightPipeline#analysis} collects them.
     *
     * @param r              the scored movements and series
     * @param recordedS      last minus first sample time, s
     * @param analysable     analysable stretches, s on the source's line
     * @param ratesHz        each leg's nominal rate, Hz
     * @param names          each leg's input as named to the user
     * @param secondsByState per leg, seconds in each {@link Epoch.State} (indexed by ordinal)
     * @param detector       the detector's parameters and version
     * @param zone           IANA time zone the night is named in, null offline
     * @param cuffs          the night's cuffs (none: empty maps) and the analysable time by modality
     * @return the closed night
     */
    public static NightAnalysis of(ScoringResult r, double recordedS, List<TimeInterval> analysable,
                                   Map<Leg, Double> ratesHz, Map<Leg, String> names,
                                   Map<Leg, double[]> secondsByState, VersionedDetector detector, String zone,
                                   Cuffs cuffs) {
        DetectorConfig cfg = detector.config();
        NightMetrics m = NightMetrics.compute(r, recordedS, analysable, null);
        List<SensorInfo> sensors = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        double wear = 0;
        for (Map.Entry<Leg, Double> e : ratesHz.entrySet()) {
            String name = names.getOrDefault(e.getKey(), e.getKey().jsonName());
            sensors.add(new SensorInfo(name, e.getKey().jsonName(), SensorInfo.ACCELEROMETER, e.getValue()));
            inputs.add(name);
            double[] sec = secondsByState.get(e.getKey());
            if (sec != null) {
                wear = Math.max(wear, sec[Epoch.State.ANALYSABLE.ordinal()] + sec[Epoch.State.UPRIGHT.ordinal()]);
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> versions = new ArrayList<>();
        if (!ratesHz.isEmpty()) {
            params.putAll(cfg.parameters());
            versions.add(detector.version());
        }
        for (Map.Entry<Leg, Double> e : cuffs.ratesHz().entrySet()) {
            String name = cuffs.names().getOrDefault(e.getKey(), "cuff");
            sensors.add(new SensorInfo(name, e.getKey().jsonName(), SensorInfo.CUFF_PRESSURE, e.getValue()));
            inputs.add(name);
        }
        if (!cuffs.ratesHz().isEmpty()) {
            params.putAll(PressureDetector.parameters());
            versions.add(PressureDetector.VERSION);
        }
        Provenance p = new Provenance(SoftwareVersion.get(), String.join("+", versions), params, r.standard(),
                sensors, zone, wear, inputs);
        return new NightAnalysis(r, m, p, cuffs.analysableBySourceS());
    }

    /** Writes the contracts.md JSON. */
    public void writeJson(Appendable out) {
        JsonReport.write(out, result, metrics, provenance, analysableBySourceS, null);
    }

    /**
     * Writes the contracts.md JSON with the daemon's cuff sessions.
     *
     * @param out          destination (not closed)
     * @param cuffSessions the night's cuff therapy sessions in start order, in the report's time base
     */
    public void writeJson(Appendable out, List<CuffSessionEntry> cuffSessions) {
        JsonReport.write(out, result, metrics, provenance, analysableBySourceS, cuffSessions);
    }

    /** Writes one CSV row per movement. */
    public void writeCsv(Appendable out) {
        CsvReport.writeMovements(out, result);
    }

    /** @return a few lines for a person: what was measured, per hour of what, and the caveat */
    public String summaryText() {
        Scope a = metrics.analysable();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "recorded %s, in bed (analysable) %s, sensor worn %s%n",
                hours(metrics.recorded().durationS()), hours(a.durationS()), hours(provenance.wearS())));
        b.append(String.format(Locale.ROOT, "leg movements %d, candidates %d, periodic %d in %d series%n",
                a.lm(), a.clm(), a.plm(), result.series().size()));
        b.append(String.format(Locale.ROOT, "periodic leg movements per hour in bed: %s; periodicity index: %s%n",
                a.plmPerH() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", a.plmPerH()),
                metrics.periodicityIndex() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", metrics.periodicityIndex())));
        b.append(String.format(Locale.ROOT, "scored by %s; detector %s; software %s%n",
                result.standard().cliName(), provenance.detectorVersion(), provenance.softwareVersion()));
        String caveat = JsonReport.caveat(provenance);
        b.append(caveat != null ? caveat : "Not a diagnostic device.").append(System.lineSeparator());
        return b.toString();
    }

    private static String hours(Double s) {
        if (s == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f h", s / 3600);
    }
}
