package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.TrendsView;
import org.plmmonitor.monitor.report.StoredTrends;
import org.plmmonitor.monitor.store.NightRecord;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * The trends of a period ({@code /trends?from=&to=}, by default the 90 nights up to the latest one) and
 * the factors table on its own ({@code /factors}), rendered by {@link TrendsReport} as {@code plm report
 * --from --to} renders them.
 */
final class TrendPages {
    static final String TRENDS = "/trends";
    static final String FACTORS = "/factors";
    /** Nights in the default period. */
    static final int DEFAULT_NIGHTS = 90;

    private final WebSite site;
    private final Pages pages;

    TrendPages(WebSite site, Pages pages) {
        this.site = Objects.requireNonNull(site, "site");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    List<Route> routes() {
        return List.of(Route.get(TRENDS, this::trends), Route.get(FACTORS, this::factors));
    }

    private WebResponse trends(WebRequest r) {
        return period(r, TRENDS, (v, form) -> form + TrendsReport.fragment(v));
    }

    private WebResponse factors(WebRequest r) {
        return period(r, FACTORS, (v, form) -> "<section class=\"page\" aria-labelledby=\"h-fac\"><h1 id=\"h-fac\">Factors</h1>"
                + "<p>For each diary factor: the nights with it and without it, and the difference in the median PLM per hour "
                + "in bed with its bootstrap confidence interval, once there are at least three usable nights on each side. "
                + "A difference is not a cause.</p>" + form + TrendsReport.factorsTable(v) + "</section>");
    }

    private interface Body {
        String of(TrendsView v, String form);
    }

    private WebResponse period(WebRequest r, String path, Body body) {
        LocalDate to;
        LocalDate from;
        try {
            to = r.query().containsKey("to") ? LocalDate.parse(r.query().get("to")) : latestNight();
            from = r.query().containsKey("from") ? LocalDate.parse(r.query().get("from")) : to.minusDays(DEFAULT_NIGHTS - 1);
        } catch (DateTimeParseException e) {
            return error(r, path, "from and to are dates, yyyy-MM-dd: " + e.getParsedString());
        }
        TrendsView v;
        try {
            v = StoredTrends.load(site.store(), site.diary(), site.dataDir(), from, to);
        } catch (InputException e) {
            return error(r, path, e.getMessage());
        }
        String title = path.equals(TRENDS) ? "Trends" : "Factors";
        return WebResponse.html(200, pages.page(title, path, r.csrf(), body.of(v, form(path, from, to))));
    }

    private LocalDate latestNight() {
        return site.store().nights().stream().map(NightRecord::nightId).map(LocalDate::parse).max(LocalDate::compareTo)
                .orElse(LocalDate.now(site.zone()));
    }

    private static String form(String path, LocalDate from, LocalDate to) {
        return "<section class=\"page\"><form class=\"actions\" method=\"get\" action=\"" + path + "\">"
                + "<label for=\"from\">From</label><input type=\"date\" id=\"from\" name=\"from\" value=\"" + from + "\"/>"
                + "<label for=\"to\">to</label><input type=\"date\" id=\"to\" name=\"to\" value=\"" + to + "\"/>"
                + "<button class=\"primary\" type=\"submit\">Show</button></form></section>";
    }

    private WebResponse error(WebRequest r, String path, String message) {
        return WebResponse.html(400, pages.page("Trends", path, r.csrf(), "<section class=\"page\"><h1>Trends</h1>"
                + "<p class=\"error\" role=\"alert\">" + esc(message) + "</p></section>"));
    }
}
