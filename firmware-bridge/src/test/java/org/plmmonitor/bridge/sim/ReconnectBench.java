package org.plmmonitor.bridge.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.bridge.serial.Await;
import org.plmmonitor.bridge.serial.DeviceSession;
import org.plmmonitor.bridge.serial.SessionListener;
import org.plmmonitor.bridge.serial.SocatPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnect time after a replug (socat killed and restarted with the same links), over repeated
 * cycles with a simulator streaming, for firmware-bridge/README.md. Group "bench"; run its main.
 */
@Tag("bench")
class ReconnectBench {

    @Test
    void bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("cycles", 20);
        long outageMs = args.length > 1 ? Long.parseLong(args[1]) : Long.getLong("outageMs", 0);
        Path dir = Files.createTempDirectory("plm-reconnect");
        SocatPair pair = new SocatPair(dir).start();
        AtomicLong connectedAt = new AtomicLong();
        AtomicLong firstSampleAt = new AtomicLong();
        DeviceSession host = DeviceSession.overSerial(pair.b());
        host.addListener(new SessionListener() {
            @Override
            public void onConnected(String path, long attempt) {
                connectedAt.set(System.nanoTime());
            }

            @Override
            public void onMessage(org.plmmonitor.bridge.protocol.Message m) {
                if (m instanceof org.plmmonitor.bridge.protocol.Message.SampleBatch) {
                    firstSampleAt.compareAndSet(0, System.nanoTime());
                }
            }
        });
        host.start();
        DeviceSimulator sim = DeviceSimulator.overSerial(pair.a(), SimulatorConfig.builder().role(DeviceRole.SENSOR)
                .speed(1).batchSamples(5).build(), List.of(new PatternSource(50, 1e6, 0)));
        sim.start();
        double[] toConnect = new double[cycles];
        double[] toData = new double[cycles];
        for (int i = 0; i < cycles; i++) {
            Await.until("connected", Duration.ofSeconds(5), host::isConnected);
            pair.stop();
            Await.until("unplug seen", Duration.ofSeconds(5), () -> !host.isConnected());
            Thread.sleep(outageMs); // a bench, not an assertion: how long the device stays away
            long connects = host.counters().connects();
            firstSampleAt.set(0);
            pair.start();
            long replug = System.nanoTime();
            Await.until("reconnected", Duration.ofSeconds(5), () -> host.counters().connects() > connects);
            Await.until("data again", Duration.ofSeconds(5), () -> firstSampleAt.get() != 0);
            toConnect[i] = (connectedAt.get() - replug) / 1e6;
            toData[i] = (firstSampleAt.get() - replug) / 1e6;
        }
        sim.close();
        host.close();
        pair.close();
        Arrays.sort(toConnect);
        Arrays.sort(toData);
        System.out.printf("outage %d ms; reconnect after replug over %d cycles: median %.0f ms, max %.0f ms; first samples again: median %.0f ms, max %.0f ms%n",
                outageMs, cycles, toConnect[cycles / 2], toConnect[cycles - 1], toData[cycles / 2], toData[cycles - 1]);
    }
}
