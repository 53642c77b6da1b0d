package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.diary.LabResult;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static org.plmmonitor.monitor.web.Pages.esc;

/** The ferritin log ({@code /ferritin}): the blood test results so far and a form for a new one. */
final class LabPage {
    static final String PATH = "/ferritin";

    private final WebSite site;
    private final Pages pages;

    LabPage(WebSite site, Pages pages) {
        this.site = Objects.requireNonNull(site, "site");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    List<Route> routes() {
        return List.of(Route.get(PATH, r -> page(r, 200, List.of())), Route.post(PATH, this::save));
    }

    private WebResponse save(WebRequest r) {
        List<String> errors = new ArrayList<>();
        LocalDate date = null;
        try {
            date = LocalDate.parse(r.form().getOrDefault("date", ""));
        } catch (DateTimeParseException e) {
            errors.add("date: expected yyyy-MM-dd");
        }
        Double ferritin = number(r.form().get("ferritin_ng_ml"), "ferritin_ng_ml", errors);
        Double tsat = number(r.form().get("tsat_pct"), "tsat_pct", errors);
        if (errors.isEmpty()) {
            try {
                site.diary().saveLab(new LabResult(date, ferritin, tsat));
                return WebResponse.redirect(PATH);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return page(r, 400, errors);
    }

    private static Double number(String text, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            errors.add(field + ": '" + text + "' is not a number");
            return null;
        }
    }

    private WebResponse page(WebRequest r, int status, List<String> errors) {
        StringBuilder b = new StringBuilder("<section class=\"page\" aria-labelledby=\"h-lab\"><h1 id=\"h-lab\">Ferritin and TSAT</h1>");
        b.append("<p>Iron stores: a ferritin under ").append(fmt(LabResult.FERRITIN_IRON_ADVISED))
                .append(" ng/mL is where iron is usually advised in RLS, and ").append(fmt(LabResult.FERRITIN_TARGET))
                .append(" ng/mL a common target; iron takes 6\u20138 weeks to show and about 3 months for its full effect. "
                        + "The results appear on the trends.</p>");
        if (!errors.isEmpty()) {
            b.append("<div class=\"error\" role=\"alert\"><p>Not saved:</p><ul>");
            errors.forEach(e -> b.append("<li>").append(esc(e)).append("</li>"));
            b.append("</ul></div>");
        }
        List<LabResult> all = site.diary().labResults();
        if (all.isEmpty()) {
            b.append("<p>No result yet.</p>");
        } else {
            b.append("<table class=\"small labs\"><caption>Blood tests</caption><thead><tr><th scope=\"col\">date</th>")
                    .append("<th scope=\"col\">ferritin, ng/mL</th><th scope=\"col\">TSAT, %</th></tr></thead><tbody>");
            for (LabResult l : all) {
                b.append("<tr><th scope=\"row\">").append(l.date()).append("</th><td>").append(fmt(l.ferritinNgMl()))
                        .append("</td><td>").append(fmt(l.tsatPct())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<h2>Add a result</h2><form class=\"stack\" method=\"post\" action=\"").append(PATH).append("\">")
                .append(Pages.csrfField(r.csrf()))
                .append("<label for=\"date\">Blood taken on</label><input type=\"date\" id=\"date\" name=\"date\" required=\"required\"/>")
                .append("<label for=\"ferritin_ng_ml\">Ferritin, ng/mL</label><input type=\"number\" step=\"any\" min=\"0\" ")
                .append("id=\"ferritin_ng_ml\" name=\"ferritin_ng_ml\"/>")
                .append("<label for=\"tsat_pct\">Transferrin saturation (TSAT), %</label><input type=\"number\" step=\"any\" ")
                .append("min=\"0\" max=\"100\" id=\"tsat_pct\" name=\"tsat_pct\"/>")
                .append("<button class=\"primary\" type=\"submit\">Save the result</button></form></section>");
        return WebResponse.html(status, pages.page("Ferritin", PATH, r.csrf(), b.toString()));
    }

    private static String fmt(Double v) {
        return v == null ? "\u2013" : v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
    }
}
