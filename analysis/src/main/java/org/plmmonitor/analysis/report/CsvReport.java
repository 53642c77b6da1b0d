package org.plmmonitor.analysis.report;

import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringResult;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one CSV row per movement with the JSON's fields and names: {@code onset_s, offset_s, leg,
 * candidate, periodic, series, imi_s, peak_g, rms_g, merged} and, when supplied, {@code respiratory},
 * {@code arousal}. Unknown values are empty cells.
 */
public final class CsvReport {
    private CsvReport() {
    }

    /**
     * @param out destination (not closed)
     * @param r   the scored night
     */
    public static void writeMovements(Appendable out, ScoringResult r) {
        boolean resp = r.context().hasRespiratory();
        boolean aro = r.context().hasArousals();
        try {
            out.append("onset_s,offset_s,leg,candidate,periodic,series,imi_s,peak_g,rms_g,merged");
            out.append(resp ? ",respiratory" : "").append(aro ? ",arousal" : "").append('\n');
            for (ScoredMovement sm : r.movements()) {
                LegMovement m = sm.movement();
                out.append(num(m.onsetS(), 3)).append(',').append(num(m.offsetS(), 3)).append(',')
                        .append(m.leg().jsonName()).append(',')
                        .append(Boolean.toString(sm.candidate())).append(',')
                        .append(Boolean.toString(sm.periodic())).append(',')
                        .append(sm.seriesId() == null ? "" : sm.seriesId().toString()).append(',')
                        .append(num(sm.imiS(), 3)).append(',')
                        .append(num(m.peak(), 6)).append(',').append(num(m.rms(), 6)).append(',')
                        .append(Boolean.toString(sm.merged()));
                if (resp) {
                    out.append(',').append(Boolean.toString(sm.respiratory()));
                }
                if (aro) {
                    out.append(',').append(Boolean.toString(sm.arousal()));
                }
                out.append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the movement CSV", e);
        }
    }

    private static String num(Double d, int decimals) {
        String s = JsonWriter.number(d, decimals);
        return s.equals("null") ? "" : s;
    }
}
