package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.io.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the secrets file ({@code key = value} lines, like plm.conf). It is refused unless only its owner
 * may read it, so a secret never sits in a file other local users can open. No problem message ever
 * quotes a line of this file: a malformed line may be a password.
 */
final class SecretsFile {
    /** The keys a secrets file may hold. */
    static final List<String> KEYS = List.of("influx.password");
    /** Token authentication: an InfluxDB 2.x idea the 1.x forwarder does not speak. */
    static final String TOKEN = "influx.token";

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretsFile() {
    }

    /**
     * @param file     the secrets file
     * @param required false when a missing file simply means "no secrets"
     * @param problems where problems are added
     * @return the secrets by key; empty when the file is absent (and not required) or unusable
     */
    static Map<String, Secret> read(Path file, boolean required, List<ConfigProblem> problems) {
        String name = file.toString();
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            if (required) {
                problems.add(new ConfigProblem(name, 0, "", "secrets file does not exist"));
            }
            return Map.of();
        } catch (UnsupportedOperationException e) {
            problems.add(new ConfigProblem(name, 0, "",
                    "cannot check who may read the secrets file: its file system has no POSIX permissions"));
            return Map.of();
        } catch (IOException e) {
            problems.add(new ConfigProblem(name, 0, "", "cannot check the secrets file's permissions: " + IoErrors.reason(e)));
            return Map.of();
        }
        Set<PosixFilePermission> others = EnumSet.noneOf(PosixFilePermission.class);
        others.addAll(perms);
        others.retainAll(NOT_OWNER);
        if (!others.isEmpty()) {
            problems.add(new ConfigProblem(name, 0, "", "secrets file has mode " + mode(perms)
                    + ": only its owner (the service user) may read it; run: chown plm:plm " + name
                    + " && chmod 600 " + name));
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            problems.add(new ConfigProblem(name, 0, "", "user " + System.getProperty("user.name")
                    + " may not read the secrets file: it must belong to the service user (chown plm:plm " + name + ")"));
            return Map.of();
        } catch (IOException e) {
            // The message of a decoding error names no content, only the charset.
            problems.add(new ConfigProblem(name, 0, "", "cannot read the secrets file: " + IoErrors.reason(e)));
            return Map.of();
        }
        Map<String, Secret> secrets = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(name, lineNo, "", "line is not 'key = value' (its text is not shown: it may be a secret)"));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals(TOKEN)) {
                problems.add(new ConfigProblem(name, lineNo, key, "token authentication is not supported: the forwarder "
                        + "speaks InfluxDB 1.x; set influx.username in plm.conf and influx.password here instead"));
            } else if (!KEYS.contains(key)) {
                Optional<String> near = ConfigKeys.closest(key, KEYS);
                problems.add(new ConfigProblem(name, lineNo, key, "unknown key"
                        + near.map(n -> "; did you mean '" + n + "'?").orElse("; allowed: " + String.join(", ", KEYS))));
            } else if (value.isEmpty()) {
                problems.add(new ConfigProblem(name, lineNo, key, "empty value"));
            } else if (secrets.containsKey(key)) {
                problems.add(new ConfigProblem(name, lineNo, key, "set twice"));
            } else {
                secrets.put(key, Secret.of(value));
            }
        }
        return secrets;
    }

    /** @return the permissions as octal digits, e.g. {@code 0640} */
    static String mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1 << (8 - p.ordinal());
        }
        return String.format("0%03o", m);
    }
}
