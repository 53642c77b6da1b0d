package org.plmmonitor.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The files under deploy/, checked before they are packaged. */
class DeployFilesTest {

    @TempDir
    Path tmp;

    private static String read(String relative) throws IOException {
        return Files.readString(Deb.deployDir().resolve(relative));
    }

    @Test
    void theUnitIsHardened() throws IOException {
        List<String> lines = read("systemd/plm-monitor.service").lines().toList();
        for (String directive : List.of("User=plm", "Group=plm", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/plm-monitor", "ProtectHome=yes", "PrivateTmp=yes", "DevicePolicy=closed",
                "DeviceAllow=char-i2c rw", "DeviceAllow=char-ttyUSB rw", "DeviceAllow=char-ttyACM rw",
                "DeviceAllow=char-rfcomm rw", "Restart=on-failure", "RestartSec=10", "MemoryMax=192M",
                "CapabilityBoundingSet=", "After=network-online.target time-sync.target systemd-modules-load.service",
                "ExecStart=/usr/bin/plm monitor --config /etc/plm-monitor/plm.conf", "WantedBy=multi-user.target")) {
            assertTrue(lines.contains(directive), "missing " + directive);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Environment=\"PLM_JAVA_OPTS=") && l.contains("-Xmx48m")));
        // The daemon does not notify systemd, so a watchdog would kill it: none.
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("WatchdogSec=")));
    }

    @Test
    void systemdAcceptsTheUnit() throws IOException {
        assumeTrue(Cmd.onPath("systemd-analyze"), "systemd-analyze is not installed (apt package systemd)");
        // verify checks that ExecStart exists; /usr/bin/plm is only there once installed (PackageInstallIT).
        Path unit = tmp.resolve("plm-monitor.service");
        Files.writeString(unit, read("systemd/plm-monitor.service").replace("ExecStart=/usr/bin/plm", "ExecStart=/bin/echo"));
        Cmd.Result r = Cmd.run(60, "systemd-analyze", "verify", unit.toString());
        assertEquals(0, r.exit(), r.describe());
        assertFalse(r.err().contains("plm-monitor.service:"), "systemd warns about the unit:\n" + r.err());
    }

    @Test
    void udevRulesAreWellFormedAndNameBothRoles() throws IOException {
        String rules = read("udev/99-plm-monitor.rules");
        Pattern pair = Pattern.compile("\\s*([A-Z]+(\\{[A-Za-z_]+\\})?)\\s*(==|!=|\\+=|=)\\s*\"([^\"]*)\"\\s*");
        Set<String> labels = new TreeSet<>();
        Set<String> gotos = new TreeSet<>();
        for (String line : rules.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            for (String part : line.split(",")) {
                Matcher m = pair.matcher(part);
                assertTrue(m.matches(), "not KEY op \"value\": '" + part + "' in: " + line);
                if (m.group(1).equals("LABEL")) {
                    labels.add(m.group(4));
                } else if (m.group(1).equals("GOTO")) {
                    gotos.add(m.group(4));
                }
            }
        }
        assertEquals(labels, gotos, "every GOTO needs its LABEL");
        for (String expected : List.of("SYMLINK+=\"plm-sensor\"", "SYMLINK+=\"plm-cuff\"", "GROUP=\"dialout\"",
                "MODE=\"0660\"", "\"1a86\"", "\"10c4\"", "\"0403\"", "ttyACM", "rfcomm0", "rfcomm1")) {
            assertTrue(rules.contains(expected), "rules lack " + expected);
        }
    }

    @Test
    void theDashboardIsJsonAndReadsTheSchemasMeasurements() throws IOException {
        Path dashboard = Deb.deployDir().resolve("grafana/plm-dashboard.json");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3 to parse JSON with");
        Cmd.Result r = Cmd.run(30, "/usr/bin/python3", "-c",
                "import json,sys; d=json.load(open(sys.argv[1])); print(d['uid']); "
                        + "print('\\n'.join(t['query'] for p in d['panels'] for t in p['targets']))", dashboard.toString());
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.out().startsWith("plm-monitor\n"));
        Set<String> measurements = new TreeSet<>();
        Matcher m = Pattern.compile("FROM \"([a-z_]+)\"").matcher(r.out());
        while (m.find()) {
            measurements.add(m.group(1));
        }
        assertEquals(new TreeSet<>(List.of("plm_movement", "plm_series", "plm_night", "plm_activity", "device_health",
                "cuff_action")), measurements);
    }

    @Test
    void shellScriptsParse() {
        for (String script : List.of("bin/plm", "debian/postinst", "debian/prerm", "debian/postrm",
                "influxdb/create-database.sh")) {
            Path path = Deb.deployDir().resolve(script);
            assertTrue(Files.isExecutable(path), script + " is not executable");
            Cmd.Result r = Cmd.run(30, "sh", "-n", path.toString());
            assertEquals(0, r.exit(), r.describe());
        }
        // Sourced by /usr/bin/plm, postinst and ./plm, never run: it parses, and is not executable.
        Path lib = Deb.deployDir().resolve("lib/launch.sh");
        assertFalse(Files.isExecutable(lib), "lib/launch.sh is sourced, not run");
        Cmd.Result r = Cmd.run(30, "sh", "-n", lib.toString());
        assertEquals(0, r.exit(), r.describe());
    }

    @Test
    void theWrapperNamesTheMissingRuntime() throws IOException {
        // With no JDK under /usr/lib/jvm and no java on PATH the wrapper must say what to install. The JDK
        // is looked for by the launch script the wrapper sources: a copy that looks in an empty place.
        Path lib = tmp.resolve("launch.sh");
        Files.writeString(lib, read("lib/launch.sh").replace("/usr/lib/jvm/", tmp.resolve("nojvm") + "/"));
        Path wrapper = tmp.resolve("plm");
        String original = read("bin/plm");
        assertTrue(original.contains(". /usr/share/plm-monitor/launch.sh\n"), original);
        Files.writeString(wrapper, original.replace(". /usr/share/plm-monitor/launch.sh\n", ". " + lib + "\n"));
        Cmd.Result r = Cmd.run(30, Map.of("PATH", tmp.toString()), List.of("/bin/sh", wrapper.toString(), "--version"));
        assertEquals(127, r.exit(), r.describe());
        assertEquals("plm: no Java runtime found: install openjdk-17-jre-headless", r.err().strip());
    }
}
