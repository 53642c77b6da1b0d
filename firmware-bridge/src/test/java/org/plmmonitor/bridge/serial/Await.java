package org.plmmonitor.bridge.serial;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until it holds or a deadline passes; never a fixed sleep as an assertion. */
public final class Await {
    private Await() {
    }

    /**
     * @param what    description for the failure message
     * @param timeout longest wait
     * @param cond    the condition
     * @param state   describes the present state on failure
     */
    public static void until(String what, Duration timeout, BooleanSupplier cond, Supplier<String> state) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** Same without state. */
    public static void until(String what, Duration timeout, BooleanSupplier cond) {
        until(what, timeout, cond, () -> "");
    }
}
