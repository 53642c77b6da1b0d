package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For tests of the pages over the real server: one night recorded by the real daemon for the class, and
 * before each test a copy of its store served and logged into, so a test's writes never reach another's.
 */
abstract class LoggedInWebTest {
    @TempDir
    static Path dir;
    /** The recorded store every test serves a copy of. */
    static Path data;
    @TempDir
    Path each;
    /** The server of this test's copy. */
    WebFixture web;
    /** A session logged in as {@link WebFixture#USER}. */
    HttpSession s;

    @BeforeAll
    static void recordANight() throws Exception {
        data = WebFixture.recordNight(dir);
        WebFixture.addUser(data);
    }

    @BeforeEach
    void serveAndLogIn() throws Exception {
        web = WebFixture.serve(WebFixture.copy(data, each.resolve("data")));
        s = new HttpSession(web.server.url());
        assertEquals(303, s.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());
    }

    @AfterEach
    void stop() {
        web.close();
    }
}
