package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.WebUsers;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each security rule of docs/web.md against the real server, over a real HTTP client. */
class WebSecurityTest {
    @TempDir
    static Path dir;
    static Path data;
    WebFixture web;

    @BeforeAll
    static void recordANight() throws Exception {
        data = WebFixture.recordNight(dir);
        WebFixture.addUser(data);
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private HttpSession loggedIn() throws Exception {
        web = WebFixture.serve(data);
        HttpSession s = new HttpSession(web.server.url());
        HttpResponse<String> r = s.login(WebFixture.USER, WebFixture.PASSWORD);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/nights", r.headers().firstValue("Location").orElseThrow());
        return s;
    }

    @Test
    void everyPageButLoginNeedsASession() throws Exception {
        web = WebFixture.serve(data);
        HttpSession anon = new HttpSession(web.server.url());
        for (String path : new String[] {"/", "/nights", "/night/" + WebFixture.NIGHT, "/night/" + WebFixture.NIGHT + "/report.html",
                "/delete", "/no-such-page"}) {
            HttpResponse<String> r = anon.get(path);
            assertEquals(303, r.statusCode(), path);
            assertEquals("/login", r.headers().firstValue("Location").orElseThrow(), path);
            assertFalse(r.body().contains(WebFixture.NIGHT), path);
        }
        HttpResponse<String> del = anon.post("/delete", Map.of("confirm", "DELETE", "csrf", "x"));
        assertEquals(403, del.statusCode());
        assertEquals(403, anon.post("/logout", Map.of()).statusCode());
        assertEquals(200, anon.get("/login").statusCode());
        assertEquals(200, anon.get(Pages.CSS_PATH).statusCode(), "the style sheet is public (the login page needs it)");
        // A made-up session cookie is no session.
        anon.cookies.put(WebApp.SESSION_COOKIE, "made-up");
        assertEquals(303, anon.get("/nights").statusCode());
        assertTrue(Files.isRegularFile(data.resolve("nights").resolve(WebFixture.NIGHT + ".json")), "nothing was deleted");
    }

    @Test
    void loginSetsAFreshHttpOnlyStrictSessionCookie() throws Exception {
        web = WebFixture.serve(data);
        HttpSession s = new HttpSession(web.server.url());
        HttpResponse<String> form = s.get("/login");
        String loginCookie = HttpSession.setCookie(form, WebApp.LOGIN_COOKIE);
        assertTrue(loginCookie.contains("HttpOnly") && loginCookie.contains("SameSite=Strict"), loginCookie);
        HttpResponse<String> r = s.post("/login", Map.of("username", WebFixture.USER, "password", WebFixture.PASSWORD,
                "csrf", HttpSession.csrf(form)));
        assertEquals(303, r.statusCode(), r.body());
        String cookie = HttpSession.setCookie(r, WebApp.SESSION_COOKIE);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag (the browser would drop the cookie): " + cookie);
        String first = s.cookies.get(WebApp.SESSION_COOKIE);
        assertEquals(43, first.length(), "32 random bytes, base64url");
        HttpResponse<String> nights = s.get("/nights");
        assertEquals(200, nights.statusCode());
        assertTrue(nights.body().contains("/night/" + WebFixture.NIGHT), nights.body());
        // A second login gets another id.
        HttpSession other = new HttpSession(web.server.url());
        other.login(WebFixture.USER, WebFixture.PASSWORD);
        assertNotEquals(first, other.cookies.get(WebApp.SESSION_COOKIE));
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefused() throws Exception {
        web = WebFixture.serve(data);
        HttpSession s = new HttpSession(web.server.url());
        HttpResponse<String> wrong = s.login(WebFixture.USER, "not the password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong name or password"), wrong.body());
        assertEquals(401, s.login("bob", WebFixture.PASSWORD).statusCode());
        assertFalse(s.cookies.containsKey(WebApp.SESSION_COOKIE));
        assertEquals(303, s.get("/nights").statusCode());
    }

    @Test
    void everyPostNeedsTheCsrfToken() throws Exception {
        web = WebFixture.serve(data);
        // The login form: no token, a wrong token, a token without its cookie.
        HttpSession s = new HttpSession(web.server.url());
        String token = HttpSession.csrf(s.get("/login"));
        Map<String, String> creds = Map.of("username", WebFixture.USER, "password", WebFixture.PASSWORD);
        assertEquals(403, s.post("/login", creds).statusCode());
        assertEquals(403, s.post("/login", Map.of("username", WebFixture.USER, "password", WebFixture.PASSWORD, "csrf", token + "x")).statusCode());
        HttpSession cookieless = new HttpSession(web.server.url());
        assertEquals(403, cookieless.post("/login", Map.of("username", WebFixture.USER, "password", WebFixture.PASSWORD, "csrf", token)).statusCode());
        assertFalse(s.cookies.containsKey(WebApp.SESSION_COOKIE));

        HttpSession in = new HttpSession(web.server.url());
        assertEquals(303, in.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
        String sessionToken = HttpSession.csrf(in.get("/nights"));
        // Logged in: a POST without the token, with the login form's token, or another session's token is refused.
        assertEquals(403, in.post("/logout", Map.of()).statusCode());
        assertEquals(403, in.post("/logout", Map.of("csrf", token)).statusCode());
        HttpSession other = new HttpSession(web.server.url());
        other.login(WebFixture.USER, WebFixture.PASSWORD);
        assertEquals(403, in.post("/logout", Map.of("csrf", HttpSession.csrf(other.get("/nights")))).statusCode());
        HttpResponse<String> refusedDelete = in.post("/delete", Map.of("confirm", "DELETE"));
        assertEquals(403, refusedDelete.statusCode());
        assertTrue(Files.isRegularFile(data.resolve("nights").resolve(WebFixture.NIGHT + ".json")), "nothing was deleted");
        assertEquals(200, in.get("/nights").statusCode(), "still logged in");
        // A cross-site form (Origin of another site) is refused even with the token.
        assertEquals(403, in.post("/logout", Map.of("csrf", sessionToken), Map.of("Origin", "http://evil.example")).statusCode());
        // The header works as well as the field.
        HttpResponse<String> out = in.post("/logout", Map.of(), Map.of("X-CSRF-Token", sessionToken));
        assertEquals(303, out.statusCode());
        assertEquals("/login", out.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        HttpSession s = loggedIn();
        String id = s.cookies.get(WebApp.SESSION_COOKIE);
        HttpResponse<String> out = s.post("/logout", Map.of("csrf", HttpSession.csrf(s.get("/nights"))));
        assertEquals(303, out.statusCode());
        assertTrue(HttpSession.setCookie(out, WebApp.SESSION_COOKIE).contains("Max-Age=0"));
        s.cookies.put(WebApp.SESSION_COOKIE, id); // a browser that kept the old cookie
        assertEquals(303, s.get("/nights").statusCode());
    }

    @Test
    void sessionsEndWhenIdle() throws Exception {
        HttpSession s = loggedIn();
        web.clock.advance(Sessions.IDLE.minusMinutes(1));
        assertEquals(200, s.get("/nights").statusCode(), "used within the idle time: still on");
        web.clock.advance(Sessions.IDLE.minusMinutes(1));
        assertEquals(200, s.get("/nights").statusCode());
        web.clock.advance(Sessions.IDLE);
        assertEquals(303, s.get("/nights").statusCode(), "idle for " + Sessions.IDLE);
    }

    @Test
    void loginsAreRateLimitedPerClient() throws Exception {
        web = WebFixture.serve(data);
        HttpSession s = new HttpSession(web.server.url());
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertEquals(401, s.login(WebFixture.USER, "wrong " + i).statusCode(), "failure " + (i + 1));
            web.clock.advance(Duration.ofSeconds(5));
        }
        // The sixth attempt, even with the right password, is refused without being checked.
        HttpResponse<String> limited = s.login(WebFixture.USER, WebFixture.PASSWORD);
        assertEquals(429, limited.statusCode());
        assertEquals("35", limited.headers().firstValue("Retry-After").orElseThrow(), "60 s after the first failure, 25 s ago");
        assertFalse(s.cookies.containsKey(WebApp.SESSION_COOKIE));
        web.clock.advance(Duration.ofSeconds(34));
        assertEquals(429, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
        web.clock.advance(Duration.ofSeconds(1));
        // The first failure is now a minute old: four remain, so one more try is allowed.
        assertEquals(303, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
        // A success clears the count.
        HttpSession again = new HttpSession(web.server.url());
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            assertEquals(401, again.login(WebFixture.USER, "wrong").statusCode());
        }
        assertEquals(303, again.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        HttpSession s = loggedIn();
        for (String path : new String[] {"/login", "/nights", "/night/" + WebFixture.NIGHT, "/no-such-page", Pages.CSS_PATH}) {
            HttpResponse<String> r = s.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow(() -> new AssertionError(path));
            assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), "no script at all: " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElseThrow(), path);
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow(), path);
            assertFalse(r.headers().firstValue("Strict-Transport-Security").isPresent(), "plain HTTP: no HSTS");
            // The policy forbids inline style and script: the pages have none.
            assertFalse(r.body().contains("<script") || r.body().contains("<style") || r.body().contains(" style="), path);
        }
        assertEquals(404, s.get("/no-such-page").statusCode());
        assertEquals(404, s.get("/night/2020-01-01").statusCode());
    }

    @Test
    void theReportPageAndItsFileComeFromThePlmReportRenderer() throws Exception {
        HttpSession s = loggedIn();
        HttpResponse<String> page = s.get("/night/" + WebFixture.NIGHT);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<svg class=\"timeline\""), "the timeline chart");
        HttpResponse<String> file = s.get("/night/" + WebFixture.NIGHT + "/report.html");
        assertEquals(200, file.statusCode());
        assertEquals("attachment; filename=\"" + WebFixture.NIGHT + ".html\"", file.headers().firstValue("Content-Disposition").orElseThrow());
        String expected = MorningReport.document(StoredNightReport.load(web.store, data, WebFixture.NIGHT));
        assertEquals(expected, file.body(), "byte for byte what plm report writes");
        String fragment = MorningReport.fragment(StoredNightReport.load(web.store, data, WebFixture.NIGHT));
        assertTrue(page.body().contains(fragment), "the page holds the report's fragment unchanged");
    }

    @Test
    void bindsToLoopbackUnlessToldAndRefusesPlainHttpOnTheNetwork() throws Exception {
        web = WebFixture.serve(data);
        assertEquals("127.0.0.1", web.server.url().getHost());
        WebStartException e = assertThrows(WebStartException.class,
                () -> WebFixture.serve(data, WebConfig.DEFAULT.at("0.0.0.0", 0), Optional::empty));
        assertEquals(WebStartException.Reason.PLAINTEXT, e.reason());
        assertTrue(e.getMessage().contains("web.https.certificate"), e.getMessage());
    }

    @Test
    void refusesToStartWithoutAUser() throws Exception {
        Path empty = dir.resolve("no-user");
        Path db = empty.resolve("plm.db");
        LocalStore.open(db, StoreConfig.builder().path(db).build(), WebFixture.WALL).close();
        WebStartException e = assertThrows(WebStartException.class, () -> WebFixture.serve(empty));
        assertEquals(WebStartException.Reason.NO_USER, e.reason());
        assertEquals("no web user in " + db + ", and there is no default password: set one with 'plm user set NAME "
                + "--password-stdin --dir " + empty + "', then start the web again", e.getMessage());
        assertEquals(0, new WebUsers(db).count());
    }

    @Test
    void deleteAllMyDataAsksFirstThenDeletesTheStoreAndTheNightFiles() throws Exception {
        Path copy = WebFixture.copy(data, dir.resolve("to-delete"));
        web = WebFixture.serve(copy);
        HttpSession s = new HttpSession(web.server.url());
        assertEquals(303, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
        HttpResponse<String> ask = s.get("/delete");
        assertEquals(200, ask.statusCode());
        assertTrue(ask.body().contains("cannot be undone"), ask.body());
        String token = HttpSession.csrf(ask);
        HttpResponse<String> unconfirmed = s.post("/delete", Map.of("csrf", token, "confirm", "delete"));
        assertEquals(400, unconfirmed.statusCode());
        assertEquals(1, web.store.nights().size(), "not confirmed: nothing deleted");
        long files;
        try (var l = Files.list(copy.resolve("nights"))) {
            files = l.count();
        }
        assertTrue(files >= 3, "the JSON report and the two legs' EDF+ files: " + files);

        HttpResponse<String> done = s.post("/delete", Map.of("csrf", token, "confirm", "DELETE"));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Deleted 1 night from the store and " + files + " files"), done.body());
        assertTrue(web.store.nights().isEmpty());
        assertTrue(web.store.movements(WebFixture.NIGHT).isEmpty());
        try (var l = Files.list(copy.resolve("nights"))) {
            assertEquals(0, l.count());
        }
        HttpResponse<String> cal = s.get("/nights");
        assertTrue(cal.body().contains("No night recorded yet"), cal.body());
        assertEquals(404, s.get("/night/" + WebFixture.NIGHT).statusCode());
        // The login stays.
        assertEquals(303, new HttpSession(web.server.url()).login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
    }

    @Test
    void deleteWaitsWhileANightIsRecorded() throws Exception {
        Path copy = WebFixture.copy(data, dir.resolve("recording"));
        web = WebFixture.serve(copy, WebConfig.DEFAULT, () -> Optional.of("2026-07-02"));
        HttpSession s = new HttpSession(web.server.url());
        s.login(WebFixture.USER, WebFixture.PASSWORD);
        HttpResponse<String> r = s.post("/delete", Map.of("csrf", HttpSession.csrf(s.get("/delete")), "confirm", "DELETE"));
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("plm night end"), r.body());
        assertEquals(1, web.store.nights().size());
        assertTrue(Files.isRegularFile(copy.resolve("nights").resolve(WebFixture.NIGHT + ".json")));
    }
}
