package org.plmmonitor.monitor.influx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A scheduler the test drives: it records each requested delay and runs the next task on demand. */
final class ManualScheduler implements ForwarderScheduler {
    final List<Duration> delays = new ArrayList<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        delays.add(delay);
        tasks.add(task);
    }

    /** Runs the next scheduled task, as if its delay had passed. */
    void runNext() {
        Runnable r;
        synchronized (this) {
            r = tasks.poll();
        }
        if (r == null) {
            throw new IllegalStateException("nothing scheduled");
        }
        r.run();
    }

    Duration lastDelay() {
        return delays.get(delays.size() - 1);
    }

    @Override
    public void close() {
    }
}
