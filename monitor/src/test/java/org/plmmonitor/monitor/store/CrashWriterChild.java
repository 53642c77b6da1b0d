package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: writes activity, movements and raw chunks as fast
 * as a real night would at high speed, and prints "put N" after queueing item N, until killed.
 */
public final class CrashWriterChild {
    private CrashWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        LocalStore store = LocalStore.open(Path.of(args[0]), StoreConfig.builder().forwardingEnabled(true).build(),
                Clock.systemUTC());
        Random rnd = new Random(11);
        long start = 1_795_469_400L;
        for (int i = 0; ; i++) {
            store.putActivity(new ActivitySecond("2026-11-23", Leg.LEFT, start + i, 0.01, true, true));
            if (i % 10 == 0) {
                long on = (start + i) * 1000;
                store.putMovement(new StoredMovement("2026-11-23", Leg.LEFT, on, on + 1000, i, i + 1, true, false, null,
                        false, 0.1, 0.05, "det", ScoringStandard.WASM2016));
                store.putRawChunk(LocalStoreTest.noisyChunk("2026-11-23", Leg.RIGHT, on, rnd, 3));
            }
            System.out.println("put " + i);
            System.out.flush();
            Thread.sleep(1); // about 1000 items/s: a fast-forwarded night
        }
    }
}
