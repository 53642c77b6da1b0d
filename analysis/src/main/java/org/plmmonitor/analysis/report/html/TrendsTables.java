package org.plmmonitor.analysis.report.html;

import org.plmmonitor.analysis.compare.Comparison;
import org.plmmonitor.analysis.compare.FactorResult;
import org.plmmonitor.analysis.compare.NightIndex;
import org.plmmonitor.analysis.compare.Side;
import org.plmmonitor.analysis.diary.LabResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.plmmonitor.analysis.report.html.Xml.num;

/**
 * The trends' tables as plain cells (unescaped text), made once from a {@link TrendsView} for both painters:
 * the page's HTML tables ({@link TrendsReport}) and the export's PDF write exactly these cells.
 */
public final class TrendsTables {
    /** Columns of {@link #nights}. */
    public static final List<String> NIGHTS_HEAD = List.of("night", "PLM/h in bed", "analysable h", "in the trend", "diary");
    /** Columns of {@link #labs}. */
    public static final List<String> LABS_HEAD = List.of("date", "ferritin, ng/mL", "TSAT, %");
    /** Columns of {@link #factors}. */
    public static final List<String> FACTORS_HEAD = List.of("factor", "nights without", "nights with", "median without",
            "median with", "difference (with \u2212 without)", "95 % interval");
    /** What the factors table says before its rows. */
    public static final String FACTORS_INTRO = "For each factor, usable nights whose evening recorded it are split into "
            + "nights with and without it. A difference is shown once each side has at least 3 usable nights; the interval "
            + "is a 95 % bootstrap interval (10,000 resamples, seeded, so the page shows the same numbers every time). ";
    /** The factors table's warning, shown in bold after {@link #FACTORS_INTRO}. */
    public static final String NOT_A_CAUSE = "These describe groups of nights; they do not show that a factor changes "
            + "anything";
    /** The end of the factors table's introduction, after {@link #NOT_A_CAUSE}. */
    public static final String NOT_A_CAUSE_WHY = ": other things differ between evenings too.";

    private TrendsTables() {
    }

    /**
     * @param v the view
     * @return one row per recorded night, by date, with the cells of {@link #NIGHTS_HEAD}
     */
    public static List<List<String>> nights(TrendsView v) {
        List<List<String>> rows = new ArrayList<>();
        for (NightIndex n : v.nights()) {
            List<String> m = v.markers().get(n.date());
            rows.add(List.of(n.date().toString(), num(n.indexPerH(), 1), num(n.analysableS() / 3600, 1),
                    n.reasonNotUsable().map(r -> "no: " + r).orElse("yes"), m == null ? "" : String.join(", ", m)));
        }
        return rows;
    }

    /**
     * @param v the view
     * @return one row per blood test, by date, with the cells of {@link #LABS_HEAD}
     */
    public static List<List<String>> labs(TrendsView v) {
        List<List<String>> rows = new ArrayList<>();
        for (LabResult r : v.labs()) {
            rows.add(List.of(r.date().toString(), num(r.ferritinNgMl(), 0), num(r.tsatPct(), 0)));
        }
        return rows;
    }

    /**
     * @param v the view
     * @return one row per factor: the seven cells of {@link #FACTORS_HEAD} when it was compared, or four when it
     *         cannot be told yet (label, the two counts, and one cell for the last four columns saying what is missing)
     */
    public static List<List<String>> factors(TrendsView v) {
        List<List<String>> rows = new ArrayList<>();
        for (FactorResult f : v.factors()) {
            Comparison cmp = f.comparison();
            List<String> row = new ArrayList<>(List.of(f.rule().presentLabel(), Integer.toString(cmp.nightsA()),
                    Integer.toString(cmp.nightsB())));
            if (cmp instanceof Comparison.Compared k) {
                row.addAll(List.of(num(k.medianA(), 1), num(k.medianB(), 1), String.format(Locale.ROOT, "%+.1f", k.difference()),
                        num(k.ciLow(), 1) + " to " + num(k.ciHigh(), 1)));
            } else {
                Comparison.CannotTellYet t = (Comparison.CannotTellYet) cmp;
                row.add("cannot tell yet: " + t.moreForMinimum(Side.A) + " more without, " + t.moreForMinimum(Side.B)
                        + " more with needed");
            }
            rows.add(List.copyOf(row));
        }
        return rows;
    }
}
