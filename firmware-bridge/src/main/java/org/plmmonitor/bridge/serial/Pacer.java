package org.plmmonitor.bridge.serial;

/**
 * Waits between reconnect attempts and can be woken by close. Injected so that tests can check the
 * pacing (no busy loop) without waiting in real time.
 */
public interface Pacer {
    /**
     * @param ms how long to wait, ms
     * @return false when woken because the owner is closing (the caller gives up)
     */
    boolean pause(long ms);

    /** Wakes a pending {@link #pause} for good: every later pause returns false at once. */
    void shutdown();

    /** @return a pacer that waits in real time on a monitor */
    static Pacer realTime() {
        return new Pacer() {
            private boolean down;

            @Override
            public synchronized boolean pause(long ms) {
                long end = System.nanoTime() + ms * 1_000_000L;
                long left;
                while (!down && (left = end - System.nanoTime()) > 0) {
                    try {
                        wait(Math.max(1, left / 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return !down;
            }

            @Override
            public synchronized void shutdown() {
                down = true;
                notifyAll();
            }
        };
    }
}
