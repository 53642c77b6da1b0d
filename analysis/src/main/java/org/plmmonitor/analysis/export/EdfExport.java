package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.edf.Annotation;
import org.plmmonitor.analysis.edf.EdfAnnotationWriter;
import org.plmmonitor.analysis.report.Provenance;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A night's movements as an annotation-only EDF+C file (docs/export.md): one TAL per movement labelled
 * {@code LM left}, {@code PLM right}, {@code LM bilateral}..., after one provenance annotation at onset 0.
 * The file starts at the night's start, to the second, in the night's local time (EDF has no zone).
 */
public final class EdfExport {
    /** Seconds per data record: a minute keeps records small and the file as long as the night. */
    static final double RECORD_S = 60;

    private EdfExport() {
    }

    /** @return the file's start, UTC epoch ms: the night's start, down to the second */
    public static long startUtcMs(ExportNight night) {
        return Math.floorDiv(night.frame().startUtcMs(), 1000L) * 1000L;
    }

    /**
     * @param night a night
     * @return the annotations: the provenance first, then one per movement, onsets in seconds from
     *         {@link #startUtcMs}
     */
    public static List<Annotation> annotations(ExportNight night) {
        double shift = (night.frame().startUtcMs() - startUtcMs(night)) / 1000.0;
        List<Annotation> a = new ArrayList<>();
        a.add(new Annotation(0, Double.NaN, provenanceText(night.view().provenance())));
        for (MovementRow m : night.movements()) {
            a.add(new Annotation(round(m.onsetFromStartS() + shift), m.durationS(), m.label()));
        }
        return a;
    }

    /** @return one line naming software, detector, standard, sensors and rates, per hour of what, and the caveat's point */
    static String provenanceText(Provenance p) {
        return "plm-monitor " + p.softwareVersion() + "; detector " + (p.detectorVersion() == null ? "none" : p.detectorVersion())
                + "; standard " + p.standard().cliName() + "; sensors " + CsvExport.sensors(p.sensors())
                + "; rates per hour in bed; ankle accelerometry, not leg EMG; not a diagnosis";
    }

    /**
     * @param out       destination (not closed)
     * @param night     the night
     * @param patientId the pseudonymous id for the header's patient field
     * @throws IOException from the stream
     */
    public static void write(OutputStream out, ExportNight night, String patientId) throws IOException {
        long start = startUtcMs(night);
        double lengthS = (night.frame().endUtcMs() - start) / 1000.0;
        int records = (int) Math.max(1, Math.ceil(lengthS / RECORD_S));
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(start), night.frame().zone());
        String equipment = ("plm-monitor_" + night.view().provenance().softwareVersion()).replace(' ', '_');
        EdfAnnotationWriter.write(out, local, patientId + " X X X", "X X " + equipment, records, RECORD_S,
                annotations(night));
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
