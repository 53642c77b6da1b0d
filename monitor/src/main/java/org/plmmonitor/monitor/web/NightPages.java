package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.store.NightRecord;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * The nights calendar ({@code /nights}), a night's morning report ({@code /night/DATE}) and the same
 * report as the self-contained file {@code plm report} writes ({@code /night/DATE/report.html}). The
 * report page and the file are rendered by {@link MorningReport}, the one renderer.
 */
final class NightPages {
    /** A night id in a path. */
    static final String NIGHT = "(\\d{4}-\\d{2}-\\d{2})";

    private final NightArchive archive;
    private final Pages pages;

    /**
     * @param archive the store the nights come from
     * @param pages   the shared frame
     */
    NightPages(NightArchive archive, Pages pages) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    /** @return the routes of these pages */
    List<Route> routes() {
        return List.of(
                Route.get("/", r -> WebResponse.redirect("/nights")),
                Route.get("/nights", this::calendar),
                Route.get("/night/" + NIGHT, this::report),
                Route.get("/night/" + NIGHT + "/report\\.html", this::reportFile));
    }

    private WebResponse calendar(WebRequest r) {
        // One entry per night: the store lists a night's analyses oldest first; the last one carries its hours.
        TreeMap<LocalDate, NightRecord> nights = new TreeMap<>();
        for (NightRecord n : archive.nights()) {
            nights.merge(LocalDate.parse(n.nightId()), n, (a, b) -> b);
        }
        StringBuilder b = new StringBuilder("<section class=\"page\" aria-labelledby=\"h-cal\"><h1 id=\"h-cal\">Nights</h1>");
        if (nights.isEmpty()) {
            b.append("<p class=\"note\">No night recorded yet. The monitor writes a night here when it closes in the morning.</p>");
        } else {
            b.append("<p>").append(nights.size()).append(nights.size() == 1 ? " night" : " nights")
                    .append(" recorded. Each is named by the date of its evening; a green day opens its morning report, ")
                    .append("with the hours the sensor was worn in bed and could be analysed.</p>");
            TreeMap<YearMonth, List<NightRecord>> months = new TreeMap<>(java.util.Comparator.reverseOrder());
            nights.forEach((d, n) -> months.computeIfAbsent(YearMonth.from(d), k -> new ArrayList<>()).add(n));
            months.forEach((m, list) -> month(b, m, list));
        }
        return WebResponse.html(200, pages.page("Nights", "/nights", r.csrf(), b.append("</section>").toString()));
    }

    private static void month(StringBuilder b, YearMonth m, List<NightRecord> list) {
        Map<Integer, NightRecord> byDay = new TreeMap<>();
        list.forEach(n -> byDay.put(LocalDate.parse(n.nightId()).getDayOfMonth(), n));
        String title = m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + m.getYear();
        b.append("<div class=\"month\"><table><caption>").append(esc(title)).append("</caption><thead><tr>");
        for (DayOfWeek d : DayOfWeek.values()) {
            b.append("<th scope=\"col\"><abbr title=\"").append(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append("\">")
                    .append(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append("</abbr></th>");
        }
        b.append("</tr></thead><tbody><tr>");
        int lead = m.atDay(1).getDayOfWeek().getValue() - 1;
        for (int i = 0; i < lead; i++) {
            b.append("<td></td>");
        }
        int cell = lead;
        for (int day = 1; day <= m.lengthOfMonth(); day++, cell++) {
            if (cell > 0 && cell % 7 == 0) {
                b.append("</tr><tr>");
            }
            NightRecord n = byDay.get(day);
            if (n == null) {
                b.append("<td>").append(day).append("</td>");
            } else if (n.endUtcMs() == null) {
                b.append("<td>").append(day).append("<span class=\"h\">recording</span></td>");
            } else {
                b.append("<td><a href=\"/night/").append(n.nightId()).append("\" aria-label=\"Night of ").append(n.nightId())
                        .append(", ").append(hours(n)).append(" hours analysable\">").append(day).append("<span class=\"h\">")
                        .append(hours(n)).append(" h</span></a></td>");
            }
        }
        while (cell % 7 != 0) {
            b.append("<td></td>");
            cell++;
        }
        b.append("</tr></tbody></table></div>");
    }

    private static String hours(NightRecord n) {
        return String.format(Locale.ROOT, "%.1f", n.analysableS() / 3600);
    }

    private WebResponse report(WebRequest r) throws WebPage.NotFoundException {
        NightView v = view(r.match().group(1));
        String body = MorningReport.fragment(v) + "<section class=\"page\"><p><a href=\"/night/" + esc(v.nightId())
                + "/report.html\" download=\"" + esc(v.nightId()) + ".html\">Save this report as one file</a> (opens offline, "
                + "the same as <code>plm report</code> writes).</p></section>";
        return WebResponse.html(200, pages.page("Night of " + v.nightId(), null, r.csrf(), body));
    }

    private WebResponse reportFile(WebRequest r) throws WebPage.NotFoundException {
        NightView v = view(r.match().group(1));
        return WebResponse.download(WebResponse.HTML, v.nightId() + ".html",
                MorningReport.document(v).getBytes(StandardCharsets.UTF_8));
    }

    private NightView view(String nightId) throws WebPage.NotFoundException {
        try {
            return archive.view(nightId);
        } catch (InputException e) {
            throw new WebPage.NotFoundException(e.getMessage(), e);
        }
    }
}
