package org.plmmonitor.monitor.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.plmmonitor.monitor.store.WebUsers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;

import static org.plmmonitor.monitor.web.Pages.esc;

/**
 * The one handler of the web server: it applies the security rules to every request (docs/web.md) and then
 * hands it to the matching {@link Route}.
 * <ul>
 *   <li>every answer carries the security headers (content security policy without inline script or style,
 *       no framing, no sniffing, no caching, HSTS under HTTPS);</li>
 *   <li>{@code /login} and the style sheet are the only things served without a session; any other GET
 *       without one is sent to the login page, any other POST gets 403;</li>
 *   <li>every POST carries the CSRF token (form field {@code csrf} or header {@code X-CSRF-Token}): the
 *       session's, or for the login form the one in its {@code plm_login} cookie; else 403;</li>
 *   <li>logins are rate-limited per client address ({@link LoginThrottle}: 429 with Retry-After).</li>
 * </ul>
 */
public final class WebApp implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(WebApp.class.getName());
    /** The session cookie. */
    static final String SESSION_COOKIE = "plm_session";
    /** The login form's CSRF cookie (double-submit: no session exists before the login). */
    static final String LOGIN_COOKIE = "plm_login";
    /** Largest form body read, bytes. */
    static final int MAX_FORM_BYTES = 64 * 1024;
    /** What {@link Sessions#token()} makes: 43 base64url characters. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final List<Route> routes;
    private final Pages pages;
    private final WebUsers users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final boolean https;
    private final byte[] css = Pages.styleSheet().getBytes(StandardCharsets.UTF_8);

    /**
     * @param routes   the pages
     * @param pages    the shared frame
     * @param users    where logins are checked
     * @param hasher   verifies passwords
     * @param sessions the live sessions
     * @param throttle the login rate limit
     * @param https    whether the server speaks TLS (cookies get {@code Secure}, answers HSTS)
     */
    WebApp(List<Route> routes, Pages pages, WebUsers users, PasswordHasher hasher, Sessions sessions,
           LoginThrottle throttle, boolean https) {
        this.routes = List.copyOf(routes);
        this.pages = Objects.requireNonNull(pages, "pages");
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.https = https;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            WebResponse r;
            Map<String, String> cookies = new LinkedHashMap<>();
            try {
                r = route(ex, cookies);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "web: " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath()
                        + " failed: " + e.getMessage(), e);
                r = message(500, "Something went wrong", "The page could not be made: " + e.getMessage(), null);
            }
            send(ex, r, cookies);
        }
    }

    private WebResponse route(HttpExchange ex, Map<String, String> setCookies) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (!method.equals("GET") && !method.equals("POST")) {
            return message(405, "Not allowed", "This server answers GET and POST only.", null);
        }
        if (path.equals(Pages.CSS_PATH) && method.equals("GET")) {
            return new WebResponse(200, "text/css; charset=utf-8", css, Map.of());
        }
        Map<String, String> cookies = cookies(ex);
        Map<String, String> form = method.equals("POST") ? form(ex) : Map.of();
        if (method.equals("POST") && !sameOrigin(ex)) {
            return message(403, "Refused", "A form from another site was refused.", null);
        }
        if (path.equals("/login")) {
            return method.equals("GET") ? loginForm(cookies, setCookies, 200, null) : login(ex, cookies, form, setCookies);
        }
        Optional<Sessions.Session> session = sessions.find(cookies.get(SESSION_COOKIE));
        if (session.isEmpty()) {
            return method.equals("GET") ? WebResponse.redirect("/login")
                    : message(403, "Refused", "You are not logged in (or your session ended): log in again.", null);
        }
        Sessions.Session s = session.get();
        if (method.equals("POST") && !tokenMatches(csrfOf(ex, form), s.csrf())) {
            return message(403, "Refused", "This form is out of date or did not come from this site (no valid CSRF token): "
                    + "reload the page and try again.", s.csrf());
        }
        if (path.equals("/logout") && method.equals("POST")) {
            sessions.remove(s.id());
            setCookies.put(SESSION_COOKIE, "; Path=/; Max-Age=0");
            return WebResponse.redirect("/login");
        }
        boolean pathKnown = false;
        for (Route rt : routes) {
            Matcher m = rt.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (rt.method().equals(method)) {
                try {
                    return rt.page().handle(new WebRequest(method, path, m, query(ex), form, s.user(), s.csrf()));
                } catch (WebPage.NotFoundException e) {
                    return message(404, "Not found", e.getMessage(), s.csrf());
                }
            }
        }
        return pathKnown ? message(405, "Not allowed", "This page does not take " + method + ".", s.csrf())
                : message(404, "Not found", "There is no page " + path + " here.", s.csrf());
    }

    private WebResponse loginForm(Map<String, String> cookies, Map<String, String> setCookies, int status, String error) {
        if (status == 200 && sessions.find(cookies.get(SESSION_COOKIE)).isPresent()) {
            return WebResponse.redirect("/nights");
        }
        // Keep the browser's token when it has one: a second GET /login (another tab, or the browser's own
        // favicon request sent here) must not invalidate the form already shown.
        String had = cookies.get(LOGIN_COOKIE);
        String token = had != null && TOKEN.matcher(had).matches() ? had : sessions.token();
        setCookies.put(LOGIN_COOKIE, token + "; Path=/login");
        StringBuilder b = new StringBuilder("<section class=\"page\" aria-labelledby=\"h-login\"><h1 id=\"h-login\">Log in</h1>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        b.append("<form class=\"stack\" method=\"post\" action=\"/login\">").append(Pages.csrfField(token))
                .append("<label for=\"username\">Name</label><input type=\"text\" id=\"username\" name=\"username\" ")
                .append("autocomplete=\"username\" autocapitalize=\"none\" required=\"required\"/>")
                .append("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" ")
                .append("autocomplete=\"current-password\" required=\"required\"/>")
                .append("<button class=\"primary\" type=\"submit\">Log in</button></form>")
                .append("<p>No login yet? On the monitor, run <code>plm user set NAME --password-stdin</code>.</p></section>");
        return WebResponse.html(status, pages.page("Log in", null, null, b.toString()));
    }

    private WebResponse login(HttpExchange ex, Map<String, String> cookies, Map<String, String> form,
                              Map<String, String> setCookies) {
        String client = ex.getRemoteAddress().getAddress().getHostAddress();
        OptionalLong wait = throttle.retryAfterS(client);
        if (wait.isPresent()) {
            WebResponse r = loginForm(cookies, setCookies, 429, "Too many failed logins from this address: wait "
                    + wait.getAsLong() + " s, then try again.");
            return new WebResponse(429, r.contentType(), r.body(), Map.of("Retry-After", Long.toString(wait.getAsLong())));
        }
        String token = cookies.get(LOGIN_COOKIE);
        if (token == null || !tokenMatches(csrfOf(ex, form), token)) {
            return loginForm(cookies, setCookies, 403, "The login form was out of date (no valid CSRF token): try again.");
        }
        String name = form.getOrDefault("username", "");
        char[] password = form.getOrDefault("password", "").toCharArray();
        boolean ok;
        Optional<String> stored = Optional.empty();
        try {
            stored = users.hash(name);
            ok = hasher.verify(password, stored.orElse(null));
        } finally {
            Arrays.fill(password, '\0');
        }
        if (!ok) {
            throttle.failed(client);
            LOG.log(System.Logger.Level.INFO, "web: failed login from " + client);
            return loginForm(cookies, setCookies, 401, "Wrong name or password.");
        }
        throttle.succeeded(client);
        Sessions.Session s = sessions.create(name, stored.orElseThrow());
        setCookies.put(SESSION_COOKIE, s.id() + "; Path=/");
        setCookies.put(LOGIN_COOKIE, "; Path=/login; Max-Age=0");
        return WebResponse.redirect("/nights");
    }

    private WebResponse message(int status, String title, String text, String csrf) {
        return WebResponse.html(status, pages.page(title, null, csrf, "<section class=\"page\"><h1>" + esc(title)
                + "</h1><p>" + esc(text) + "</p><p><a href=\"/nights\">Nights</a></p></section>"));
    }

    private void send(HttpExchange ex, WebResponse r, Map<String, String> setCookies) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", r.contentType());
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with our own forms.
        h.set("Referrer-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        if (https) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
        r.headers().forEach(h::set);
        // Each entry is "value; Path=..." (an empty value with Max-Age=0 clears it); every cookie gets the same flags.
        setCookies.forEach((name, rest) -> h.add("Set-Cookie", name + "=" + rest + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "")));
        if (r.stream().isPresent()) {
            try (WebResponse.Streamed stream = r.stream().get()) {
                ex.sendResponseHeaders(r.status(), 0); // length unknown: chunked
                try (OutputStream os = ex.getResponseBody()) {
                    stream.writeTo(os);
                }
            }
            return;
        }
        byte[] body = r.body();
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** A POST whose Origin header (when the browser sends one) names another site is refused. */
    private static boolean sameOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin == null) {
            return true; // not every client sends it; the CSRF token is the rule, this is a second fence
        }
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static String csrfOf(HttpExchange ex, Map<String, String> form) {
        String header = ex.getRequestHeaders().getFirst("X-CSRF-Token");
        return header != null ? header : form.get("csrf");
    }

    private static boolean tokenMatches(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> cookies(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }

    private static Map<String, String> query(HttpExchange ex) {
        return pairs(ex.getRequestURI().getRawQuery());
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                return Map.of(); // too long to be one of these forms: no token, so refused
            }
            return pairs(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> pairs(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the field is ignored (a missing token or field is refused later)
            }
        }
        return out;
    }
}
