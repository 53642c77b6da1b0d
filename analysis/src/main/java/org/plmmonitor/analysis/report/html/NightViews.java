package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.metrics.DurationStats;
import org.plmmonitor.analysis.metrics.Histogram;
import org.plmmonitor.analysis.metrics.ImiStats;
import org.plmmonitor.analysis.metrics.LegCounts;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link NightView} from a night's JSON report (the keys of docs/contracts.md, as
 * {@link org.plmmonitor.analysis.report.JsonReport} writes them and
 * {@link org.plmmonitor.analysis.report.JsonReader} reads them) and its {@link NightFrame}. The counts,
 * rates, histograms and provenance are the report's own, never recomputed here.
 */
public final class NightViews {
    private NightViews() {
    }

    /**
     * @param report the parsed JSON report (a map)
     * @param frame  the night in wall-clock time
     * @return the view
     * @throws IllegalArgumentException naming the first missing or mistyped key
     */
    public static NightView fromReport(Object report, NightFrame frame) {
        Map<String, Object> root = map(report, "the report");
        Map<String, Object> s = map(root.get("summary"), "summary");
        Map<String, Object> p = map(root.get("provenance"), "provenance");
        List<Mark> marks = new ArrayList<>();
        int i = 0;
        for (Object o : list(root.get("movements"), "movements")) {
            String at = "movements[" + i++ + "]";
            Map<String, Object> m = map(o, at);
            marks.add(new Mark(frame.fromStartS(num(m, "onset_s", at)), frame.fromStartS(num(m, "offset_s", at)),
                    Leg.parse(str(m, "leg", at)), bool(m, "candidate", at), bool(m, "periodic", at),
                    optInt(m, "series", at)));
        }
        List<SeriesBand> series = new ArrayList<>();
        i = 0;
        for (Object o : list(root.get("series"), "series")) {
            String at = "series[" + i++ + "]";
            Map<String, Object> m = map(o, at);
            series.add(new SeriesBand((int) num(m, "id", at), new Span(frame.fromStartS(num(m, "start_s", at)),
                    frame.fromStartS(num(m, "end_s", at))), (int) num(m, "count", at)));
        }
        List<CuffBand> cuff = new ArrayList<>();
        i = 0;
        // Only the daemon's report with a cuff configured has the key (docs/contracts.md).
        for (Object o : root.get("cuff_sessions") == null ? List.of() : list(root.get("cuff_sessions"), "cuff_sessions")) {
            String at = "cuff_sessions[" + i++ + "]";
            Map<String, Object> m = map(o, at);
            cuff.add(new CuffBand(new Span(frame.fromStartS(num(m, "start_s", at)), frame.fromStartS(num(m, "end_s", at))),
                    str(m, "trigger", at), (int) num(m, "cycles", at), num(m, "max_pressure_mmhg", at), str(m, "outcome", at)));
        }
        Map<String, Object> imi = map(s.get("imi"), "summary.imi");
        ImiStats imiStats = new ImiStats((int) num(imi, "total", "summary.imi"), (int) num(imi, "below_10_s", "summary.imi"),
                (int) num(imi, "from_10_to_90_s", "summary.imi"), (int) num(imi, "above_90_s", "summary.imi"),
                histogram(imi.get("histogram_2s"), "summary.imi.histogram_2s"),
                histogram(imi.get("histogram_ln"), "summary.imi.histogram_ln"));
        Map<String, Object> d = map(s.get("lm_duration_s"), "summary.lm_duration_s");
        String at = "summary.lm_duration_s";
        DurationStats dur = new DurationStats((int) num(d, "n", at), opt(d, "mean", at), opt(d, "sd", at),
                opt(d, "min", at), opt(d, "max", at));
        List<LegCounts> legs = new ArrayList<>();
        Map<String, Object> lg = map(s.get("legs"), "summary.legs");
        for (Leg leg : Leg.values()) {
            Object o = lg.get(leg.jsonName());
            if (o != null) {
                String a = "summary.legs." + leg.jsonName();
                Map<String, Object> c = map(o, a);
                legs.add(new LegCounts(leg, (int) num(c, "lm", a), (int) num(c, "clm", a), (int) num(c, "plm", a)));
            }
        }
        List<Integer> hourly = new ArrayList<>();
        for (Object o : list(s.get("plm_per_hour_of_night"), "summary.plm_per_hour_of_night")) {
            hourly.add((int) number(o, "summary.plm_per_hour_of_night[]"));
        }
        Provenance prov = provenance(p);
        Object caveat = root.get("caveat");
        return new NightView(frame.nightId(), frame.zone(), Instant.ofEpochMilli(frame.startUtcMs()),
                (frame.endUtcMs() - frame.startUtcMs()) / 1000.0, marks, series, frame.analysable(), frame.unworn(),
                frame.noSignal(), frame.fromStartS(num(s, "hour_origin_s", "summary")), hourly, imiStats, rates(s),
                opt(s, "periodicity_index", "summary"), opt(s, "periodicity_index_sleep", "summary"), dur, legs,
                series.size(), prov, caveat == null ? null : caveat.toString(), frame.otherDetectors(), frame.sources(),
                cuff);
    }

