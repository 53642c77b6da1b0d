package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;
import org.plmmonitor.bridge.protocol.Message.Identify;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.serial.Await;
import org.plmmonitor.bridge.serial.CommandResult;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.SerialCuffClient;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SessionConfig;
import org.plmmonitor.bridge.serial.SocatPair;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cuff controller end to end over a socat pty pair: commands, acks, telemetry, the watchdog. */
class CuffOverSerialIntegrationTest {

    @BeforeAll
    static void needsSocat() {
        SocatPair.assumeSocat();
    }

    @Test
    void commandsAreAnsweredTelemetryFollowsAndSilenceVents(@TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir).start();
             DeviceSimulator sim = DeviceSimulator.overSerial(pair.a(),
                     SimulatorConfig.builder().role(DeviceRole.CUFF).speed(10).watchdogMs(400).build(), List.of())) {
            DeviceSession host = DeviceSession.overSerial(pair.b(), SerialLinkConfig.DEFAULT, new SessionConfig(100, 5000));
            SerialCuffClient cuff = new SerialCuffClient(host);
            host.start();
            sim.start();
            Await.until("IDENTIFY", Duration.ofSeconds(5), () -> host.identity().isPresent());
            Identify id = host.identity().get();
            assertEquals(Identify.ROLE_CUFF, id.roles());
            assertEquals(600, id.ceilingDeciMmHg());
            assertEquals(400, id.watchdogTimeoutMs());

            CommandResult ok = cuff.inflate(29, 30).get(2, TimeUnit.SECONDS);
            assertTrue(ok.accepted(), ok.toString());
            Await.until("holding at 29 mmHg", Duration.ofSeconds(5), () -> cuff.latestTelemetry()
                            .filter(t -> t.state() == CuffState.HOLDING && Math.abs(t.pressureMmHg() - 29) < 2.5).isPresent(),
                    () -> cuff.latestTelemetry().toString());
            assertEquals(ok.commandId(), cuff.latestTelemetry().get().lastCommandId());

            CommandResult refused = cuff.inflate(70, 5).get(2, TimeUnit.SECONDS);
            assertEquals(new CommandResult(refused.commandId(), false, NackReason.ABOVE_CEILING), refused);

            host.close(); // the host goes quiet mid-hold
            Await.until("watchdog vent", Duration.ofSeconds(3), () -> {
                synchronized (sim.cuff()) {
                    return sim.cuff().pressureMmHg() < 1
                            && (sim.cuff().telemetry(0).flags() & CuffTelemetry.FLAG_WATCHDOG_VENT) != 0;
                }
            });
        }
    }
}
