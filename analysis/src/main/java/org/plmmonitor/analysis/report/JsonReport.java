package org.plmmonitor.analysis.report;

import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.metrics.Histogram;
import org.plmmonitor.analysis.metrics.LegCounts;
import org.plmmonitor.analysis.metrics.NightMetrics;
import org.plmmonitor.analysis.metrics.Scope;
import org.plmmonitor.analysis.score.PlmSeries;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringResult;

import java.util.List;
import java.util.Map;

/**
 * Writes the night report JSON of docs/contracts.md. Key order is fixed: {@code summary},
 * {@code provenance}, {@code caveat}, {@code series}, the daemon's {@code cuff_sessions} when given,
 * {@code movements}. Seconds carry up to 3 decimals, amplitudes up to 6, rates and the periodicity
 * index up to 3 and 4. Unknown values are null. The keys beyond the contract's are listed in docs/scoring.md.
 */
public final class JsonReport {
    /** The caveat every accelerometric report carries (docs/domain.md section 3). */
    public static final String ACCELEROMETER_CAVEAT = "Counted from ankle acceleration, not leg EMG: about 4 in 10 "
            + "EMG-scored leg movements produce no measurable ankle acceleration (Terrill 2013), so this index is "
            + "on a lower scale than a sleep laboratory's EMG-scored PLMS index, is per hour in bed unless sleep "
            + "times were supplied, and must not be compared with the 15/h PSG threshold. Not a diagnosis.";
    /** The caveat of reports from cuff pressure. */
    public static final String CUFF_CAVEAT = "Counted from compression-cuff pressure, not leg EMG: the index is "
            + "not an EMG-scored PLMS index and must not be compared with the 15/h PSG threshold. Not a diagnosis.";

    private JsonReport() {
    }

    /**
     * @param out destination (not closed)
     * @param r   the scored night
     * @param m   its metrics ({@link NightMetrics#compute})
     * @param p   provenance
     */
    public static void write(Appendable out, ScoringResult r, NightMetrics m, Provenance p) {
        write(out, r, m, p, Map.of(), null);
    }

