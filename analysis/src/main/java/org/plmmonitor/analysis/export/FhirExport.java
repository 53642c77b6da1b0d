package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.report.JsonWriter;
import org.plmmonitor.analysis.report.Provenance;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.report.SoftwareVersion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The FHIR R4 export of docs/export.md: a {@code collection} Bundle (JSON) holding the project's
 * CodeSystem, a pseudonymous Patient, the monitor and its sensors as Devices, one Observation per night,
 * one DocumentReference per file written beside it, and a Provenance. Written with the project's own
 * {@link JsonWriter}: the Pi carries no FHIR library (the tests validate the result with HAPI FHIR).
 */
public final class FhirExport {
    /** UCUM's system URI. */
    static final String UCUM = "http://unitsofmeasure.org";
    /** System of the Patient's pseudonymous identifier. */
    public static final String PATIENT_ID_SYSTEM = "http://plm-monitor.example/fhir/patient-id";
    private static final String OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    private static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    private final ExportPeriod period;
    private final List<ExportedFile> files;
    private final PlmCodes codes;
    private final JsonWriter w;

    private FhirExport(ExportPeriod period, List<ExportedFile> files, PlmCodes codes, Appendable out) {
        this.period = period;
        this.files = List.copyOf(files);
        this.codes = codes;
        this.w = new JsonWriter(out);
    }

    /**
     * @param out    destination (not closed)
     * @param period the nights
     * @param files  the files written beside the bundle, each referred to by a DocumentReference
     * @param codes  the project's code system ({@link PlmCodes#load()})
     */
    public static void write(Appendable out, ExportPeriod period, List<ExportedFile> files, PlmCodes codes) {
        new FhirExport(period, files, codes, out).bundle();
    }

    /** @return a stable {@code urn:uuid:} for one resource of this patient's export */
    String urn(String kind, String key) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("plm-export/" + period.patientId() + "/" + kind + "/" + key)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void bundle() {
        w.beginObject(true).name("resourceType").value("Bundle")
                .name("identifier").beginObject(false).name("system").value("urn:ietf:rfc:3986")
                .name("value").value(urn("bundle", period.from() + "/" + period.to())).endObject()
                .name("type").value("collection")
                .name("timestamp").value(period.generated().toString());
        w.name("entry").beginArray(true);
        entry(urn("codesystem", codes.url()), () -> JsonValues.write(w, codes.json()));
        entry(patientRef(), this::patient);
        entry(monitorRef(), this::monitor);
        Map<String, SensorInfo> sensors = sensors();
        sensors.forEach((key, s) -> entry(urn("sensor", key), () -> sensor(s)));
        List<String> targets = new ArrayList<>();
        for (ExportNight n : period.nights()) {
            String ref = urn("observation", n.nightId());
            targets.add(ref);
            entry(ref, () -> observation(n.summary()));
        }
        for (ExportedFile f : files) {
            String ref = urn("document", f.name());
            targets.add(ref);
            entry(ref, () -> document(f));
        }
        entry(urn("provenance", period.from() + "/" + period.to()), () -> provenance(targets));
        w.endArray();
        w.endObject();
        w.raw("\n");
    }

    private void entry(String fullUrl, Runnable resource) {
        w.beginObject(true).name("fullUrl").value(fullUrl).name("resource");
        resource.run();
        w.endObject();
    }

    private String patientRef() {
        return urn("patient", period.patientId());
    }

    private String monitorRef() {
        return urn("device", "monitor");
    }

    private void reference(String name, String ref) {
        w.name(name).beginObject(false).name("reference").value(ref).endObject();
    }

    private void coding(String system, String code, String display) {
        w.beginObject(false).name("system").value(system).name("code").value(code).name("display").value(display).endObject();
    }

    private void concept(String name, String code) {
        w.name(name).beginObject(false).name("coding").beginArray(false);
        coding(codes.url(), code, codes.display(code));
        w.endArray().name("text").value(codes.display(code)).endObject();
    }

    private void text(String name, String text) {
        w.name(name).beginObject(false).name("text").value(text).endObject();
    }

