package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.report.JsonWriter;
import org.plmmonitor.analysis.report.SensorInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code movements.csv} and {@code nights.csv} of docs/export.md: comma-separated, one header row,
 * {@code .} as decimal mark, empty cells for unknown values, text cells quoted when they hold a comma,
 * a quote or a line break.
 */
public final class CsvExport {
    /** Header of {@code movements.csv}. */
    public static final String MOVEMENT_HEADER = "night,leg,onset_utc,onset_local,onset_from_start_s,offset_from_start_s,"
            + "duration_s,candidate,periodic,series,imi_s,peak_g,rms_g,detector_version";
    /** Header of {@code nights.csv}. */
    public static final String NIGHT_HEADER = "night,start_utc,end_utc,time_zone,recorded_s,analysable_s,wear_s,lm,clm,plm,"
            + "lm_per_h_in_bed,clm_per_h_in_bed,plm_per_h_in_bed,plm_series,periodicity_index,imi_total,imi_below_10_s,"
            + "imi_10_to_90_s,imi_above_90_s,mean_ln_imi,lm_duration_mean_s,standard,software_version,detector_version,"
            + "other_detector_versions,sensors,caveat";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    private CsvExport() {
    }

    /**
     * @param out    destination (not closed)
     * @param period the nights
     * @throws UncheckedIOException when the destination fails
     */
    public static void writeMovements(Appendable out, ExportPeriod period) {
        try {
            out.append(MOVEMENT_HEADER).append('\n');
            for (ExportNight n : period.nights()) {
                ZoneId zone = n.frame().zone();
                for (MovementRow m : n.movements()) {
                    row(out, List.of(m.nightId(), m.leg().jsonName(), utc(m.onsetUtcMs()), local(m.onsetUtcMs(), zone),
                            num(m.onsetFromStartS(), 3), num(m.offsetFromStartS(), 3), num(m.durationS(), 3),
                            Boolean.toString(m.candidate()), Boolean.toString(m.periodic()),
                            m.series() == null ? "" : m.series().toString(), num(m.imiS(), 3), num(m.peakG(), 6),
                            num(m.rmsG(), 6), text(m.detectorVersion())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write movements.csv", e);
        }
    }

    /**
     * @param out    destination (not closed)
     * @param period the nights
     * @throws UncheckedIOException when the destination fails
     */
    public static void writeNights(Appendable out, ExportPeriod period) {
        try {
            out.append(NIGHT_HEADER).append('\n');
            for (ExportNight n : period.nights()) {
                NightRow r = n.summary();
                row(out, List.of(r.nightId(), utc(r.startUtcMs()), utc(r.endUtcMs()), r.zone(), num(r.recordedS(), 3),
                        num(r.analysableS(), 3), num(r.wearS(), 3), Integer.toString(r.lm()), Integer.toString(r.clm()),
                        Integer.toString(r.plm()), num(r.lmPerH(), 3), num(r.clmPerH(), 3), num(r.plmPerH(), 3),
                        Integer.toString(r.plmSeries()), num(r.periodicityIndex(), 4), Integer.toString(r.imiTotal()),
                        Integer.toString(r.imiBelow10()), Integer.toString(r.imi10To90()), Integer.toString(r.imiAbove90()),
                        num(r.meanLnImi(), 4), num(r.lmDurationMeanS(), 3), r.provenance().standard().cliName(),
                        r.provenance().softwareVersion(), text(r.provenance().detectorVersion()),
                        String.join(";", r.otherDetectors()), sensors(r.provenance().sensors()), text(r.caveat())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write nights.csv", e);
        }
    }

    /** @return the sensors as {@code leg: name (kind, rate Hz)}, {@code ;}-separated */
    static String sensors(List<SensorInfo> sensors) {
        List<String> s = new ArrayList<>();
        for (SensorInfo i : sensors) {
            s.add((i.leg() == null ? "" : i.leg() + ": ") + i.name() + " (" + i.kind()
                    + (i.rateHz() == null ? "" : ", " + JsonWriter.number(i.rateHz(), 3) + " Hz") + ")");
        }
        return String.join("; ", s);
    }

    /** @return an instant as ISO-8601 UTC to the millisecond ({@code 2026-11-23T22:14:05.120Z}) */
    static String utc(long ms) {
        return UTC.format(Instant.ofEpochMilli(ms));
    }

    /** @return an instant as ISO-8601 local time with its offset in {@code zone} */
    static String local(long ms, ZoneId zone) {
        return LOCAL.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private static String num(Double d, int decimals) {
        String s = JsonWriter.number(d, decimals);
        return s.equals("null") ? "" : s;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void row(Appendable out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append('\n');
    }
}
