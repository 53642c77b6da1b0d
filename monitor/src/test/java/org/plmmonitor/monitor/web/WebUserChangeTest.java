package org.plmmonitor.monitor.web;

import org.plmmonitor.monitor.cli.PlmRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.cli.PlmCommand;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plm user set} and {@code plm user delete} while the real web server runs: each counts from the next
 * login, without a restart, and ends the user's open sessions within {@link Sessions#RECHECK} (docs/web.md,
 * "Commands").
 */
class WebUserChangeTest {
    private static final String NEW_PASSWORD = "a different passphrase";

    @TempDir
    Path dir;


    /** Runs {@code plm} in this JVM with {@code stdin} as standard input. */
    private static PlmRun plm(String stdin, String... args) {
        return PlmRun.withStdin(stdin, args);
    }

    private static int login(WebFixture web, String user, String password) throws Exception {
        HttpResponse<String> r = new HttpSession(web.server.url()).login(user, password);
        return r.statusCode();
    }

    @Test
    void aLoginAndASessionCheckSucceedWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
        Path data = WebFixture.recordNight(dir);
        WebFixture.addUser(data);
        try (WebFixture web = WebFixture.serve(data);
             java.sql.Connection writer = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("plm.db"));
             java.sql.Statement s = writer.createStatement()) {
            // As the daemon's writer in the middle of a transaction: the write lock is held until the end.
            s.execute("PRAGMA busy_timeout=0");
            s.execute("BEGIN IMMEDIATE");
            s.execute("UPDATE web_users SET updated_ms = updated_ms + 1 WHERE name = '" + WebFixture.USER + "'");
            HttpSession session = new HttpSession(web.server.url());
            assertEquals(303, session.login(WebFixture.USER, WebFixture.PASSWORD).statusCode(), "the login reads the users");
            web.clock.advance(Sessions.RECHECK);
            assertEquals(200, session.get("/nights").statusCode(), "the session check reads the users again");
            assertEquals(401, login(web, WebFixture.USER, "wrong"), "a wrong password is still refused");
            // The lock was held throughout: another writer is refused at once.
            try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("plm.db"));
                 java.sql.Statement o = other.createStatement()) {
                o.execute("PRAGMA busy_timeout=0");
                java.sql.SQLException busy = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> o.execute("BEGIN IMMEDIATE"));
                assertTrue(busy.getMessage().contains("BUSY") || busy.getMessage().contains("locked"), busy.getMessage());
            }
            s.execute("ROLLBACK");
        }
    }

    @Test
    void aChangedOrDeletedLoginCountsFromTheNextLoginWithoutARestart() throws Exception {
        Path data = WebFixture.recordNight(dir);
        WebFixture.addUser(data);
        String d = data.toString();
        try (WebFixture web = WebFixture.serve(data)) {
            HttpSession before = new HttpSession(web.server.url());
            assertEquals(303, before.login(WebFixture.USER, WebFixture.PASSWORD).statusCode());

            // A replaced password: the old one is refused at once, the new one taken.
            PlmRun set = plm(NEW_PASSWORD + "\n", "user", "set", WebFixture.USER, "--password-stdin", "--dir", d);
            assertEquals(0, set.code(), set.err());
            assertEquals(401, login(web, WebFixture.USER, WebFixture.PASSWORD), "the replaced password");
            assertEquals(303, login(web, WebFixture.USER, NEW_PASSWORD), "the new password");
            assertEquals(200, before.get("/nights").statusCode(), "an open session is looked at again once a minute");
            web.clock.advance(Sessions.RECHECK);
            HttpResponse<String> ended = before.get("/nights");
            assertEquals(303, ended.statusCode(), "the session of the replaced password has ended");
            assertEquals("/login", ended.headers().firstValue("Location").orElseThrow());

            // A user added while the web runs can log in.
            assertEquals(401, login(web, "bob", NEW_PASSWORD), "no bob yet");
            assertEquals(0, plm(NEW_PASSWORD + "\n", "user", "set", "bob", "--password-stdin", "--dir", d).code());
            HttpSession bobs = new HttpSession(web.server.url());
            assertEquals(303, bobs.login("bob", NEW_PASSWORD).statusCode());
            HttpSession annas = new HttpSession(web.server.url());
            assertEquals(303, annas.login(WebFixture.USER, NEW_PASSWORD).statusCode());

            // A deleted user cannot log in, and its open session ends; the other one's stays.
            PlmRun del = plm("", "user", "delete", WebFixture.USER, "--dir", d);
            assertEquals(0, del.code(), del.err());
            assertEquals("web user '" + WebFixture.USER + "' deleted from " + data.resolve("plm.db")
                    + "; its next login is refused\n", del.out());
            assertEquals(401, login(web, WebFixture.USER, NEW_PASSWORD), "deleted");
            web.clock.advance(Sessions.RECHECK);
            assertEquals(303, annas.get("/nights").statusCode(), "the deleted user's session has ended");
            assertEquals(200, bobs.get("/nights").statusCode(), "the other user's session stays");

            // Deleting again, or a name that cannot be a user: one line, exit 2.
            PlmRun again = plm("", "user", "delete", WebFixture.USER, "--dir", d);
            assertEquals(2, again.code());
            assertEquals("plm: " + data.resolve("plm.db") + ": no web user '" + WebFixture.USER + "' to delete\n", again.err());
            PlmRun bad = plm("", "user", "delete", "anna smith", "--dir", d);
            assertEquals(2, bad.code());
            assertTrue(bad.err().contains("NAME 'anna smith' is not 1-32 letters, digits, '.', '_' or '-'"), bad.err());
            assertEquals(1, bad.err().lines().count(), bad.err());
            PlmRun nowhere = plm("", "user", "delete", "bob", "--dir", dir.resolve("nowhere").toString());
            assertEquals(2, nowhere.code());
            assertEquals("plm: " + dir.resolve("nowhere").resolve("plm.db") + ": no store here: has plm monitor (or plm "
                    + "demo) run with this data directory?\n", nowhere.err());
            assertEquals(303, login(web, "bob", NEW_PASSWORD), "bob untouched by the refused deletes");
        }
    }
}
