package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.protocol.Message.CuffState;
import org.plmmonitor.bridge.protocol.Message.Nack;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.protocol.Message.UnknownCommand;
import org.plmmonitor.bridge.serial.Await;
import org.plmmonitor.bridge.serial.CommandResult;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.InMemoryLink;
import org.plmmonitor.bridge.serial.Pacer;
import org.plmmonitor.bridge.serial.SerialCuffClient;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SessionConfig;
import org.plmmonitor.bridge.serial.SessionListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated controller's side of PROTOCOL.md §7.4 and §7.5, through the host's own session. */
class CuffSimulatorProtocolTest {

    private static DeviceSession host(InMemoryLink end) {
        return new DeviceSession("mem:host", p -> end, SerialLinkConfig.DEFAULT, SessionConfig.DEFAULT,
                Pacer.realTime(), System::nanoTime);
    }

    @Test
    void anUnknownOpcodeIsAnsweredWithNackUnknownOpcode() throws Exception {
        InMemoryLink[] ends = InMemoryLink.pair(4096, SerialLinkConfig.DEFAULT);
        List<Nack> nacks = Collections.synchronizedList(new ArrayList<>());
        try (DeviceSession host = host(ends[0]);
             DeviceSimulator sim = new DeviceSimulator(ends[1], SimulatorConfig.builder().role(DeviceRole.CUFF).build(),
                     List.of(), System::nanoTime)) {
            host.addListener(new SessionListener() {
                @Override
                public void onMessage(org.plmmonitor.bridge.protocol.Message m) {
                    if (m instanceof Nack n) {
                        nacks.add(n);
                    }
                }
            });
            host.start();
            sim.start();
            Await.until("IDENTIFY", Duration.ofSeconds(5), () -> host.identity().isPresent());
            host.send(new UnknownCommand(41, 0x77, 1, 2));
            Await.until("an answer", Duration.ofSeconds(5), () -> !nacks.isEmpty());
            assertEquals(List.of(new Nack(41, NackReason.UNKNOWN_OPCODE)), nacks);
            assertEquals(0, sim.stats().hostRejected(), "a valid frame, not a rejected one");
        }
    }

    @Test
    void everyStateChangeIsReportedEvenWhenThePeriodicTelemetryIsRare() throws Exception {
        InMemoryLink[] ends = InMemoryLink.pair(4096, SerialLinkConfig.DEFAULT);
        List<CuffState> states = Collections.synchronizedList(new ArrayList<>());
        // One periodic frame every 10 s: the ~3 s cycle below is seen only through state-change frames.
        SimulatorConfig cfg = SimulatorConfig.builder().role(DeviceRole.CUFF).telemetryHz(0.1).build();
        try (DeviceSession host = host(ends[0]);
             DeviceSimulator sim = new DeviceSimulator(ends[1], cfg, List.of(), System::nanoTime)) {
            SerialCuffClient cuff = new SerialCuffClient(host);
            cuff.addTelemetryListener(t -> {
                synchronized (states) {
                    if (states.isEmpty() || states.get(states.size() - 1) != t.state()) {
                        states.add(t.state());
                    }
                }
            });
            host.start();
            sim.start();
            Await.until("first telemetry", Duration.ofSeconds(5), () -> !states.isEmpty());
            CommandResult r = cuff.inflate(20, 0.5).get(2, TimeUnit.SECONDS);
            assertTrue(r.accepted(), r.toString());
            Await.until("back to IDLE", Duration.ofSeconds(10), () -> states.size() >= 5, states::toString);
            assertEquals(List.of(CuffState.IDLE, CuffState.INFLATING, CuffState.HOLDING, CuffState.VENTING, CuffState.IDLE),
                    List.copyOf(states));
        }
    }
}
