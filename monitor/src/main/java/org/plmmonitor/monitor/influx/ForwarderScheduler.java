package org.plmmonitor.monitor.influx;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a background task of the daemon after a delay, one at a time and off the processing thread: the
 * forwarder's next cycle, and the web's look for its first user ({@code DaemonWeb}).
 */
public interface ForwarderScheduler extends AutoCloseable {
    /**
     * @param task  the cycle to run
     * @param delay how long from now, {@code >= 0}
     */
    void schedule(Runnable task, Duration delay);

    /** Stops running tasks. */
    @Override
    void close();

    /** @return a scheduler on one daemon thread named {@code plm-influx-forwarder} */
    static ForwarderScheduler singleThread() {
        return singleThread("plm-influx-forwarder");
    }

    /**
     * @param threadName the name of its one daemon thread (shown in thread dumps)
     * @return a scheduler on that thread
     */
    static ForwarderScheduler singleThread(String threadName) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        return new ForwarderScheduler() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                if (!ex.isShutdown()) {
                    ex.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                }
            }

            @Override
            public void close() {
                ex.shutdownNow();
                try {
                    ex.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