    /**
     * The resource's human-readable text (FHIR's narrative), so that a receiving system can show every
     * resource without knowing the project's codes.
     */
    private void narrative(String text) {
        String esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        w.name("text").beginObject(false).name("status").value("generated")
                .name("div").value("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + esc + "</p></div>").endObject();
    }

    private void patient() {
        w.beginObject(true).name("resourceType").value("Patient");
        narrative("Patient known by the pseudonymous id " + period.patientId() + " only.");
        w.name("identifier").beginArray(false).beginObject(false).name("use").value("secondary")
                .name("system").value(PATIENT_ID_SYSTEM).name("value").value(period.patientId()).endObject().endArray();
        w.endObject();
    }

    private void monitor() {
        w.beginObject(true).name("resourceType").value("Device");
        narrative("PLM monitor: nocturnal leg-movement monitor using ankle accelerometry; software " + SoftwareVersion.get()
                + ". Not a diagnostic device.");
        w.name("status").value("active");
        w.name("deviceName").beginArray(false).beginObject(false).name("name").value("plm-monitor")
                .name("type").value("model-name").endObject().endArray();
        text("type", "Nocturnal leg-movement monitor (ankle accelerometry; not a diagnostic device)");
        w.name("version").beginArray(true);
        version("software (this export)", SoftwareVersion.get());
        Set<String> sw = new LinkedHashSet<>();
        Set<String> det = new LinkedHashSet<>();
        for (ExportNight n : period.nights()) {
            Provenance p = n.view().provenance();
            sw.add(p.softwareVersion());
            det.add(p.detectorVersion() == null ? "none (imported events)" : p.detectorVersion());
        }
        sw.forEach(v -> version("software (analysis)", v));
        det.forEach(v -> version("detector", v));
        w.endArray();
        reference("patient", patientRef());
        w.endObject();
    }

    private void version(String type, String value) {
        w.beginObject(false);
        text("type", type);
        w.name("value").value(value).endObject();
    }

    /** @return the sensors of every night, once each, keyed by leg, name, kind and rate */
    private Map<String, SensorInfo> sensors() {
        Map<String, SensorInfo> m = new LinkedHashMap<>();
        for (ExportNight n : period.nights()) {
            for (SensorInfo s : n.view().provenance().sensors()) {
                m.putIfAbsent(s.leg() + "/" + s.name() + "/" + s.kind() + "/" + s.rateHz(), s);
            }
        }
        return m;
    }

    private void sensor(SensorInfo s) {
        w.beginObject(true).name("resourceType").value("Device");
        narrative("Sensor " + CsvExport.sensors(List.of(s)) + " of the PLM monitor.");
        w.name("status").value("active");
        w.name("deviceName").beginArray(false).beginObject(false).name("name").value(s.name())
                .name("type").value("user-friendly-name").endObject().endArray();
        text("type", s.kind() + (s.leg() == null ? "" : " (" + s.leg() + " ankle)"));
        if (s.rateHz() != null) {
            w.name("property").beginArray(false).beginObject(false);
            concept("type", "sampling-rate");
            w.name("valueQuantity").beginArray(false);
            quantity(s.rateHz(), 3, "Hz");
            w.endArray().endObject().endArray();
        }
        reference("patient", patientRef());
        reference("parent", monitorRef());
        w.endObject();
    }

    private void quantity(Double value, int decimals, String ucum) {
        w.beginObject(false).name("value").value(value, decimals).name("unit").value(ucum)
                .name("system").value(UCUM).name("code").value(ucum).endObject();
    }

    private void observation(NightRow r) {
        w.beginObject(true).name("resourceType").value("Observation");
        narrative("Night " + r.nightId() + ": " + (r.plmPerH() == null ? "no analysable time"
                : JsonWriter.number(r.plmPerH(), 1) + " periodic leg movements per hour in bed") + " (" + r.plm() + " PLM, "
                + r.lm() + " LM in " + JsonWriter.number(r.analysableS() / 3600, 2) + " h in bed). "
                + (r.caveat() == null ? "" : r.caveat()));
        w.name("status").value("final");
        w.name("category").beginArray(false).beginObject(false).name("coding").beginArray(false);
        coding(OBS_CATEGORY, "activity", "Activity");
        w.endArray().endObject().endArray();
        concept("code", "plm-per-h-in-bed");
        reference("subject", patientRef());
        w.name("effectivePeriod").beginObject(false).name("start").value(Instant.ofEpochMilli(r.startUtcMs()).toString())
                .name("end").value(Instant.ofEpochMilli(r.endUtcMs()).toString()).endObject();
        w.name("issued").value(period.generated().toString());
        // Measured at home by the patient's own monitor: the patient is the performer, the device is named below.
        w.name("performer").beginArray(false).beginObject(false).name("reference").value(patientRef()).endObject().endArray();
        if (r.plmPerH() != null) {
            w.name("valueQuantity");
            quantity(r.plmPerH(), 3, "/h");
        } else {
            absent("dataAbsentReason");
        }
        w.name("note").beginArray(false).beginObject(false).name("text").value("Night " + r.nightId() + " ("
                + r.zone() + "). " + (r.caveat() == null ? "" : r.caveat() + " ") + "Rates are " + JsonExport.RATES + ".")
                .endObject().endArray();
        Provenance p = r.provenance();
        text("method", "Scored by " + p.standard().cliName() + " rules; detector " + p.detectorVersion() + ", software "
                + p.softwareVersion() + "; sensors " + CsvExport.sensors(p.sensors()));
        reference("device", monitorRef());
        w.name("component").beginArray(true);
        count("lm", r.lm());
        count("clm", r.clm());
        count("plm", r.plm());
        count("plm-series", r.plmSeries());
        component("lm-per-h-in-bed", r.lmPerH(), 3, "/h");
        component("clm-per-h-in-bed", r.clmPerH(), 3, "/h");
        component("periodicity-index", r.periodicityIndex(), 4, "1");
        component("analysable-time", r.analysableS() / 3600, 3, "h");
        component("wear-time", r.wearS() == null ? null : r.wearS() / 3600, 3, "h");
        component("recorded-time", r.recordedS() / 3600, 3, "h");
        component("lm-duration-mean", r.lmDurationMeanS(), 3, "s");
        count("imi-below-10-s", r.imiBelow10());
        count("imi-10-to-90-s", r.imi10To90());
        count("imi-above-90-s", r.imiAbove90());
        w.endArray();
        w.endObject();
    }

    private void absent(String name) {
        w.name(name).beginObject(false).name("coding").beginArray(false);
        coding(ABSENT, "unknown", "Unknown");
        w.endArray().endObject();
    }

    private void count(String code, int n) {
        w.beginObject(false);
        concept("code", code);
        w.name("valueInteger").value(n).endObject();
    }

    private void component(String code, Double value, int decimals, String ucum) {
        w.beginObject(false);
        concept("code", code);
        if (value == null) {
            absent("dataAbsentReason");
        } else {
            w.name("valueQuantity");
            quantity(value, decimals, ucum);
        }
        w.endObject();
    }

    private void document(ExportedFile f) {
        w.beginObject(true).name("resourceType").value("DocumentReference");
        narrative(f.title() + ": file " + f.name() + " (" + f.bytes() + " bytes)" + (f.nightId() == null ? "" : ", night " + f.nightId())
                + ".");
        w.name("status").value("current");
        text("type", f.title());
        reference("subject", patientRef());
        w.name("date").value(period.generated().toString());
        w.name("description").value(f.title() + (f.nightId() == null ? "" : ", night " + f.nightId()));
        w.name("content").beginArray(false).beginObject(false).name("attachment").beginObject(false)
                .name("contentType").value(f.contentType()).name("url").value(f.name()).name("size").value(f.bytes())
                .name("hash").value(Base64.getEncoder().encodeToString(f.sha1())).name("title").value(f.name())
                .endObject().endObject().endArray();
        w.endObject();
    }

    private void provenance(List<String> targets) {
        w.beginObject(true).name("resourceType").value("Provenance");
        narrative("Exported by plm-monitor " + SoftwareVersion.get() + " from the monitor's store, nights " + period.from()
                + " to " + period.to() + ".");
        w.name("target").beginArray(true);
        targets.forEach(t -> w.beginObject(false).name("reference").value(t).endObject());
        w.endArray();
        w.name("recorded").value(period.generated().toString());
        w.name("agent").beginArray(false).beginObject(false).name("type").beginObject(false).name("coding").beginArray(false);
        coding(PARTICIPANT, "assembler", "Assembler");
        w.endArray().endObject();
        reference("who", monitorRef());
        w.endObject().endArray();
        w.endObject();
    }
}
