package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.TrendsReport;
import org.plmmonitor.analysis.report.html.Xml;

import java.util.List;
import java.util.Objects;

/**
 * The frame every page shares: document head, the style sheet link (the report's style sheet plus the
 * frame's, served as {@code /static/plm.css}: no inline style or script, so the content security policy can
 * forbid both), a skip link, the navigation and the logout button. Page bodies come from the same renderer
 * as the static files ({@link MorningReport#fragment}).
 */
public final class Pages {
    /** Where the style sheet is served. */
    public static final String CSS_PATH = "/static/plm.css";

    /**
     * An entry of the navigation bar.
     *
     * @param path  where it leads
     * @param label what it says
     */
    public record NavItem(String path, String label) {
        public NavItem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(label, "label");
        }
    }

    private final List<NavItem> nav;

    /** @param nav the navigation bar's entries, in order */
    public Pages(List<NavItem> nav) {
        this.nav = List.copyOf(nav);
    }

    /** @return the style sheet served at {@link #CSS_PATH} */
    public static String styleSheet() {
        return MorningReport.styleSheet() + TrendsReport.styleSheet() + FRAME_CSS;
    }

    /**
     * @param title   the page title (text)
     * @param current the navigation path of this page (marked {@code aria-current}), or null
     * @param csrf    the session's CSRF token, or null on pages without a session (login)
     * @param body    the page's content, XHTML
     * @return the whole page
     */
    public String page(String title, String current, String csrf, String body) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<title>").append(esc(title)).append(" \u2013 PLM monitor</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(CSS_PATH).append("\"/></head><body>")
                .append("<a class=\"skip\" href=\"#content\">Skip to content</a>");
        if (csrf != null) {
            b.append("<header class=\"top\"><nav aria-label=\"Main\"><ul>");
            for (NavItem n : nav) {
                b.append("<li><a href=\"").append(esc(n.path())).append('"')
                        .append(n.path().equals(current) ? " aria-current=\"page\"" : "").append('>')
                        .append(esc(n.label())).append("</a></li>");
            }
            b.append("<li><form method=\"post\" action=\"/logout\">").append(csrfField(csrf))
                    .append("<button type=\"submit\">Log out</button></form></li></ul></nav></header>");
        }
        b.append("<div id=\"content\">").append(body).append("</div></body></html>\n");
        return b.toString();
    }

    /**
     * @param csrf the session's (or the login form's) token
     * @return the hidden form field every form carries
     */
    public static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\"/>";
    }

    /**
     * @param s text, or null
     * @return the text safe inside an element or a double-quoted attribute
     */
    public static String esc(String s) {
        return Xml.esc(s);
    }

    /** Frame, forms and calendar; the colours keep at least 4.5:1 against their backgrounds. */
    private static final String FRAME_CSS = String.join("",
            ".skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:.4em;z-index:9}",
            ".top{background:#12355b;color:#fff}.top ul{list-style:none;margin:0 auto;padding:.3em 12px;display:flex;flex-wrap:wrap;",
            "gap:.2em 1em;align-items:center;max-width:1100px}.top a{color:#fff;display:inline-block;padding:.45em .2em}",
            ".top a[aria-current]{font-weight:700;text-decoration-thickness:3px}",
            ".top form{margin:0}.top button{background:#fff;color:#12355b;border:0;padding:.45em .8em;font:inherit;cursor:pointer}",
            "a:focus,button:focus,input:focus{outline:3px solid #f0b400;outline-offset:2px}",
            "#content>section,#content>.page{max-width:1100px;margin:0 auto;padding:12px}",
            "form.stack{display:grid;gap:.6em;max-width:22em}form.stack label{font-weight:600}",
            "input[type=text],input[type=password]{font:inherit;padding:.5em;border:1px solid #555;width:100%;box-sizing:border-box}",
            "button.primary,button.danger{font:inherit;padding:.6em 1.2em;border:0;cursor:pointer;color:#fff;background:#1f5fa8}",
            "button.danger{background:#a3231b}.error{background:#fde8e6;border-left:4px solid #a3231b;padding:.5em .8em}",
            ".note{background:#eef4fb;border-left:4px solid #1f5fa8;padding:.5em .8em}",
            ".month{margin:1em 0}.month table{width:100%;max-width:32em;table-layout:fixed}",
            ".month td,.month th{text-align:center;padding:.2em;height:3em;vertical-align:top}",
            ".month td a{display:block;background:#dcefdc;color:#0b3d0b;font-weight:600;text-decoration:none;padding:.2em 0;min-height:2.4em}",
            ".month td a:hover{background:#b9dfb9}.month .h{display:block;font-size:.75rem;font-weight:400}",
            ".actions{display:flex;flex-wrap:wrap;gap:1em;align-items:center}");
}
