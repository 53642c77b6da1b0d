package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.diary.DiaryColumn;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.KnownMedicine;
import org.plmmonitor.monitor.store.DiaryRevision;
import org.plmmonitor.monitor.store.DiarySave;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * The evening diary ({@code /diary?date=}): one form field per {@link DiaryColumn}, read and checked by the
 * same cell codec as {@code plm diary import}, saved through {@link org.plmmonitor.monitor.store.DiaryStore}
 * (an evening whose night is analysed keeps the change as a dated amendment beside the original).
 */
final class DiaryPage {
    static final String PATH = "/diary";
    private static final String MED = "med_";
    private static final String NONE = "none";

    private final WebSite site;
    private final Pages pages;

    DiaryPage(WebSite site, Pages pages) {
        this.site = Objects.requireNonNull(site, "site");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    List<Route> routes() {
        return List.of(Route.get(PATH, this::show), Route.post(PATH, this::save));
    }

    private WebResponse show(WebRequest r) {
        LocalDate date;
        try {
            date = r.query().containsKey("date") ? LocalDate.parse(r.query().get("date")) : LocalDate.now(site.zone());
        } catch (DateTimeParseException e) {
            date = LocalDate.now(site.zone());
        }
        Map<String, String> cells = new HashMap<>();
        site.diary().current(date).ifPresent(rev -> {
            for (DiaryColumn c : DiaryColumn.fields()) {
                String v = c.format(rev.entry());
                if (v != null) {
                    cells.put(c.columnName(), v);
                }
            }
        });
        String saved = r.query().get("saved");
        String note = saved == null ? null : switch (saved) {
            case "created", "replaced" -> "Saved.";
            case "amended" -> "Saved as an amendment: this night was already analysed, so the original stays beside it.";
            case "unchanged" -> "Nothing to save: the diary already said this.";
            default -> null;
        };
        return form(r, 200, date, cells, note, List.of());
    }

    private WebResponse save(WebRequest r) {
        LocalDate date;
        try {
            date = LocalDate.parse(r.form().getOrDefault("date", ""));
        } catch (DateTimeParseException e) {
            return form(r, 400, LocalDate.now(site.zone()), cellsOf(r.form()), null, List.of("date: expected yyyy-MM-dd"));
        }
        Map<String, String> cells = cellsOf(r.form());
        DiaryEntry.Builder b = DiaryEntry.builder(date);
        List<String> errors = new ArrayList<>();
        for (DiaryColumn c : DiaryColumn.fields()) {
            try {
                c.parse(cells.get(c.columnName()), b);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        DiaryEntry entry = null;
        if (errors.isEmpty()) {
            try {
                entry = b.build();
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return form(r, 400, date, cells, null, errors);
        }
        DiarySave done = site.diary().save(entry);
        return WebResponse.redirect(PATH + "?date=" + date + "&saved=" + done.name().toLowerCase(Locale.ROOT));
    }

    /** The form's fields as the codec's cells (the medicine boxes joined as the CSV writes them). */
    private static Map<String, String> cellsOf(Map<String, String> form) {
        Map<String, String> cells = new HashMap<>();
        for (DiaryColumn c : DiaryColumn.fields()) {
            String v = form.get(c.columnName());
            if (v != null && !v.isBlank()) {
                cells.put(c.columnName(), v);
            }
        }
        List<String> meds = new ArrayList<>();
        for (KnownMedicine m : KnownMedicine.values()) {
            if (form.containsKey(MED + m.code())) {
                meds.add(m.code());
            }
        }
        if (!meds.isEmpty()) {
            cells.put(DiaryColumn.MEDICINES.columnName(), String.join(";", meds));
        } else if (form.containsKey(MED + NONE)) {
            cells.put(DiaryColumn.MEDICINES.columnName(), NONE);
        }
        return cells;
    }

    private WebResponse form(WebRequest r, int status, LocalDate date, Map<String, String> cells, String note, List<String> errors) {
        StringBuilder b = new StringBuilder("<section class=\"page\" aria-labelledby=\"h-diary\"><h1 id=\"h-diary\">Evening diary</h1>");
        if (note != null) {
            b.append("<p class=\"note\" role=\"status\">").append(esc(note)).append("</p>");
        }
        if (!errors.isEmpty()) {
            b.append("<div class=\"error\" role=\"alert\"><p>Not saved:</p><ul>");
            errors.forEach(e -> b.append("<li>").append(esc(e)).append("</li>"));
            b.append("</ul></div>");
        }
        b.append("<p>Fill it in before the night; leave a field empty when you did not note it. Times are HH:mm.</p>");
        b.append("<form class=\"stack diary\" method=\"post\" action=\"").append(PATH).append("\">").append(Pages.csrfField(r.csrf()));
        b.append("<label for=\"date\">Evening of</label><input type=\"date\" id=\"date\" name=\"date\" required=\"required\" value=\"")
                .append(date).append("\"/>");
        for (DiaryColumn c : DiaryColumn.fields()) {
            field(b, c, cells);
        }
        b.append("<button class=\"primary\" type=\"submit\">Save the evening</button></form>");
        List<DiaryRevision> history = site.diary().history(date);
        if (history.size() > 1) {
            b.append("<h2>Amendments</h2><ul>");
            for (DiaryRevision h : history) {
                b.append("<li>revision ").append(h.revision()).append(", saved ").append(h.recorded())
                        .append(h.amendment() ? " (after the night was analysed)" : " (the original)").append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</section>");
        return WebResponse.html(status, pages.page("Diary", PATH, r.csrf(), b.toString()));
    }

    private static void field(StringBuilder b, DiaryColumn c, Map<String, String> cells) {
        String name = c.columnName();
        String value = Optional.ofNullable(cells.get(name)).orElse("");
        switch (c) {
            case NICOTINE, MASSAGE, COMPRESSION, CONTRAST_SHOWER -> {
                b.append("<label for=\"").append(name).append("\">").append(label(c)).append("</label><select id=\"")
                        .append(name).append("\" name=\"").append(name).append("\">");
                for (String o : new String[] {"", "yes", "no"}) {
                    b.append("<option value=\"").append(o).append('"').append(o.equals(value) ? " selected=\"selected\"" : "")
                            .append('>').append(o.isEmpty() ? "not noted" : o).append("</option>");
                }
                b.append("</select>");
            }
            case MEDICINES -> {
                List<String> taken = List.of(value.split(";"));
                b.append("<fieldset><legend>").append(label(c)).append("</legend>");
                for (KnownMedicine m : KnownMedicine.values()) {
                    checkbox(b, MED + m.code(), m.label(), taken.contains(m.code()));
                }
                checkbox(b, MED + NONE, "none of these", value.equals(NONE));
                b.append("</fieldset>");
            }
            default -> {
                String type = switch (c) {
                    case EXERCISE_TIME, IRON_TIME, BEDTIME, SYMPTOM_ONSET, GET_UP -> "time";
                    case ALCOHOL_UNITS, EXERCISE_MIN, IRON_MG, SYMPTOM_RATING -> "number";
                    default -> "text";
                };
                b.append("<label for=\"").append(name).append("\">").append(label(c)).append("</label><input type=\"")
                        .append(type).append("\" id=\"").append(name).append("\" name=\"").append(name).append("\" value=\"")
                        .append(esc(value)).append('"').append(type.equals("number") ? " step=\"any\" min=\"0\"" : "").append("/>");
            }
        }
    }

    private static void checkbox(StringBuilder b, String name, String label, boolean checked) {
        b.append("<label class=\"check\"><input type=\"checkbox\" name=\"").append(name).append("\" value=\"1\"")
                .append(checked ? " checked=\"checked\"" : "").append("/> ").append(esc(label)).append("</label>");
    }

    private static String label(DiaryColumn c) {
        return esc(switch (c) {
            case CAFFEINE_LAST -> "Last caffeine (HH:mm, or none)";
            case ALCOHOL_UNITS -> "Alcohol, units";
            case NICOTINE -> "Nicotine";
            case MEDICINES -> "Medicines that can make RLS worse, taken today";
            case MEDICINES_OTHER -> "Other medicines (free text)";
            case RLS_MEDICINES -> "RLS medicines (name:dose@HH:mm; several with ;)";
            case EXERCISE_MIN -> "Evening exercise, minutes";
            case EXERCISE_TIME -> "Exercise at";
            case MASSAGE -> "Massage";
            case COMPRESSION -> "Compression";
            case CONTRAST_SHOWER -> "Contrast shower";
            case IRON_MG -> "Iron, mg";
            case IRON_TIME -> "Iron taken at";
            case BEDTIME -> "Bedtime";
            case SYMPTOM_ONSET -> "Symptoms usually start at";
            case GET_UP -> "Get-up time";
            case SYMPTOM_RATING -> "Symptoms today, 0 (none) to 10 (worst)";
            case DATE -> "Evening of";
        });
    }
}
