package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.html.NightFrame;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.analysis.report.html.NightViews;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.plmmonitor.analysis.export.ReportFields.bool;
import static org.plmmonitor.analysis.export.ReportFields.count;
import static org.plmmonitor.analysis.export.ReportFields.list;
import static org.plmmonitor.analysis.export.ReportFields.map;
import static org.plmmonitor.analysis.export.ReportFields.num;
import static org.plmmonitor.analysis.export.ReportFields.opt;
import static org.plmmonitor.analysis.export.ReportFields.str;

/**
 * One closed night as the exports take it: the night's JSON report (every number; the keys of
 * docs/contracts.md) and its place in wall-clock time ({@link NightFrame}, which the morning report uses
 * too). The rows every format writes are derived here once, so that CSV, EDF+, FHIR and PDF cannot
 * disagree.
 *
 * @param frame  the night in wall-clock time: start, end, zone, the daemon's line-to-UTC mapping, spans,
 *               other detector versions
 * @param report the night's JSON report as parsed by {@link org.plmmonitor.analysis.report.JsonReader}
 */
public record ExportNight(NightFrame frame, Map<String, Object> report) {
    public ExportNight {
        report = Collections.unmodifiableMap(report);
    }

    /**
     * @param frame  see the record
     * @param report the parsed report (must be a JSON object)
     * @return the night
     * @throws IllegalArgumentException when the report is not an object
     */
    public static ExportNight of(NightFrame frame, Object report) {
        return new ExportNight(frame, map(report, "the report of night " + frame.nightId()));
    }

    /** @return the night's name */
    public String nightId() {
        return frame.nightId();
    }

    /**
     * @return the morning report's view of the night (the PDF draws from it as the HTML does)
     * @throws IllegalArgumentException naming the first missing or mistyped key of the report
     */
    public NightView view() {
        return NightViews.fromReport(report, frame);
    }

    /**
     * @return every movement of the report, in the report's order, placed in wall-clock time
     * @throws IllegalArgumentException naming the first missing or mistyped key
     */
    public List<MovementRow> movements() {
        String det = detectorVersion();
        List<MovementRow> rows = new ArrayList<>();
        int i = 0;
        for (Object o : list(report.get("movements"), "movements")) {
            String at = "movements[" + i++ + "]";
            Map<String, Object> m = map(o, at);
            double on = num(m, "onset_s", at);
            double off = num(m, "offset_s", at);
            long onMs = frame.clock().utcMs(on);
            long offMs = Math.max(onMs, frame.clock().utcMs(off));
            Double series = opt(m, "series", at);
            rows.add(new MovementRow(frame.nightId(), Leg.parse(str(m, "leg", at)), onMs, offMs,
                    (onMs - frame.startUtcMs()) / 1000.0, Math.round((off - on) * 1000) / 1000.0, bool(m, "candidate", at),
                    bool(m, "periodic", at), series == null ? null : (int) Math.round(series), opt(m, "imi_s", at),
                    opt(m, "peak_g", at), opt(m, "rms_g", at), det));
        }
        return rows;
    }

    /** @return the detector version that produced the report, null for imported events */
    public String detectorVersion() {
        Object d = map(report.get("provenance"), "provenance").get("detector_version");
        return d == null ? null : d.toString();
    }

    /**
     * @return the night's summary row
     * @throws IllegalArgumentException naming the first missing or mistyped key
     */
    public NightRow summary() {
        NightView v = view();
        Map<String, Object> s = map(report.get("summary"), "summary");
        Map<String, Object> imi = map(s.get("imi"), "summary.imi");
        Map<String, Object> dur = map(s.get("lm_duration_s"), "summary.lm_duration_s");
        double lnSum = 0;
        int n = 0;
        for (MovementRow m : movements()) {
            // The intervals of summary.imi: every candidate with an interval (NightMetrics).
            if (m.candidate() && m.imiS() != null && m.imiS() > 0) {
                lnSum += Math.log(m.imiS());
                n++;
            }
        }
        return new NightRow(frame.nightId(), frame.startUtcMs(), frame.endUtcMs(), frame.zone().getId(),
                num(s, "recorded_s", "summary"), num(s, "analysable_s", "summary"), v.provenance().wearS(),
                count(s, "lm", "summary"), count(s, "clm", "summary"), count(s, "plm", "summary"),
                opt(s, "lm_per_h", "summary"), opt(s, "clm_per_h", "summary"), opt(s, "plm_per_h", "summary"),
                v.seriesCount(), opt(s, "periodicity_index", "summary"), count(imi, "total", "summary.imi"),
                count(imi, "below_10_s", "summary.imi"), count(imi, "from_10_to_90_s", "summary.imi"),
                count(imi, "above_90_s", "summary.imi"), n == 0 ? null : lnSum / n, opt(dur, "mean", "summary.lm_duration_s"),
                v.provenance(), frame.otherDetectors(), v.caveat());
    }
}
