package org.plmmonitor.monitor.export;

import org.plmmonitor.monitor.cli.PlmRun;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.export.FhirExport;
import org.plmmonitor.analysis.export.PlmCodes;
import org.plmmonitor.analysis.report.JsonReport;
import org.plmmonitor.monitor.daemon.ClosedNight;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plmmonitor.monitor.export.ExportFixture.FIRST;
import static org.plmmonitor.monitor.export.ExportFixture.SECOND;
import static org.plmmonitor.monitor.export.ExportFixture.plm;

/**
 * {@code plm export --format fhir} on two nights the real daemon stored, parsed by HAPI FHIR's R4 parser
 * and validated by its instance validator with the project's CodeSystem loaded: zero errors; and what it
 * says equals the nights' reports and the files beside it.
 */
class FhirValidationTest {
    private static final FhirContext CTX = FhirContext.forR4();

    @TempDir
    static Path dir;
    static List<ClosedNight> closed;
    static Path out;
    static String json;

    @BeforeAll
    static void export() throws Exception {
        Path data = dir.resolve("data");
        closed = ExportFixture.twoNights(data);
        out = dir.resolve("fhir");
        PlmRun r = plm("export", "--dir", data.toString(), "--patient", "p-0042", "--from", FIRST, "--to", SECOND,
                "--format", "fhir", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        json = Files.readString(out.resolve("fhir-bundle.json"));
    }

    private static FhirValidator validator() throws Exception {
        IParser parser = CTX.newJsonParser();
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CTX);
        try (InputStream in = PlmCodes.class.getResourceAsStream(PlmCodes.RESOURCE)) {
            ours.addCodeSystem(parser.parseResource(CodeSystem.class, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CTX),
                new CommonCodeSystemsTerminologyService(CTX), new InMemoryTerminologyServerValidationSupport(CTX),
                new SnapshotGeneratingValidationSupport(CTX), ours);
        FhirValidator v = CTX.newValidator();
        v.registerValidatorModule(new FhirInstanceValidator(chain));
        return v;
    }

    @Test
    void hapiValidatesTheBundleWithoutAnError() throws Exception {
        ValidationResult result = validator().validateWithResult(json);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        assertEquals(List.of(), errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage()).toList());
        List<String> warnings = result.getMessages().stream().filter(m -> m.getSeverity() == ResultSeverityEnum.WARNING)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
        assertEquals(List.of(), warnings, "no warning either");
    }

