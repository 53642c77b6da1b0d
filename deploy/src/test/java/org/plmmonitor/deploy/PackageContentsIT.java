package org.plmmonitor.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The built .deb's metadata and file list, read with dpkg-deb: needs no root. */
class PackageContentsIT {

    @BeforeAll
    static void needsDpkgDeb() {
        assumeTrue(Cmd.onPath("dpkg-deb"), "dpkg-deb is not installed: cannot inspect the .deb");
    }

    @Test
    void controlFieldsMakeItInstallableOnEveryPi() {
        Cmd.Result info = Cmd.run(30, "dpkg-deb", "--field", Deb.file().toString());
        assertEquals(0, info.exit(), info.describe());
        Map<String, String> fields = Arrays.stream(info.out().split("\n(?! )"))
                .filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).strip()));
        assertEquals("plm-monitor", fields.get("Package"));
        assertEquals("all", fields.get("Architecture"), "Java only: one package for arm64 and armhf");
        assertTrue(fields.get("Depends").matches("(.*, )?openjdk-17-jre-headless(,.*)?"), fields.get("Depends"));
        assertEquals(Deb.projectVersion().replace('-', '~'), fields.get("Version"));
        assertTrue(Deb.file().getFileName().toString().equals("plm-monitor_" + fields.get("Version") + "_all.deb"));
    }

    @Test
    void theConfigurationIsAConffileAndTheScriptsAreThere() {
        Cmd.Result conffiles = Cmd.run(30, "dpkg-deb", "--info", Deb.file().toString(), "conffiles");
        assertEquals(0, conffiles.exit(), conffiles.describe());
        assertEquals("/etc/plm-monitor/plm.conf", conffiles.out().strip());
        for (String script : new String[]{"postinst", "prerm", "postrm"}) {
            Cmd.Result s = Cmd.run(30, "dpkg-deb", "--info", Deb.file().toString(), script);
            assertEquals(0, s.exit(), s.describe());
            assertTrue(s.out().startsWith("#!/bin/sh"), script);
            // Without a running systemd (a chroot, an image build, this CI), systemctl must not be called:
            // every systemctl line sits inside an if whose condition tests /run/systemd/system.
            java.util.Deque<String> ifs = new java.util.ArrayDeque<>();
            for (String line : s.out().split("\n")) {
                String t = line.strip();
                if (t.startsWith("if ")) {
                    ifs.push(t);
                } else if (t.equals("fi")) {
                    ifs.pop();
                } else if (t.startsWith("systemctl")) {
                    assertTrue(ifs.stream().anyMatch(c -> c.contains("[ -d /run/systemd/system ]")),
                            script + ": unguarded " + t);
                }
            }
        }
    }

    @Test
    void aChangeOfJavaTriggersPostinst() {
        // The class-data archive is valid for one JVM build: any package's files under /usr/lib/jvm
        // changing runs postinst "triggered", which records it again.
        Cmd.Result triggers = Cmd.run(30, "dpkg-deb", "--info", Deb.file().toString(), "triggers");
        assertEquals(0, triggers.exit(), triggers.describe());
        assertEquals(java.util.List.of("interest-noawait /usr/lib/jvm"),
                triggers.out().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
    }

    @Test
    void filesHaveTheirPlacesAndModes() {
        Cmd.Result contents = Cmd.run(30, "dpkg-deb", "--contents", Deb.file().toString());
        assertEquals(0, contents.exit(), contents.describe());
        Map<String, String> modes = Arrays.stream(contents.out().split("\n"))
                .map(l -> l.split("\\s+"))
                .collect(Collectors.toMap(f -> f[f.length - 1], f -> f[0] + " " + f[1]));
        String[] expected = {
                "./usr/bin/plm", "-rwxr-xr-x root/root",
                "./usr/share/plm-monitor/plm.jar", "-rw-r--r-- root/root",
                "./usr/share/plm-monitor/launch.sh", "-rw-r--r-- root/root",
                "./etc/plm-monitor/plm.conf", "-rw-r--r-- root/root",
                "./lib/systemd/system/plm-monitor.service", "-rw-r--r-- root/root",
                "./lib/udev/rules.d/99-plm-monitor.rules", "-rw-r--r-- root/root",
                "./usr/share/plm-monitor/influxdb/create-database.sh", "-rwxr-xr-x root/root",
                "./usr/share/plm-monitor/grafana/dashboards/plm-dashboard.json", "-rw-r--r-- root/root",
                "./usr/share/plm-monitor/grafana/provisioning/datasources/plm-influxdb.yaml", "-rw-r--r-- root/root",
                "./usr/share/plm-monitor/grafana/provisioning/dashboards/plm.yaml", "-rw-r--r-- root/root",
                "./usr/share/doc/plm-monitor/install.md", "-rw-r--r-- root/root",
                "./usr/lib/modules-load.d/plm-monitor.conf", "-rw-r--r-- root/root"};
        for (int i = 0; i < expected.length; i += 2) {
            assertEquals(expected[i + 1], modes.get(expected[i]), expected[i]);
        }
        // Secrets and data are made by postinst with the service user as owner, never shipped.
        assertTrue(modes.keySet().stream().noneMatch(p -> p.contains("secrets") || p.startsWith("./var/")), modes.keySet().toString());
    }

    @Test
    void everyNativeLibraryAlsoShipsForBothPiArchitectures() throws java.io.IOException {
        // Architecture: all holds only if each bundled native library (serial port, SQLite) also exists
        // for arm64 and 32-bit ARM (armhf Raspberry Pi OS).
        java.nio.file.Path jar = Deb.deployDir().resolve("../monitor/target/plm.jar");
        java.util.Set<String> names;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            names = zip.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toSet());
        }
        java.util.List<String> x86 = names.stream().filter(n -> n.matches("(.*/)?Linux/x86_64/[^/]+\\.so")).toList();
        for (String lib : x86) {
            String dir = lib.substring(0, lib.indexOf("Linux/x86_64/"));
            String file = lib.substring(lib.lastIndexOf('/') + 1);
            assertTrue(names.contains(dir + "Linux/aarch64/" + file) || names.contains(dir + "Linux/armv8_64/" + file),
                    "no arm64 build of " + lib);
            assertTrue(names.contains(dir + "Linux/armv7/" + file) || names.contains(dir + "Linux/armv7hf/" + file)
                    || names.contains(dir + "Linux/arm/" + file), "no 32-bit ARM build of " + lib);
        }
    }
}
