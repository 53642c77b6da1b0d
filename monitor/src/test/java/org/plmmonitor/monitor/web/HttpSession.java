package org.plmmonitor.monitor.web;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A client of the real server over java.net.http, keeping cookies by hand (so tests see their flags) and
 * following no redirect (so tests see them).
 */
final class HttpSession {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient client;
    private final URI base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    HttpSession(URI base) {
        this(base, null);
    }

    HttpSession(URI base, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
        this.base = base;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return post(path, form, Map.of());
    }

    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder r = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(r::header);
        return send(r.build());
    }

    /** Logs in through the form: GET /login for its token and cookie, POST the fields. */
    HttpResponse<String> login(String user, String password) throws Exception {
        String token = csrf(get("/login"));
        return post("/login", Map.of("username", user, "password", password, "csrf", token));
    }

    /** @return the CSRF token of a page's forms */
    static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no csrf field in " + page.uri() + ": " + page.body());
        }
        return m.group(1);
    }

    /** @return the Set-Cookie header that sets (or clears) a cookie */
    static String setCookie(HttpResponse<String> r, String name) {
        List<String> all = r.headers().allValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie " + name + " in " + all));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            r.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
        for (String c : resp.headers().allValues("Set-Cookie")) {
            String nv = c.split(";", 2)[0];
            int eq = nv.indexOf('=');
            String name = nv.substring(0, eq);
            String value = nv.substring(eq + 1);
            if (value.isEmpty() || c.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return resp;
    }
}
