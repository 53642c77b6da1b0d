package org.plmmonitor.monitor.daemon;

/**
 * Hears the {@link NightLifecycle}'s decisions as they are taken, before the daemon acts on them (opens or
 * closes the night's session). The place where behaviour that follows the night plugs in (the posture watch
 * forgets its judgement at a close; the cuff therapy policies of a later issue start and stop here). Called
 * on the daemon's processing thread; a listener must return promptly and must not throw.
 */
interface NightListener {
    /**
     * A night opened.
     *
     * @param nightId    its name ({@code yyyy-MM-dd}, the local date of its evening)
     * @param startUtcMs where it starts, UTC epoch ms (for a posture night, where the lying began)
     * @param endUtcMs   the latest it may end, UTC epoch ms (its window's end)
     */
    default void nightOpened(String nightId, long startUtcMs, long endUtcMs) {
    }

    /**
     * A night closed.
     *
     * @param nightId  its name
     * @param endUtcMs where it ends, UTC epoch ms (never after its window's end)
     * @param reason   why it closed
     */
    default void nightClosed(String nightId, long endUtcMs, NightLifecycle.CloseReason reason) {
    }
}
