package org.plmmonitor.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** create-database.sh against a real influxd 1.x with authentication on, on loopback ports. */
class CreateDatabaseScriptTest {
    @TempDir
    Path dir;
    private Influxd influxd;
    private String url;

    @BeforeEach
    void startInfluxd() throws Exception {
        assumeTrue(Cmd.onPath("curl"), "curl is not installed");
        influxd = Influxd.start(dir, true);
        url = influxd.url();
        // With auth on and no user yet, influxd accepts exactly this one statement unauthenticated.
        query(null, "CREATE USER admin WITH PASSWORD 'adm1n' WITH ALL PRIVILEGES");
    }

    @AfterEach
    void stopInfluxd() {
        if (influxd != null) {
            influxd.close();
        }
    }

    private String query(String userPassword, String q) throws IOException, InterruptedException {
        return influxd.query(userPassword, q);
    }

    private Cmd.Result script(Map<String, String> env, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(Deb.deployDir().resolve("influxdb/create-database.sh").toString()));
        argv.addAll(List.of(args));
        return Cmd.run(60, env, argv);
    }

    private Path secret(String name, String value) throws IOException {
        return Files.writeString(dir.resolve(name), value + "\n");
    }

    @Test
    void createsDatabasePolicyAndUsersAndIsIdempotent() throws Exception {
        Map<String, String> env = Map.of(
                "INFLUX_ADMIN_PASSWORD_FILE", secret("admin.pw", "adm1n").toString(),
                "INFLUX_WRITER_PASSWORD_FILE", secret("writer.pw", "it's w'r\\iter").toString(),
                "INFLUX_READER_PASSWORD_FILE", secret("reader.pw", "r3ader").toString());
        Cmd.Result first = script(env, "--url", url, "--database", "plm_it", "--retention", "plm_90d", "--duration", "90d",
                "--admin-user", "admin", "--writer-user", "pi01", "--reader-user", "grafana");
        assertEquals(0, first.exit(), first.describe());
        assertTrue(first.out().contains("retention policy plm_90d on plm_it: duration 90d, default (created)"), first.out());
        assertFalse(first.out().contains("w'r") || first.err().contains("w'r"), "a password was printed");

        Cmd.Result again = script(env, "--url", url, "--database", "plm_it", "--retention", "plm_90d", "--duration", "30d",
                "--admin-user", "admin", "--writer-user", "pi01", "--reader-user", "grafana");
        assertEquals(0, again.exit(), again.describe());
        assertTrue(again.out().contains("(updated)"), again.out());

        String policies = query("admin:adm1n", "SHOW RETENTION POLICIES ON plm_it");
        assertTrue(policies.matches("(?s).*\\[\"plm_90d\",\"720h0m0s\",\"[0-9hms]+\",1,true\\].*"), policies);
        assertTrue(query("admin:adm1n", "SHOW GRANTS FOR pi01").contains("[\"plm_it\",\"WRITE\"]"));
        assertTrue(query("admin:adm1n", "SHOW GRANTS FOR grafana").contains("[\"plm_it\",\"READ\"]"));
        // The writer's password, quote and backslash included, really is the one in the file.
        HttpResponse<String> write = influxd.write("db=plm_it&u=pi01&p=" + URLEncoder.encode("it's w'r\\iter", StandardCharsets.UTF_8),
                "plm_activity,leg=left activity_g=0.01");
        assertEquals(204, write.statusCode(), write.body());
    }

    @Test
    void refusalsExitNonZeroWithoutShowingPasswords() throws Exception {
        Cmd.Result wrongAdmin = script(Map.of("INFLUX_ADMIN_PASSWORD_FILE", secret("bad.pw", "wrong").toString()),
                "--url", url, "--admin-user", "admin");
        assertEquals(1, wrongAdmin.exit(), wrongAdmin.describe());
        assertTrue(wrongAdmin.err().contains("create-database.sh: " + url + " refused: CREATE DATABASE plm"), wrongAdmin.err());

        Cmd.Result badName = script(Map.of(), "--url", url, "--database", "plm;DROP");
        assertEquals(2, badName.exit(), badName.describe());
        assertEquals("create-database.sh: database 'plm;DROP' must be letters, digits and '_', not starting with a digit",
                badName.err().strip());
        assertEquals(2, script(Map.of(), "--url", url, "--retention", "1y").exit());

        Cmd.Result noFile = script(Map.of(), "--url", url, "--admin-user", "admin");
        assertEquals(2, noFile.exit(), noFile.describe());
        assertTrue(noFile.err().contains("set INFLUX_ADMIN_PASSWORD_FILE"), noFile.err());

        Cmd.Result badDuration = script(Map.of(), "--duration", "1 year");
        assertEquals(2, badDuration.exit(), badDuration.describe());
    }
}
