package org.plmmonitor.analysis.pipeline;

import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.SoftwareVersion;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.metrics.Scope;
import org.plmmonitor.analysis.report.CsvReport;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.ScoringResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A closed night: what the detectors found, scored by the chosen rules, with its metrics and its
 * provenance. {@code plm analyze}, {@code plm demo} and the daemon's night close all end here, through
 * {@link NightPipeline}.
 *
 * @param result     the scored movements and series
 * @param metrics    counts, rates, histograms
 * @param provenance software, detector, standard, sensors
 */
public record NightAnalysis(ScoringResult result, NightMetrics metrics, Provenance provenance) {

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
     * @return the closed night
     */
    public static NightAnalysis of(ScoringResult r, double recordedS, List<TimeInterval> analysable,
                                   Map<Leg, Double> ratesHz, Map<Leg, String> names,
                                   Map<Leg, double[]> secondsByState, VersionedDetector detector, String zone) {
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
        Provenance p = new Provenance(SoftwareVersion.get(), detector.version(), cfg.parameters(), r.standard(),
                sensors, zone, wear, inputs);
        return new NightAnalysis(r, m, p);
    }

    /** Writes the contracts.md JSON. */
    public void writeJson(Appendable out) {
        JsonReport.write(out, result, metrics, provenance);
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
