package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Test;
import org.plmmonitor.monitor.store.MutableClock;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sessions' bounds of docs/web.md ("Sessions"): idle time, age and count, on an injected clock. */
class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-02T09:00:00Z"));
    private final Sessions sessions = new Sessions(clock, seeded());

    private static SecureRandom seeded() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(42L); // before the first use: the ids are then reproducible
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("SHA1PRNG is part of every JDK", e);
        }
    }

    @Test
    void aSessionEndsWhenIdleAndEachUseMovesItsEnd() {
        String id = sessions.create("anna").id();
        clock.advance(Sessions.IDLE.minusMillis(1));
        assertTrue(sessions.find(id).isPresent(), "a millisecond before the idle time");
        clock.advance(Sessions.IDLE.minusMillis(1));
        assertTrue(sessions.find(id).isPresent(), "the use before moved the end");
        clock.advance(Sessions.IDLE);
        assertFalse(sessions.find(id).isPresent(), "idle for exactly " + Sessions.IDLE);
        assertFalse(sessions.find(id).isPresent(), "and it stays gone");
    }

    @Test
    void aSessionUsedAllTheTimeStillEndsAtItsMaximumAge() {
        String id = sessions.create("anna").id();
        Duration step = Duration.ofMinutes(30);
        Duration used = Duration.ZERO;
        while (used.plus(step).compareTo(Sessions.MAX_AGE) < 0) {
            clock.advance(step);
            used = used.plus(step);
            assertTrue(sessions.find(id).isPresent(), "in use after " + used);
        }
        clock.advance(Sessions.MAX_AGE.minus(used));
        assertFalse(sessions.find(id).isPresent(), Sessions.MAX_AGE + " after the login");
    }

    @Test
    void atMostTheCapLiveAndTheLeastRecentlyUsedGoesFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
            ids.add(sessions.create("user" + i).id());
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(Sessions.MAX_SESSIONS, ids.stream().distinct().count(), "every id is new");
        assertTrue(sessions.find(ids.get(0)).isPresent(), "the oldest login, just used: now the most recent");
        String newest = sessions.create("late").id();
        assertTrue(sessions.find(newest).isPresent());
        assertTrue(sessions.find(ids.get(0)).isPresent(), "kept: it was used");
        assertFalse(sessions.find(ids.get(1)).isPresent(), "the least recently used was pushed out");
        for (String id : ids.subList(2, ids.size())) {
            assertTrue(sessions.find(id).isPresent(), id);
        }
        String more = sessions.create("one more").id();
        List<String> all = new ArrayList<>(ids);
        all.add(newest);
        all.add(more);
        assertEquals(Sessions.MAX_SESSIONS, countLive(all), "one more login pushes one more out: never more than the cap");
    }

    private int countLive(List<String> ids) {
        int n = 0;
        for (String id : ids) {
            n += sessions.find(id).isPresent() ? 1 : 0;
        }
        return n;
    }

    @Test
    void logoutEndsOnlyThatSession() {
        String a = sessions.create("anna").id();
        String b = sessions.create("anna").id();
        sessions.remove(a);
        sessions.remove(null);
        sessions.remove("unknown");
        assertFalse(sessions.find(a).isPresent());
        assertTrue(sessions.find(b).isPresent());
        assertFalse(sessions.find(null).isPresent());
    }
}