    private static List<RateRow> rates(Map<String, Object> s) {
        List<RateRow> rows = new ArrayList<>();
        String at = "summary";
        rows.add(new RateRow("in bed (analysable)", hours(opt(s, "analysable_s", at)), (int) num(s, "lm", at),
                (int) num(s, "clm", at), (int) num(s, "plm", at), opt(s, "lm_per_h", at), opt(s, "clm_per_h", at),
                opt(s, "plm_per_h", at)));
        Map<String, Object> rec = map(s.get("recorded"), "summary.recorded");
        String ra = "summary.recorded";
        rows.add(new RateRow("recorded (whole night)", hours(opt(s, "recorded_s", at)), (int) num(rec, "lm", ra),
                (int) num(rec, "clm", ra), (int) num(rec, "plm", ra), opt(rec, "lm_per_h", ra),
                opt(rec, "clm_per_h", ra), opt(rec, "plm_per_h", ra)));
        if (s.containsKey("sleep_s")) {
            rows.add(new RateRow("sleep", hours(opt(s, "sleep_s", at)), null, null, (int) num(s, "plms", at),
                    null, null, opt(s, "plms_per_h", at)));
            rows.add(new RateRow("wake", hours(opt(s, "wake_s", at)), null, null, (int) num(s, "plmw", at),
                    null, null, opt(s, "plmw_per_h", at)));
        }
        return rows;
    }

    private static Double hours(Double s) {
        return s == null ? null : s / 3600.0;
    }

    private static Provenance provenance(Map<String, Object> p) {
        String at = "provenance";
        Map<String, String> params = new LinkedHashMap<>();
        Object dp = p.get("detector_parameters");
        if (dp != null) {
            map(dp, "provenance.detector_parameters").forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        List<SensorInfo> sensors = new ArrayList<>();
        int i = 0;
        for (Object o : list(p.get("sensors"), "provenance.sensors")) {
            String a = "provenance.sensors[" + i++ + "]";
            Map<String, Object> m = map(o, a);
            Object leg = m.get("leg");
            sensors.add(new SensorInfo(str(m, "name", a), leg == null ? null : leg.toString(), str(m, "kind", a),
                    opt(m, "rate_hz", a)));
        }
        List<String> inputs = new ArrayList<>();
        Object in = p.get("inputs");
        if (in != null) {
            list(in, "provenance.inputs").forEach(o -> inputs.add(String.valueOf(o)));
        }
        Object det = p.get("detector_version");
        Object tz = p.get("time_zone");
        return new Provenance(str(p, "software_version", at), det == null ? null : det.toString(), params,
                ScoringStandard.parse(str(p, "standard", at)), sensors, tz == null ? null : tz.toString(),
                opt(p, "wear_s", at), inputs);
    }

    private static Histogram histogram(Object o, String at) {
        Map<String, Object> h = map(o, at);
        List<Integer> counts = new ArrayList<>();
        for (Object c : list(h.get("counts"), at + ".counts")) {
            counts.add((int) number(c, at + ".counts[]"));
        }
        return new Histogram(num(h, "low", at), num(h, "width", at), counts, (int) num(h, "below", at),
                (int) num(h, "above", at));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String at) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(at + ": expected an object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String at) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException(at + ": expected an array");
    }

    private static double number(Object o, String at) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + ": expected a number");
    }

    private static double num(Map<String, Object> m, String key, String at) {
        return number(m.get(key), at + "." + key);
    }

    private static Double opt(Map<String, Object> m, String key, String at) {
        Object o = m.get(key);
        return o == null ? null : number(o, at + "." + key);
    }

    private static Integer optInt(Map<String, Object> m, String key, String at) {
        Double d = opt(m, key, at);
        return d == null ? null : (int) Math.round(d);
    }

    private static String str(Map<String, Object> m, String key, String at) {
        if (m.get(key) instanceof String t) {
            return t;
        }
        throw new IllegalArgumentException(at + "." + key + ": expected a string");
    }

    private static boolean bool(Map<String, Object> m, String key, String at) {
        if (m.get(key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(at + "." + key + ": expected true or false");
    }
}
