package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.report.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.plmmonitor.analysis.export.ReportFields.list;
import static org.plmmonitor.analysis.export.ReportFields.map;
import static org.plmmonitor.analysis.export.ReportFields.str;

/**
 * The project's FHIR code system ({@value #RESOURCE} in the jar), the one place its codes and displays
 * are written: the bundle's codings take their displays from it, and the tests load it into HAPI's
 * validator.
 *
 * @param json     the resource, parsed
 * @param url      its canonical URL
 * @param displays display by code, in the resource's order
 */
public record PlmCodes(Map<String, Object> json, String url, Map<String, String> displays) {
    /** Class-path location of the CodeSystem resource. */
    public static final String RESOURCE = "/fhir/CodeSystem-plm.json";

    /** @return the code system shipped in the jar */
    public static PlmCodes load() {
        try (InputStream in = PlmCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path (a broken build)");
            }
            Map<String, Object> cs = map(JsonReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), RESOURCE);
            Map<String, String> d = new LinkedHashMap<>();
            for (Object o : list(cs.get("concept"), RESOURCE + " concept")) {
                Map<String, Object> c = map(o, RESOURCE + " concept[]");
                d.put(str(c, "code", "concept"), str(c, "display", "concept"));
            }
            return new PlmCodes(cs, str(cs, "url", RESOURCE), Map.copyOf(d));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
    }

    /**
     * @param code a code of the system
     * @return its display
     * @throws IllegalArgumentException for a code the system does not have (a programming error)
     */
    public String display(String code) {
        String d = displays.get(code);
        if (d == null) {
            throw new IllegalArgumentException("code '" + code + "' is not in " + url);
        }
        return d;
    }
}
