package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.diary.DiaryColumn;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.report.JsonWriter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code diary} and {@code lab_results} sections of {@code export.json} (docs/export.md). An evening's
 * fields are written as the diary CSV's cells ({@link DiaryColumn#format}), the one codec the diary has, so
 * the export says exactly what {@code plm diary export} says.
 */
public final class DiarySections {
    /**
     * One stored revision of an evening, as the store keeps it.
     *
     * @param entry         what it says
     * @param revision      0 for the original, 1, 2, ... for amendments
     * @param recorded      when it was saved (UTC)
     * @param afterAnalysis true when the night's analysis had already been written then
     */
    public record Evening(DiaryEntry entry, int revision, Instant recorded, boolean afterAnalysis) {
        public Evening {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(recorded, "recorded");
            if (revision < 0) {
                throw new IllegalArgumentException("diary revision " + revision + " of " + entry.date() + " is negative");
            }
        }
    }

    private DiarySections() {
    }

    /**
     * @param evenings the revisions, in the order to write
     * @return the {@code diary} section
     */
    public static JsonExport.Section diary(List<Evening> evenings) {
        List<Evening> copy = List.copyOf(evenings);
        return new JsonExport.Section() {
            @Override
            public String key() {
                return "diary";
            }

            @Override
            public void write(JsonWriter w) {
                w.beginArray(true);
                for (Evening e : copy) {
                    w.beginObject(false).name("date").value(e.entry().date().toString()).name("revision").value(e.revision())
                            .name("amendment").value(e.revision() > 0).name("recorded_utc").value(e.recorded().toString())
                            .name("after_analysis").value(e.afterAnalysis());
                    for (DiaryColumn c : DiaryColumn.fields()) {
                        w.name(c.columnName()).value(c.format(e.entry()));
                    }
                    w.endObject();
                }
                w.endArray();
            }
        };
    }

    /**
     * @param results the blood tests, in the order to write
     * @return the {@code lab_results} section
     */
    public static JsonExport.Section lab(List<LabResult> results) {
        List<LabResult> copy = List.copyOf(results);
        return new JsonExport.Section() {
            @Override
            public String key() {
                return "lab_results";
            }

            @Override
            public void write(JsonWriter w) {
                w.beginArray(true);
                for (LabResult r : copy) {
                    w.beginObject(false).name("date").value(r.date().toString()).name("ferritin_ng_ml").value(r.ferritinNgMl(), 3)
                            .name("tsat_pct").value(r.tsatPct(), 3).endObject();
                }
                w.endArray();
            }
        };
    }
}
