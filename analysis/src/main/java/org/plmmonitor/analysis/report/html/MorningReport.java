package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.metrics.DurationStats;
import org.plmmonitor.analysis.metrics.Histogram;
import org.plmmonitor.analysis.metrics.LegCounts;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.plmmonitor.analysis.report.html.Xml.esc;
import static org.plmmonitor.analysis.report.html.Xml.num;

/**
 * Renders a {@link NightView} as the morning report: well-formed XHTML (it parses as XML), inline SVG
 * charts and CSS, no script and no external reference, readable from 360 px wide. {@link #fragment}
 * is the report's body for pages that bring their own frame (the web page, later); {@link #document}
 * wraps it into a stand-alone file.
 */
public final class MorningReport {
    /** The sentence on night-to-night variability (docs/domain.md section 1). */
    public static final String ONE_NIGHT = "One night tells little: the number varies a lot from night to night "
            + "(in people with RLS, a sleep laboratory's index is above 15/h on only about a third of nights), "
            + "so look at several nights before reading anything into one.";

    /** The periodicity index's definition, before the journal's name (the PDF writes it too). */
    public static final String PI_BEFORE = "Periodicity index (Ferri et al., ";
    /** The journal of the periodicity index's paper. */
    public static final String PI_JOURNAL = "Sleep";
    /** The definition after the journal's name, up to the value. */
    public static final String PI_AFTER = " 2006: the share of all intervals between candidate movements that are "
            + "10\u201390 s long and belong to a run of at least three such intervals, 0 to 1; not the PLM/CLM ratio): ";

    private MorningReport() {
    }

    /**
     * @param v the night
     * @return the timeline's legend, {CSS class of the swatch, what it means}, the cuff only for a night with sessions
     */
    public static List<List<String>> timelineLegend(NightView v) {
        List<List<String>> k = new ArrayList<>(List.of(List.of("plm", "periodic movement (PLM)"),
                List.of("clm", "candidate, not periodic"), List.of("lm", "other leg movement"), List.of("series", "PLM series"),
                List.of("analysable", "in bed, analysable"), List.of("unworn", "sensor not worn"),
                List.of("nosignal", "no signal"), List.of("out", "out of bed (leg upright)")));
        if (!v.cuffSessions().isEmpty()) {
            k.add(List.of("cuff", "cuff therapy session"));
        }
        return k;
    }

