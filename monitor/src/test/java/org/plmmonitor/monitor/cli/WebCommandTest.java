package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.WebUsers;
import org.plmmonitor.monitor.web.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm user set} and {@code plm web}'s refusals. */
class WebCommandTest {
    @TempDir
    Path dir;


    private static PlmRun plm(String stdin, String... args) {
        return PlmRun.withStdin(stdin, args);
    }

    @Test
    void userSetStoresAnArgon2idHashNeverThePassword() throws Exception {
        Path data = dir.resolve("data");
        PlmRun r = plm("a long passphrase\n", "user", "set", "anna", "--password-stdin", "--dir", data.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("web user 'anna' stored in " + data.resolve("plm.db") + " (Argon2id hash); a running web checks it "
                + "from the next login, and the daemon's web waiting for its first user starts within 10 s\n", r.out());
        WebUsers users = new WebUsers(data.resolve("plm.db"));
        String hash = users.hash("anna").orElseThrow();
        assertTrue(hash.startsWith("$argon2id$v=19$m=9216,t=4,p=1$"), hash);
        PasswordHasher h = new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new SecureRandom());
        assertTrue(h.verify("a long passphrase".toCharArray(), hash), "the line end is not part of the password");
        for (Path f : new Path[] {data.resolve("plm.db"), data.resolve("plm.db-wal")}) {
            if (Files.exists(f)) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("a long passphrase"), f.toString());
            }
        }
        // Set again: replaced, still one user.
        assertEquals(0, plm("another long one\r\n", "user", "set", "anna", "--password-stdin", "--dir", data.toString()).code());
        assertEquals(1, users.count());
        assertTrue(h.verify("another long one".toCharArray(), users.hash("anna").orElseThrow()));
        assertFalse(h.verify("a long passphrase".toCharArray(), users.hash("anna").orElseThrow()));
    }

    @Test
    void userSetRefusesBadInputWithOneLine() {
        String d = dir.resolve("data").toString();
        PlmRun shortPw = plm("short\n", "user", "set", "anna", "--password-stdin", "--dir", d);
        assertEquals(2, shortPw.code());
        assertEquals("plm: standard input:1: the password has 5 characters; at least 10 are needed\n", shortPw.err());
        PlmRun none = plm("", "user", "set", "anna", "--password-stdin", "--dir", d);
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("plm: standard input:1: no password"), none.err());
        PlmRun noFlag = plm("a long passphrase\n", "user", "set", "anna", "--dir", d);
        assertEquals(2, noFlag.code());
        assertTrue(noFlag.err().contains("give --password-stdin"), noFlag.err());
        PlmRun badName = plm("a long passphrase\n", "user", "set", "anna smith", "--password-stdin", "--dir", d);
        assertEquals(2, badName.code());
        assertTrue(badName.err().contains("is not 1-32 letters, digits"), badName.err());
        assertFalse(Files.exists(dir.resolve("data").resolve("plm.db")), "nothing stored");
    }

    @Test
    void webRefusesToStartWithoutAUserAndSaysWhatToRun() {
        Path data = dir.resolve("data");
        Path db = data.resolve("plm.db");
        LocalStore.open(db, StoreConfig.builder().path(db).build(), Clock.systemUTC()).close();
        PlmRun r = plm("", "web", "--dir", data.toString(), "--port", "1");
        assertEquals(2, r.code());
        assertEquals("plm web: no web user in " + db + ", and there is no default password: set one with "
                + "'plm user set NAME --password-stdin --dir " + data + "', then start the web again\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void webRefusesPlainHttpOnTheNetworkAndAMissingStore() {
        Path data = dir.resolve("data");
        assertEquals(0, plm("a long passphrase\n", "user", "set", "anna", "--password-stdin", "--dir", data.toString()).code());
        PlmRun net = plm("", "web", "--dir", data.toString(), "--bind", "0.0.0.0", "--port", "1");
        assertEquals(2, net.code());
        assertEquals("plm web: '0.0.0.0' serves patient data over plain HTTP on the network: set web.https.certificate "
                + "and web.https.key, or web.allow_plaintext = true\n", net.err());
        PlmRun missing = plm("", "web", "--dir", dir.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("plm: " + dir.resolve("nowhere").resolve("plm.db") + ": no store here"), missing.err());
        PlmRun port = plm("", "web", "--dir", data.toString(), "--port", "70000");
        assertEquals(2, port.code());
    }
}
