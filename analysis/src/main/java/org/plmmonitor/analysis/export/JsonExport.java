package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.report.JsonWriter;
import org.plmmonitor.analysis.report.SoftwareVersion;

import java.time.Instant;
import java.util.List;

/**
 * {@code export.json} of docs/export.md: {@code export} (what, for whom, when), {@code nights[]} with each
 * night's JSON report as the daemon stored it (keys of {@code plm analyze}), then any further
 * {@link Section}s (the diary and ferritin records, once the diary store exists).
 */
public final class JsonExport {
    /** The rates' basis, stated in the file. */
    public static final String RATES = "per hour in bed (analysable time), not per hour of sleep";

    /** A further top-level array of the file, e.g. {@code diary}. */
    public interface Section {
        /** @return its key, written after {@code nights} */
        String key();

        /**
         * Writes the section's value (an array or object) at the writer's position.
         *
         * @param w the file's writer
         */
        void write(JsonWriter w);
    }

    private JsonExport() {
    }

    /**
     * @param out      destination (not closed)
     * @param period   the nights
     * @param sections further top-level sections, in order (may be empty)
     */
    public static void write(Appendable out, ExportPeriod period, List<Section> sections) {
        JsonWriter w = new JsonWriter(out);
        w.beginObject(true);
        w.name("export").beginObject(true)
                .name("software_version").value(SoftwareVersion.get())
                .name("patient").value(period.patientId())
                .name("from").value(period.from().toString())
                .name("to").value(period.to().toString())
                .name("generated_utc").value(period.generated().toString())
                .name("nights").value(period.nights().size())
                .name("rates").value(RATES)
                .endObject();
        w.name("nights").beginArray(true);
        for (ExportNight n : period.nights()) {
            w.beginObject(true)
                    .name("night").value(n.nightId())
                    .name("start_utc").value(Instant.ofEpochMilli(n.frame().startUtcMs()).toString())
                    .name("end_utc").value(Instant.ofEpochMilli(n.frame().endUtcMs()).toString())
                    .name("time_zone").value(n.frame().zone().getId())
                    .name("detector_version").value(n.detectorVersion());
            w.name("other_detector_versions").beginArray(false);
            n.frame().otherDetectors().forEach(w::value);
            w.endArray();
            w.name("report");
            JsonValues.write(w, n.report());
            w.endObject();
        }
        w.endArray();
        for (Section s : sections) {
            w.name(s.key());
            s.write(w);
        }
        w.endObject();
        w.raw("\n");
    }
}