    /**
     * @param v the night
     * @return "How this was measured" as {what, value} rows (unescaped): versions, other analyses, standard, sensors
     *         and rates, time zone, wear time, where it was read from
     */
    public static List<List<String>> provenanceRows(NightView v) {
        Provenance p = v.provenance();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("software", p.softwareVersion()));
        rows.add(List.of("detector shown", p.detectorVersion() == null ? "none (imported events)" : p.detectorVersion()));
        if (!v.otherDetectors().isEmpty()) {
            rows.add(List.of("also analysed by", String.join(", ", v.otherDetectors()) + " (not shown here)"));
        }
        rows.add(List.of("scoring standard", p.standard().cliName()));
        List<String> sensors = new ArrayList<>();
        for (SensorInfo s : p.sensors()) {
            sensors.add((s.leg() == null ? "" : s.leg() + ": ") + s.name() + " (" + s.kind()
                    + (s.rateHz() == null ? "" : ", " + num(s.rateHz(), 0) + " Hz") + ")");
        }
        rows.add(List.of("sensors", sensors.isEmpty() ? "\u2013" : String.join("; ", sensors)));
        rows.add(List.of("time zone", p.timeZone() == null ? v.zone().getId() : p.timeZone()));
        rows.add(List.of("sensor worn", p.wearS() == null ? "\u2013" : num(p.wearS() / 3600, 2) + " h"));
        rows.add(List.of("read from", String.join("; ", v.sources())));
        return rows;
    }

    /** @return a complete XHTML document (UTF-8) holding {@link #fragment} */
    public static String document(NightView v) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>Night of " + esc(v.nightId()) + ": leg movements</title><style>" + CSS + "</style></head><body>"
                + fragment(v) + "</body></html>\n";
    }

    /**
     * @return the report's style sheet: inlined by {@link #document}, served as a file by the web pages around
     *         {@link #fragment} (their policy forbids inline styles)
     */
    public static String styleSheet() {
        return CSS;
    }

    /** @return the report as one {@code main} element, without document frame or style sheet */
    public static String fragment(NightView v) {
        StringBuilder b = new StringBuilder();
        RateRow bed = v.inBed();
        b.append("<main class=\"plm-report\" id=\"night-").append(esc(v.nightId())).append("\">");
        b.append("<h1>Night of ").append(esc(v.nightId())).append("</h1>");
        b.append("<p class=\"headline\"><span class=\"big\">").append(num(bed.plmPerH(), 1))
                .append("</span> periodic leg movements per hour <strong>in bed</strong> (not per hour of sleep)</p>");
        b.append("<section aria-labelledby=\"h-words\"><h2 id=\"h-words\">In plain words</h2><p class=\"plain\">")
                .append(esc(plainText(v))).append("</p>");
        b.append("<p class=\"caveat\"><strong>Not a diagnosis.</strong> ")
                .append(esc(v.caveat() != null ? v.caveat() : "These movements were imported, not measured by this monitor."))
                .append("</p></section>");

        b.append("<section aria-labelledby=\"h-tl\"><h2 id=\"h-tl\">The night</h2>");
        b.append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Timeline (scrolls sideways)\">")
                .append(Charts.timeline(v)).append("</div>");
        b.append("<ul class=\"legend\">");
        for (List<String> k : timelineLegend(v)) {
            b.append("<li><span class=\"sw ").append(k.get(0)).append("\"></span>").append(esc(k.get(1))).append("</li>");
        }
        b.append("</ul></section>");

        b.append("<section aria-labelledby=\"h-hour\"><h2 id=\"h-hour\">Periodic leg movements per hour</h2>");
        List<String> hours = new ArrayList<>();
        for (int i = 0; i < v.plmPerHour().size(); i++) {
            hours.add(Charts.clock(v, v.hourOriginS() + i * 3600.0));
        }
        b.append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"PLM per hour chart\">");
        b.append(Charts.bars("hourly", "PLM per hour of the night, from the start of analysable time", v.plmPerHour(),
                hours, 1, true, null, null, "hour starting at (local time)")).append("</div>");
        b.append("<details><summary>As a table</summary><table><thead><tr><th scope=\"col\">hour from</th><th scope=\"col\">PLM</th></tr></thead><tbody>");
        for (int i = 0; i < hours.size(); i++) {
            b.append("<tr><td>").append(hours.get(i)).append("</td><td>").append(v.plmPerHour().get(i)).append("</td></tr>");
        }
        b.append("</tbody></table></details></section>");

        b.append("<section aria-labelledby=\"h-imi\"><h2 id=\"h-imi\">Intervals between candidate movements (IMI)</h2>");
        b.append("<p>").append(v.imi().total()).append(" intervals: ").append(v.imi().below10()).append(" under 10 s, ")
                .append(v.imi().from10To90()).append(" of 10\u201390 s, ").append(v.imi().above90()).append(" over 90 s.</p>");
        Histogram lin = v.imi().linear();
        b.append("<div class=\"pair\"><figure class=\"scroll\" tabindex=\"0\">").append(Charts.bars("imi-lin", "IMI histogram, 2-s bins from 0 to 90 s",
                lin.counts(), Charts.binLabels(lin, 0), 5, false, new double[] {10 / lin.width()}, new String[] {"10 s"},
                "IMI, s")).append("<figcaption>2-s bins, 0\u201390 s (").append(lin.above()).append(" over 90 s not drawn)</figcaption></figure>");
        Histogram log = v.imi().logarithmic();
        b.append("<figure class=\"scroll\" tabindex=\"0\">").append(Charts.bars("imi-ln", "ln(IMI) histogram, bins of 0.1 from 0 to 4.5", log.counts(),
                Charts.binLabels(log, 1), 5, false, new double[] {Math.log(10) / log.width(), Math.log(90) / log.width()},
                new String[] {"10 s", "90 s"}, "ln(IMI in s)")).append("<figcaption>ln(IMI), bins of 0.1, 0\u20134.5 (")
                .append(log.below()).append(" under 1 s, ").append(log.above()).append(" over 90 s not drawn)</figcaption></figure></div></section>");

        b.append("<section aria-labelledby=\"h-tab\"><h2 id=\"h-tab\">Counts</h2>").append(rateTable(v));
        b.append("<p>").append(esc(PI_BEFORE)).append("<cite>").append(PI_JOURNAL).append("</cite>").append(esc(PI_AFTER))
                .append("<strong>").append(num(v.periodicityIndex(), 2)).append("</strong>");
        if (v.periodicityIndexSleep() != null) {
            b.append("; during sleep: <strong>").append(num(v.periodicityIndexSleep(), 2)).append("</strong>");
        }
        b.append(".</p>");
        b.append(smallTable("small", durationCaption(v), DURATION_HEAD, List.of(durationRow(v)), false));
        b.append(smallTable("small legs", LEG_CAPTION, LEG_HEAD, legRows(v), true));
        b.append("</section>");
        b.append(provenance(v));
        b.append("</main>");
        return b.toString();
    }

    /** @return the plain-language paragraph (numbers, per hour of what, caveat, variability) */
    public static String plainText(NightView v) {
        RateRow bed = v.inBed();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "The monitor recorded from %s to %s. It counted %d leg movements while you were "
                        + "in bed with the sensor worn (%s h), %d of them candidates for the periodic pattern and %d periodic, "
                        + "in %d series: %s periodic leg movements per hour in bed. ",
                Charts.clock(v, 0), Charts.clock(v, v.durationS()), bed.lm(), num(bed.hours(), 1), bed.clm(), bed.plm(),
                v.seriesCount(), num(bed.plmPerH(), 1)));
        boolean sleep = v.rates().stream().anyMatch(r -> r.what().equals("sleep"));
        b.append(sleep ? "Sleep times were given, so the table also shows rates per hour of sleep and of wake. "
                : "That is per hour in bed, not per hour of sleep: the monitor does not know when you were asleep. ");
        b.append("An ankle sensor sees fewer movements than the leg muscle sensors (EMG) of a sleep laboratory, "
                + "so this number is on a lower scale and cannot be compared with the 15 per hour threshold of a sleep study. ");
        b.append(ONE_NIGHT);
        return b.toString();
    }

    /** Columns of {@link #durationRow}. */
    public static final List<String> DURATION_HEAD = List.of("mean", "SD", "shortest", "longest");

    /** Caption of the by-leg table. */
    public static final String LEG_CAPTION = "By leg (whole recording)";

    /** Columns of {@link #legRows}. */
    public static final List<String> LEG_HEAD = List.of("leg", "LM", "CLM", "PLM");

    /**
     * @param v the night
     * @return the caption of the durations table, with the number of movements it summarises
     */
    public static String durationCaption(NightView v) {
        return "Leg movement durations (" + v.lmDuration().n() + " movements), s";
    }

    /**
     * @param v the night
     * @return the durations table's one row, s, with the cells of {@link #DURATION_HEAD} (unescaped)
     */
    public static List<String> durationRow(NightView v) {
        DurationStats d = v.lmDuration();
        return List.of(num(d.meanS(), 2), num(d.sdS(), 2), num(d.minS(), 2), num(d.maxS(), 2));
    }

    /**
     * @param v the night
     * @return the by-leg table's rows, one per leg seen, with the cells of {@link #LEG_HEAD} (unescaped)
     */
    public static List<List<String>> legRows(NightView v) {
        List<List<String>> rows = new ArrayList<>();
        for (LegCounts l : v.legs()) {
            rows.add(List.of(l.leg().jsonName(), Integer.toString(l.lm()), Integer.toString(l.clm()), Integer.toString(l.plm())));
        }
        return rows;
    }

    /** A small table; with rowHeads, each row's first cell heads its row. */
    private static String smallTable(String cls, String caption, List<String> head, List<List<String>> rows, boolean rowHeads) {
        StringBuilder b = new StringBuilder("<table class=\"").append(cls).append("\"><caption>").append(esc(caption))
                .append("</caption><thead><tr>");
        for (String h : head) {
            b.append("<th scope=\"col\">").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String tag = rowHeads && i == 0 ? "th scope=\"row\"" : "td";
                b.append('<').append(tag).append('>').append(esc(row.get(i))).append("</").append(tag.split(" ")[0]).append('>');
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** Columns of {@link #rateRows}. */
    public static final List<String> RATE_HEAD = List.of("time", "hours", "LM", "CLM", "PLM", "LM/h", "CLM/h", "PLM/h");

    /**
     * @param v the night
     * @return the counts table's rows (WASM 2016 layout), one per kind of time, with the cells of {@link #RATE_HEAD}
     *         (unescaped; a dash where a count or rate is unknown)
     */
    public static List<List<String>> rateRows(NightView v) {
        List<List<String>> rows = new ArrayList<>();
        for (RateRow r : v.rates()) {
            rows.add(List.of(r.what(), num(r.hours(), 2), count(r.lm()), count(r.clm()), count(r.plm()), num(r.lmPerH(), 1),
                    num(r.clmPerH(), 1), num(r.plmPerH(), 1)));
        }
        return rows;
    }

    private static String rateTable(NightView v) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Counts table\">"
                + "<table class=\"rates\"><caption>Leg movements (LM), candidate LM (CLM) and periodic LM (PLM), "
                + "counts and per hour of each kind of time (WASM 2016 layout)</caption><thead><tr>");
        for (String h : RATE_HEAD) {
            b.append("<th scope=\"col\">").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : rateRows(v)) {
            b.append("<tr><th scope=\"row\">").append(esc(row.get(0))).append("</th>");
            for (String cell : row.subList(1, row.size())) {
                b.append("<td>").append(esc(cell)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }

    private static String count(Integer n) {
        return n == null ? "\u2013" : n.toString();
    }

    private static String provenance(NightView v) {
        StringBuilder b = new StringBuilder("<section aria-labelledby=\"h-prov\"><h2 id=\"h-prov\">How this was measured</h2><dl class=\"prov\">");
        for (List<String> row : provenanceRows(v)) {
            item(b, row.get(0), row.get(1));
        }
        Provenance p = v.provenance();
        b.append("</dl>");
        if (!p.detectorParameters().isEmpty()) {
            b.append("<details><summary>Detector parameters</summary><dl class=\"prov\">");
            p.detectorParameters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> item(b, e.getKey(), e.getValue()));
            b.append("</dl></details>");
        }
        return b.append("</section>").toString();
    }

    private static void item(StringBuilder b, String k, String v) {
        b.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>");
    }

    /** System fonts only (nothing fetched); colours keep at least 4.5:1 against their background. */
    static final String CSS = String.join("",
            "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;line-height:1.45}",
            "main{max-width:1100px;margin:0 auto;padding:12px}",
            "h1{font-size:1.5rem;margin:.4em 0}h2{font-size:1.15rem;margin:1.2em 0 .4em;border-bottom:1px solid #ccc}",
            ".headline .big{font-size:2.2rem;font-weight:700;margin-right:.3em}",
            ".caveat{background:#fff4d6;border-left:4px solid #8a5a00;padding:.5em .8em}",
            ".scroll{overflow-x:auto}.scroll:focus,summary:focus{outline:3px solid #1f5fa8;outline-offset:2px}",
            "svg{display:block;width:100%;height:auto}svg.timeline{min-width:720px}svg.chart{min-width:440px;max-width:640px}",
            ".lbl{font-size:14px;fill:#333}.chart .lbl{font-size:15px}",
            ".mark.plm{fill:#a3231b}.mark.clm{fill:#1f5fa8}.mark.lm{fill:#5c5c5c}",
            ".series{fill:#c65d00}.series-bg{fill:#c65d00;opacity:.12}.cuff{fill:#6a3d9a}.sw.cuff{background:#6a3d9a}",
            ".analysable{fill:#dcefdc}.unworn{fill:#d0d0d0}.nosignal{fill:#8f8f8f}",
            ".rowline{fill:none;stroke:#bbb;stroke-width:.6}.tick{stroke:#999;stroke-width:.5}",
            ".bar{fill:#1f5fa8}.hourly .bar{fill:#a3231b}.axis{stroke:#333}.guide{stroke:#333;stroke-dasharray:4 3}",
            ".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em;font-size:.9rem}",
            ".sw{display:inline-block;width:1em;height:1em;margin-right:.35em;vertical-align:-.15em;border:1px solid #555}",
            ".sw.plm{background:#a3231b}.sw.clm{background:#1f5fa8}.sw.lm{background:#5c5c5c}.sw.series{background:#c65d00}",
            ".sw.out{background:#fff}.sw.analysable{background:#dcefdc}.sw.unworn{background:#d0d0d0}.sw.nosignal{background:#8f8f8f}",
            ".pair{display:flex;flex-wrap:wrap;gap:12px}.pair figure{flex:1 1 320px;margin:0}figcaption{font-size:.9rem}",
            "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #bbb;padding:.25em .5em;text-align:right}",
            "th[scope=row],caption{text-align:left}caption{font-weight:600;padding:.2em 0}",
            ".prov{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}.prov dt{font-weight:600}.prov dd{margin:0;overflow-wrap:anywhere}",
            "@media (max-width:480px){.prov{grid-template-columns:1fr}.headline .big{font-size:1.8rem}}");
}