    /**
     * @param out                 destination (not closed)
     * @param r                   the scored night
     * @param m                   its metrics ({@link NightMetrics#compute})
     * @param p                   provenance
     * @param analysableBySourceS per modality given, seconds it could see movements; empty for imported
     *                            events (then {@code analysable_by_source} is left out)
     * @param cuffSessions        the night's cuff therapy sessions in start order (written after {@code series});
     *                            null writes no {@code cuff_sessions} key (no cuff configured, or not the daemon)
     */
    public static void write(Appendable out, ScoringResult r, NightMetrics m, Provenance p,
                             Map<MovementSource, Double> analysableBySourceS, List<CuffSessionEntry> cuffSessions) {
        JsonWriter w = new JsonWriter(out);
        boolean resp = r.context().hasRespiratory();
        boolean aro = r.context().hasArousals();
        w.beginObject(true);
        w.name("summary");
        summary(w, m, p, analysableBySourceS);
        w.name("provenance");
        provenance(w, p);
        w.name("caveat").value(caveat(p));
        w.name("series").beginArray(true);
        for (PlmSeries s : r.series()) {
            w.beginObject(false).name("id").value(s.id()).name("start_s").value(s.startS(), 3)
                    .name("end_s").value(s.endS(), 3).name("count").value(s.count()).endObject();
        }
        w.endArray();
        if (cuffSessions != null) {
            cuffSessions(w, cuffSessions);
        }
        w.name("movements").beginArray(true);
        for (ScoredMovement sm : r.movements()) {
            LegMovement lm = sm.movement();
            // Amplitudes are in g when an accelerometer saw the movement, in mmHg when only the cuff did.
            boolean inG = lm.source().amplitudeInG();
            boolean inMmHg = lm.source() == MovementSource.CUFF_PRESSURE;
            w.beginObject(false)
                    .name("onset_s").value(lm.onsetS(), 3)
                    .name("offset_s").value(lm.offsetS(), 3)
                    .name("leg").value(lm.leg().jsonName())
                    .name("source").value(lm.source().jsonName())
                    .name("candidate").value(sm.candidate())
                    .name("periodic").value(sm.periodic())
                    .name("series").value(sm.seriesId())
                    .name("imi_s").value(sm.imiS(), 3)
                    .name("peak_g").value(inG ? lm.peak() : Double.NaN, 6)
                    .name("rms_g").value(inG ? lm.rms() : Double.NaN, 6)
                    .name("peak_mmhg").value(inMmHg ? lm.peak() : Double.NaN, 6)
                    .name("rms_mmhg").value(inMmHg ? lm.rms() : Double.NaN, 6)
                    .name("merged").value(sm.merged());
            if (resp) {
                w.name("respiratory").value(sm.respiratory());
            }
            if (aro) {
                w.name("arousal").value(sm.arousal());
            }
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.raw("\n");
    }

    private static void cuffSessions(JsonWriter w, List<CuffSessionEntry> sessions) {
        w.name("cuff_sessions").beginArray(true);
        for (CuffSessionEntry c : sessions) {
            w.beginObject(false).name("start_s").value(c.startS(), 3).name("end_s").value(c.endS(), 3)
                    .name("trigger").value(c.trigger()).name("cycles").value(c.cycles())
                    .name("max_pressure_mmhg").value(c.maxPressureMmHg(), 1).name("outcome").value(c.outcome()).endObject();
        }
        w.endArray();
    }

    /** @return the caveat for the report's sensors, null when every input is imported events */
    public static String caveat(Provenance p) {
        boolean acc = p.sensors().stream().anyMatch(s -> s.kind().equals(SensorInfo.ACCELEROMETER));
        boolean cuff = p.sensors().stream().anyMatch(s -> s.kind().equals(SensorInfo.CUFF_PRESSURE));
        return acc ? ACCELEROMETER_CAVEAT : cuff ? CUFF_CAVEAT : null;
    }

    private static void summary(JsonWriter w, NightMetrics m, Provenance p, Map<MovementSource, Double> bySource) {
        Scope a = m.analysable();
        w.beginObject(true)
                .name("recorded_s").value(m.recorded().durationS(), 3)
                .name("analysable_s").value(a.durationS(), 3);
        if (!bySource.isEmpty()) {
            w.name("analysable_by_source").beginObject(false);
            bySource.forEach((src, sec) -> w.name(src.jsonName()).value(sec, 3));
            w.endObject();
        }
        w.name("lm").value(a.lm())
                .name("clm").value(a.clm())
                .name("plm").value(a.plm())
                .name("plm_per_h").value(a.plmPerH(), 3)
                .name("periodicity_index").value(m.periodicityIndex(), 4)
                .name("standard").value(m.standard().cliName())
                .name("software_version").value(p.softwareVersion());
        if (m.sleep() != null) {
            w.name("sleep_s").value(m.sleep().durationS(), 3)
                    .name("wake_s").value(m.wake().durationS(), 3)
                    .name("plms").value(m.sleep().plm())
                    .name("plmw").value(m.wake().plm())
                    .name("plms_per_h").value(m.sleep().plmPerH(), 3)
                    .name("plmw_per_h").value(m.wake().plmPerH(), 3)
                    .name("periodicity_index_sleep").value(m.periodicityIndexSleep(), 4);
        }
        if (m.respiratorySupplied()) {
            w.name("plmnr").value(a.plmnr()).name("plmnr_per_h").value(a.plmnrPerH(), 3);
            if (m.sleep() != null) {
                w.name("plmsnr_per_h").value(m.sleep().plmnrPerH(), 3);
            }
        }
        if (m.arousalsSupplied()) {
            w.name("plm_arousal").value(a.plmArousal()).name("plm_arousal_per_h").value(a.plmArousalPerH(), 3);
        }
        w.name("lm_per_h").value(a.lmPerH(), 3)
                .name("clm_per_h").value(a.clmPerH(), 3);
        Scope rec = m.recorded();
        w.name("recorded").beginObject(false)
                .name("lm").value(rec.lm()).name("clm").value(rec.clm()).name("plm").value(rec.plm())
                .name("lm_per_h").value(rec.lmPerH(), 3).name("clm_per_h").value(rec.clmPerH(), 3)
                .name("plm_per_h").value(rec.plmPerH(), 3).endObject();
        w.name("lm_duration_s").beginObject(false)
                .name("n").value(m.lmDuration().n())
                .name("mean").value(m.lmDuration().meanS(), 3)
                .name("sd").value(m.lmDuration().sdS(), 3)
                .name("min").value(m.lmDuration().minS(), 3)
                .name("max").value(m.lmDuration().maxS(), 3).endObject();
        w.name("imi").beginObject(true)
                .name("total").value(m.imi().total())
                .name("below_10_s").value(m.imi().below10())
                .name("from_10_to_90_s").value(m.imi().from10To90())
                .name("above_90_s").value(m.imi().above90());
        w.name("histogram_2s");
        histogram(w, m.imi().linear());
        w.name("histogram_ln");
        histogram(w, m.imi().logarithmic());
        w.endObject();
        w.name("hour_origin_s").value(m.hourOriginS(), 3);
        w.name("plm_per_hour_of_night").beginArray(false);
        for (Integer c : m.plmPerHour()) {
            w.value(c);
        }
        w.endArray();
        w.name("legs").beginObject(false);
        for (LegCounts l : m.legs()) {
            w.name(l.leg().jsonName()).beginObject(false).name("lm").value(l.lm()).name("clm").value(l.clm())
                    .name("plm").value(l.plm()).endObject();
        }
        w.endObject();
        w.endObject();
    }

    private static void histogram(JsonWriter w, Histogram h) {
        w.beginObject(false).name("low").value(h.low(), 3).name("width").value(h.width(), 3)
                .name("below").value(h.below()).name("above").value(h.above()).name("counts").beginArray(false);
        for (Integer c : h.counts()) {
            w.value(c);
        }
        w.endArray().endObject();
    }

    private static void provenance(JsonWriter w, Provenance p) {
        w.beginObject(true)
                .name("software_version").value(p.softwareVersion())
                .name("detector_version").value(p.detectorVersion());
        w.name("detector_parameters").beginObject(false);
        p.detectorParameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> w.name(e.getKey()).value(e.getValue()));
        w.endObject();
        w.name("standard").value(p.standard().cliName());
        w.name("sensors").beginArray(false);
        for (SensorInfo s : p.sensors()) {
            w.beginObject(false).name("name").value(s.name()).name("leg").value(s.leg())
                    .name("kind").value(s.kind()).name("rate_hz").value(s.rateHz(), 3).endObject();
        }
        w.endArray();
        w.name("time_zone").value(p.timeZone())
                .name("wear_s").value(p.wearS(), 3);
        w.name("inputs").beginArray(false);
        for (String i : p.inputs()) {
            w.value(i);
        }
        w.endArray();
        w.endObject();
    }
}
