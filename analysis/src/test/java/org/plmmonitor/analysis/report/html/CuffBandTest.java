package org.plmmonitor.analysis.report.html;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.report.CuffSessionEntry;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.time.TimeInterval;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The night JSON's {@code cuff_sessions[]} (docs/contracts.md) as {@link JsonReport} writes it, and its band on
 * the morning report's timeline: one rect per session at its local time, its numbers in the tooltip; no key
 * and no cuff row without sessions.
 */
class CuffBandTest {
    /** Line 0 is 21:00 UTC; the night opened 120 s later and lasted 6 h (as MorningReportTest's frame). */
    private static final long LINE_ZERO_UTC_MS = Instant.parse("2026-07-01T21:00:00Z").toEpochMilli();
    private static final long START_UTC_MS = LINE_ZERO_UTC_MS + 120_000;
    private static final double HOURS = 6;

    private static String json(List<CuffSessionEntry> sessions) {
        ScoringResult r = PlmScorer.scoreAll(MorningReportTest.seededMovements(21), ScoringStandard.WASM2016,
                ScoringContext.NONE);
        NightMetrics m = NightMetrics.compute(r, HOURS * 3600, List.of(new TimeInterval(120, HOURS * 3600)), null);
        Provenance p = new Provenance("0.1.0-test", "det-7", Map.of(), ScoringStandard.WASM2016,
                List.of(new SensorInfo("sim-left", "left", SensorInfo.ACCELEROMETER, 100.0)), "Europe/Berlin",
                HOURS * 3600, List.of("sim-left"));
        StringBuilder b = new StringBuilder();
        JsonReport.write(b, r, m, p, java.util.Map.of(), sessions);
        return b.toString();
    }

    private static NightFrame frame() {
        return new NightFrame("2026-07-01", START_UTC_MS, START_UTC_MS + (long) (HOURS * 3600_000), ZoneId.of("Europe/Berlin"),
                lineS -> LINE_ZERO_UTC_MS + Math.round(lineS * 1000), List.of(new Span(0, HOURS * 3600 - 120)),
                List.of(), List.of(), List.of(), List.of("nights/2026-07-01.json"));
    }

    @Test
    void theJsonListsEachSessionWithItsKeysAndTheTimelineDrawsItAtItsLocalTime() {
        List<CuffSessionEntry> sessions = List.of(
                new CuffSessionEntry(-1800, 1800, "scheduled", 60, 29.4, "completed"),
                new CuffSessionEntry(7200.25, 7261.5, "series", 2, 31.2, "fault"));
        String text = json(sessions);
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) JsonReader.parse(text);
        List<?> listed = (List<?>) j.get("cuff_sessions");
        assertEquals(2, listed.size());
        assertEquals(Map.of("start_s", 7200.25, "end_s", 7261.5, "trigger", "series", "cycles", 2.0,
                "max_pressure_mmhg", 31.2, "outcome", "fault"), listed.get(1));
        assertTrue(text.indexOf("\"series\"") < text.indexOf("\"cuff_sessions\"")
                && text.indexOf("\"cuff_sessions\"") < text.indexOf("\"movements\""), "key order: series, cuff_sessions, movements");

        NightView v = NightViews.fromReport(j, frame());
        assertEquals(2, v.cuffSessions().size());
        String svg = Charts.timeline(v);
        Matcher rect = Pattern.compile("<rect class=\"cuff\" data-outcome=\"(\\w+)\" x=\"([0-9.]+)\"[^>]*><title>([^<]*)</title>")
                .matcher(svg);
        // The scheduled session began before the night: drawn from the left edge.
        assertTrue(rect.find(), svg);
        assertEquals("completed", rect.group(1));
        assertEquals(Charts.TL_LEFT, Double.parseDouble(rect.group(2)), 0.01);
        assertTrue(rect.find());
        assertEquals("fault", rect.group(1));
        double fromStart = (LINE_ZERO_UTC_MS + 7200.25 * 1000 - START_UTC_MS) / 1000.0;
        assertEquals(Charts.TL_LEFT + fromStart / (HOURS * 3600) * Charts.TL_WIDTH, Double.parseDouble(rect.group(2)), 0.01);
        // 21:00 UTC + 2 h is 01:00 in Berlin summer time.
        assertEquals("cuff session (series): 2 cycles, up to 31.2 mmHg, fault, 01:00\u201301:01", rect.group(3));
        assertFalse(rect.find(), "one band per session");
        assertTrue(MorningReport.document(v).contains("cuff therapy session</li>"), "the legend names the band");
    }

    @Test
    void withoutSessionsThereIsNoKeyAndNoCuffRow() {
        String text = json(null);
        assertFalse(text.contains("cuff_sessions"));
        NightView v = NightViews.fromReport(JsonReader.parse(text), frame());
        assertTrue(v.cuffSessions().isEmpty());
        assertFalse(MorningReport.document(v).contains("class=\"cuff\""));
        // An empty list (a cuff configured, no session) is written as an empty array.
        assertTrue(json(List.of()).contains("\"cuff_sessions\": []") || json(List.of()).contains("\"cuff_sessions\":[]"),
                json(List.of()));
    }
}
