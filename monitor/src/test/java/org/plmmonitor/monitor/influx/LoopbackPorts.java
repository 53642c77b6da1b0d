package org.plmmonitor.monitor.influx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for servers a test starts as separate processes (influxd).
 *
 * <p>Why not {@code new ServerSocket(0)}: that port comes from the kernel's ephemeral range, and between
 * releasing it and the server binding it, any outgoing connection on the machine (a test's HTTP client, Maven)
 * may be given the same port as its local end. CI saw influxd fail with "bind: address already in use" that
 * way. Ports below the ephemeral range are never handed to outgoing connections, so only another listener can
 * take one, and each port is checked free before it is handed out, never twice in one JVM.
 */
public final class LoopbackPorts {
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static int next = -1;

    private LoopbackPorts() {
    }

    /** @return a loopback TCP port, 10000 or above and below the ephemeral range, free when checked */
    public static synchronized int free() throws IOException {
        int top = ephemeralLow() - 1;
        if (top - LOWEST < 100) {
            try (ServerSocket s = new ServerSocket(0)) { // no room below the ephemeral range: the old way
                return s.getLocalPort();
            }
        }
        if (next < 0) {
            // Start each JVM somewhere else so that two test JVMs rarely probe the same ports.
            next = top - (int) (ProcessHandle.current().pid() * 61 % (top - LOWEST));
        }
        for (int tries = 0; tries < top - LOWEST; tries++) {
            int port = next;
            next = next <= LOWEST ? top : next - 1;
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IOException("no free loopback port between " + LOWEST + " and " + top);
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The low end of Linux's ephemeral port range, or IANA's 49152 where it cannot be read. */
    private static int ephemeralLow() {
        try {
            // readAllLines, not readString: a /proc file reports size 0 and readString then returns one byte.
            String line = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
            return Integer.parseInt(line.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 49_152;
        }
    }
}
