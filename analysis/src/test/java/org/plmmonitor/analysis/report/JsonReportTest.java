package org.plmmonitor.analysis.report;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    private static final List<LegMovement> NIGHT = List.of(
            new LegMovement(100, 101.5, Leg.LEFT, 0.0421234567, 0.02),
            new LegMovement(120.25, 121, Leg.LEFT, 0.05, Double.NaN),
            new LegMovement(140, 141, Leg.LEFT, 0.05, 0.01),
            new LegMovement(140.3, 142, Leg.RIGHT, 0.07, 0.01),
            new LegMovement(160, 161, Leg.LEFT, 0.05, 0.01),
            new LegMovement(400, 412, Leg.RIGHT, 0.2, 0.1));

    private static Provenance provenance(String kind) {
        return new Provenance("1.2.3", "det-1", Map.of("threshold_g", "0.015", "a", "b"), ScoringStandard.WASM2016,
                List.of(new SensorInfo("ankle-left", "left", kind, 50.0)), "Europe/Berlin", 28000.0,
                List.of("left.csv"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> render(ScoringContext ctx, String kind, List<TimeInterval> sleep) {
        ScoringResult r = PlmScorer.scoreAll(NIGHT, ScoringStandard.WASM2016, ctx);
        NightMetrics m = NightMetrics.compute(r, 7200, List.of(new TimeInterval(0, 3600)), sleep);
        StringBuilder sb = new StringBuilder();
        JsonReport.write(sb, r, m, provenance(kind));
        return (Map<String, Object>) MiniJson.parse(sb.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesTheContractKeysInOrder() {
        Map<String, Object> j = render(ScoringContext.NONE, SensorInfo.ACCELEROMETER, null);
        assertEquals(List.of("summary", "provenance", "caveat", "series", "movements"), new ArrayList<>(j.keySet()));
        Map<String, Object> s = (Map<String, Object>) j.get("summary");
        assertEquals(List.of("recorded_s", "analysable_s", "lm", "clm", "plm", "plm_per_h", "periodicity_index",
                "standard", "software_version"), new ArrayList<>(s.keySet()).subList(0, 9));
        assertEquals(new BigDecimal("7200"), s.get("recorded_s"));
        assertEquals(new BigDecimal("3600"), s.get("analysable_s"));
        assertEquals(new BigDecimal("5"), s.get("lm")); // 100, 120.25, bilateral 140, 160, 400 (12 s)
        assertEquals(new BigDecimal("4"), s.get("clm"));
        assertEquals(new BigDecimal("4"), s.get("plm"));
        assertEquals(new BigDecimal("4"), s.get("plm_per_h"));
        assertEquals("wasm2016", s.get("standard"));
        assertEquals("1.2.3", s.get("software_version"));
        assertFalse(s.containsKey("plmnr"));
        assertFalse(s.containsKey("plms_per_h"));

        List<Object> series = (List<Object>) j.get("series");
        assertEquals(Map.of("id", new BigDecimal("1"), "start_s", new BigDecimal("100"), "end_s", new BigDecimal("161"),
                "count", new BigDecimal("4")), series.get(0));

        List<Map<String, Object>> mv = (List<Map<String, Object>>) j.get("movements");
        assertEquals(7, mv.size());
        Map<String, Object> first = mv.get(0);
        assertEquals(List.of("onset_s", "offset_s", "leg", "source", "candidate", "periodic", "series", "imi_s", "peak_g",
                "rms_g", "peak_mmhg", "rms_mmhg", "merged"), new ArrayList<>(first.keySet()));
        assertEquals("accelerometer", first.get("source"));
        assertNull(first.get("peak_mmhg"), "an accelerometer's amplitude is in g only");
        assertEquals(new BigDecimal("0.042123"), first.get("peak_g"));
        assertNull(first.get("imi_s"));
        assertEquals(new BigDecimal("20.25"), mv.get(1).get("imi_s"));
        assertNull(mv.get(1).get("rms_g"), "NaN is written as null");
        assertEquals("bilateral", mv.get(3).get("leg"), "bilateral after its first member, at the same onset");
        assertEquals(Boolean.TRUE, mv.get(2).get("merged"));
        assertEquals(Boolean.FALSE, mv.get(6).get("candidate"));

        Map<String, Object> p = (Map<String, Object>) j.get("provenance");
        assertEquals(List.of("a", "threshold_g"), new ArrayList<>(((Map<String, Object>) p.get("detector_parameters")).keySet()));
        assertEquals("Europe/Berlin", p.get("time_zone"));
        assertTrue(((String) j.get("caveat")).contains("not leg EMG"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void suppliedEventsAddTheirKeys() {
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(110, 118)), List.of(new TimeInterval(160.5, 170)));
        Map<String, Object> j = render(ctx, SensorInfo.IMPORTED_EVENTS, List.of(new TimeInterval(130, 3600)));
        Map<String, Object> s = (Map<String, Object>) j.get("summary");
        // the respiration-related CLM at 120.25 s is taken out and the rest scored again: three CLMs
        // remain, no series (PLMnr as WASM 2016, PLMScoRe, MATPLM, SOMAS; the old reading gave 3)
        assertEquals(new BigDecimal("4"), s.get("plm"));
        assertEquals(new BigDecimal("0"), s.get("plmnr"));
        // sleep from 130 s: only the 140 -> 160 s interval lies in sleep; one interval, no run of three
        assertEquals(new BigDecimal("0"), s.get("periodicity_index_sleep"));
        List<String> keys = new ArrayList<>(s.keySet());
        assertEquals(keys.indexOf("plmw_per_h") + 1, keys.indexOf("periodicity_index_sleep"));
        assertEquals(new BigDecimal("1"), s.get("plm_arousal"));
        assertEquals(new BigDecimal("2"), s.get("plms"));
        assertEquals(new BigDecimal("2"), s.get("plmw"));
        assertEquals(new BigDecimal("2.075"), s.get("plms_per_h")); // 2 * 3600 / 3470 = 2.07493
        List<Map<String, Object>> mv = (List<Map<String, Object>>) j.get("movements");
        assertEquals(Boolean.TRUE, mv.get(1).get("respiratory"));
        assertEquals(Boolean.TRUE, mv.get(5).get("arousal"));
        assertNull(j.get("caveat"), "imported PSG events need no accelerometer caveat");
    }

    @Test
    void numbersAreRoundedAndTrimmed() {
        assertEquals("12", JsonWriter.number(12.0, 3));
        assertEquals("12.346", JsonWriter.number(12.3456, 3));
        assertEquals("0", JsonWriter.number(-0.0001, 3));
        assertEquals("null", JsonWriter.number(Double.NaN, 3));
        assertEquals("null", JsonWriter.number(null, 3));
    }

    @Test
    void csvHasOneRowPerMovement() {
        ScoringResult r = PlmScorer.scoreAll(NIGHT, ScoringStandard.WASM2016, ScoringContext.NONE);
        StringBuilder sb = new StringBuilder();
        CsvReport.writeMovements(sb, r);
        String[] lines = sb.toString().split("\n");
        assertEquals("onset_s,offset_s,leg,candidate,periodic,series,imi_s,peak_g,rms_g,merged", lines[0]);
        assertEquals(8, lines.length);
        assertEquals("100,101.5,left,true,true,1,,0.042123,0.02,false", lines[1]);
        assertEquals("120.25,121,left,true,true,1,20.25,0.05,,false", lines[2]);
    }
}