    @Test
    void theValidatorRefusesACodeTheProjectsCodeSystemDoesNotHave() throws Exception {
        // The zero above means something only if the validator does read our CodeSystem.
        String coding = "\"system\":\"http://plm-monitor.example/fhir/CodeSystem/plm\",\"code\":\"plm-per-h-in-bed\"";
        assertTrue(json.contains(coding), "the observation's coding");
        String bad = json.replaceFirst(java.util.regex.Pattern.quote(coding), coding.replace("in-bed", "in-bad"));
        ValidationResult result = validator().validateWithResult(bad);
        assertTrue(result.getMessages().stream().anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR
                && m.getMessage().contains("plm-per-h-in-bad")), "an unknown code of our system is an error: "
                + result.getMessages().stream().filter(m -> m.getSeverity() != ResultSeverityEnum.INFORMATION)
                .map(m -> m.getSeverity() + " " + m.getLocationString() + " " + m.getMessage()).collect(Collectors.joining("\n")));
    }

    private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void theBundleSaysWhatTheReportsAndTheFilesSay() throws Exception {
        Bundle b = CTX.newJsonParser().parseResource(Bundle.class, json);
        assertEquals(Bundle.BundleType.COLLECTION, b.getType());
        Patient p = all(b, Patient.class).get(0);
        assertEquals("p-0042", p.getIdentifierFirstRep().getValue());
        assertEquals(FhirExport.PATIENT_ID_SYSTEM, p.getIdentifierFirstRep().getSystem());
        assertTrue(p.getName().isEmpty() && p.getBirthDate() == null, "pseudonymous: no name, no birth date");
        List<Device> devices = all(b, Device.class);
        java.util.Set<String> sensors = new java.util.LinkedHashSet<>();
        for (ClosedNight n : closed) {
            new ObjectMapper().readTree(n.report().toFile()).get("provenance").get("sensors").forEach(x -> sensors.add(x.toString()));
        }
        assertEquals(4, sensors.size(), "each night's simulator names its seed: " + sensors);
        assertEquals(1 + sensors.size(), devices.size(), "the monitor and each sensor once");
        Device monitor = devices.get(0);
        ObjectMapper m = new ObjectMapper();
        JsonNode prov = m.readTree(closed.get(0).report().toFile()).get("provenance");
        assertTrue(monitor.getVersion().stream().anyMatch(v -> v.getValue().equals(prov.get("detector_version").asText())));
        for (Device s : devices.subList(1, devices.size())) {
            String monitorUrl = b.getEntry().stream().filter(e -> e.getResource() == monitor).findFirst().orElseThrow().getFullUrl();
            assertEquals(monitorUrl, s.getParent().getReference(), "a sensor's parent is the monitor");
            assertEquals(25.0, s.getPropertyFirstRep().getValueQuantityFirstRep().getValue().doubleValue(), 1e-9);
            assertEquals("Hz", s.getPropertyFirstRep().getValueQuantityFirstRep().getCode());
        }
        List<Observation> obs = all(b, Observation.class);
        assertEquals(2, obs.size());
        for (int i = 0; i < 2; i++) {
            JsonNode s = m.readTree(closed.get(i).report().toFile()).get("summary");
            Observation o = obs.get(i);
            assertEquals("http://plm-monitor.example/fhir/CodeSystem/plm", o.getCode().getCodingFirstRep().getSystem());
            Quantity q = o.getValueQuantity();
            assertEquals("/h", q.getCode());
            assertEquals("http://unitsofmeasure.org", q.getSystem());
            assertEquals(s.get("plm_per_h").asDouble(), q.getValue().doubleValue(), 5e-4);
            assertEquals(s.get("plm").asInt(), component(o, "plm").getValueIntegerType().getValue());
            assertEquals(s.get("lm").asInt(), component(o, "lm").getValueIntegerType().getValue());
            assertEquals(s.get("periodicity_index").asDouble(), component(o, "periodicity-index").getValueQuantity()
                    .getValue().doubleValue(), 5e-5);
            assertEquals(s.get("analysable_s").asDouble() / 3600, component(o, "analysable-time").getValueQuantity()
                    .getValue().doubleValue(), 5e-4);
            assertTrue(o.getNoteFirstRep().getText().contains(JsonReport.ACCELEROMETER_CAVEAT));
            assertTrue(o.getMethod().getText().contains("wasm2016"));
            assertTrue(o.getEffectivePeriod().getStart().toInstant().isBefore(o.getEffectivePeriod().getEnd().toInstant()));
        }
        List<DocumentReference> docs = all(b, DocumentReference.class);
        assertEquals(List.of("movements.csv", "nights.csv", FIRST + "-left.edf", FIRST + "-right.edf", FIRST + "-movements.edf",
                        SECOND + "-left.edf", SECOND + "-right.edf", SECOND + "-movements.edf"),
                docs.stream().map(d -> d.getContentFirstRep().getAttachment().getUrl()).toList());
        for (DocumentReference d : docs) {
            Attachment a = d.getContentFirstRep().getAttachment();
            Path f = out.resolve(a.getUrl());
            assertEquals(Files.size(f), a.getSize());
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(f)), a.getHash(),
                    "hash of " + a.getUrl() + " = " + Base64.getEncoder().encodeToString(a.getHash()));
        }
        Provenance pr = all(b, Provenance.class).get(0);
        assertEquals(obs.size() + docs.size(), pr.getTarget().size());
        assertTrue(pr.getRecorded().toInstant().isBefore(Instant.now().plusSeconds(1)));
    }

    private static Observation.ObservationComponentComponent component(Observation o, String code) {
        return o.getComponent().stream().filter(c -> c.getCode().getCodingFirstRep().getCode().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + code));
    }
}
