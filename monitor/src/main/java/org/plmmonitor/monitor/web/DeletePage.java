package org.plmmonitor.monitor.web;

import java.util.List;
import java.util.Objects;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * Delete all my data: {@code GET /delete} explains what goes and asks for the word DELETE; {@code POST
 * /delete} with {@code confirm=DELETE} deletes the store's data and the night files ({@link
 * NightArchive#eraseAll()}). Anything else re-asks. The login stays, so the page can say what happened.
 */
final class DeletePage {
    /** The word the user types to confirm. */
    static final String WORD = "DELETE";
    static final String PATH = "/delete";

    private final NightArchive archive;
    private final Pages pages;

    DeletePage(NightArchive archive, Pages pages) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    List<Route> routes() {
        return List.of(Route.get(PATH, r -> form(r, 200, null)), Route.post(PATH, this::delete));
    }

    private WebResponse form(WebRequest r, int status, String error) {
        StringBuilder b = new StringBuilder("<section class=\"page\" aria-labelledby=\"h-del\"><h1 id=\"h-del\">Delete all my data</h1>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        b.append("<p>This deletes, on this monitor, every recorded night: the movements, the activity of every second, ")
                .append("the raw signal, the device and cuff events, the morning reports and the EDF+ files. ")
                .append("It cannot be undone. Copies already made elsewhere (InfluxDB, exported or saved files) are not touched. ")
                .append("Your login stays.</p>");
        archive.eraseRefusal().ifPresent(why -> b.append("<p class=\"note\">Not now: ").append(esc(why)).append(".</p>"));
        b.append("<form class=\"stack\" method=\"post\" action=\"").append(PATH).append("\">").append(Pages.csrfField(r.csrf()))
                .append("<label for=\"confirm\">Type ").append(WORD).append(" to confirm</label>")
                .append("<input type=\"text\" id=\"confirm\" name=\"confirm\" autocomplete=\"off\" required=\"required\"/>")
                .append("<button class=\"danger\" type=\"submit\">Delete all my data</button></form></section>");
        return WebResponse.html(status, pages.page("Delete all my data", PATH, r.csrf(), b.toString()));
    }

    private WebResponse delete(WebRequest r) {
        if (!WORD.equals(r.form().get("confirm"))) {
            return form(r, 400, "Nothing was deleted: type " + WORD + " (in capitals) in the box to confirm.");
        }
        var refusal = archive.eraseRefusal();
        if (refusal.isPresent()) {
            return form(r, 409, "Nothing was deleted: " + refusal.get() + ".");
        }
        NightArchive.Erased e = archive.eraseAll();
        String body = "<section class=\"page\" aria-labelledby=\"h-del\"><h1 id=\"h-del\">Deleted</h1><p role=\"status\">"
                + "Deleted " + e.nights() + (e.nights() == 1 ? " night" : " nights") + " from the store and " + e.files()
                + (e.files() == 1 ? " file" : " files") + " from its nights folder. Nights recorded from now on "
                + "will appear again.</p><p><a href=\"/nights\">Back to the nights</a></p></section>";
        return WebResponse.html(200, pages.page("Deleted", PATH, r.csrf(), body));
    }
}
