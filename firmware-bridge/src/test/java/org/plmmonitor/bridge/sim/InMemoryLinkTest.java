package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.bridge.serial.Await;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.InMemoryLink;
import org.plmmonitor.bridge.serial.Pacer;
import org.plmmonitor.bridge.serial.RecordingSink;
import org.plmmonitor.bridge.serial.SerialLinkConfig;
import org.plmmonitor.bridge.serial.SerialSensorSource;
import org.plmmonitor.bridge.serial.SessionConfig;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator and the host session in one JVM over an in-memory link: the demo's wiring. */
class InMemoryLinkTest {

    @Test
    void aSimulatedTenMinutesArrivesWholeInProcess() throws Exception {
        InMemoryLink[] ends = InMemoryLink.pair(4096, SerialLinkConfig.DEFAULT);
        RecordingSink left = new RecordingSink();
        RecordingSink right = new RecordingSink();
        SerialSensorSource src = new SerialSensorSource().addSink(Leg.LEFT, left).addSink(Leg.RIGHT, right);
        int n = 600 * 50;
        try (DeviceSession host = new DeviceSession("mem:host", p -> ends[0], SerialLinkConfig.DEFAULT,
                SessionConfig.DEFAULT, Pacer.realTime(), System::nanoTime);
             DeviceSimulator sim = new DeviceSimulator(ends[1], SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(2000).build(),
                     List.of(new PatternSource(50, 600, 0), new PatternSource(50, 600, 1)), System::nanoTime)) {
            host.addListener(src);
            host.start();
            sim.start();
            Await.until("ten minutes on both legs", Duration.ofSeconds(20), () -> left.count() >= n && right.count() >= n,
                    () -> left.count() + " " + right.count() + " " + sim.stats());
            assertEquals(0, host.counters().rejectedTotal());
            assertEquals(0, sim.stats().framesDropped());
        }
        assertEquals(n, left.count());
        assertEquals(List.of(), left.stepsLongerThan(1.5 / 50), "no step longer than a period");
        assertEquals((n - 1) / 50.0, left.samplesCopy().get(n - 1)[0], 1e-9);
    }
}
