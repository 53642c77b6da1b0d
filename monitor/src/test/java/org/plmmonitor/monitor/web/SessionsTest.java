package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Test;
import org.plmmonitor.monitor.store.MutableClock;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sessions' bounds of docs/web.md ("Sessions"): idle time, age and count, on an injected clock. */
class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-02T09:00:00Z"));
    /** The store's users: name to encoded hash (the hashes here are stand-ins: Sessions only compares them). */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Sessions sessions = new Sessions(clock, seeded(), name -> Optional.ofNullable(users.get(name)));

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
        String id = create("anna").id();
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
        String id = create("anna").id();
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
            ids.add(create("user" + i).id());
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(Sessions.MAX_SESSIONS, ids.stream().distinct().count(), "every id is new");
        assertTrue(sessions.find(ids.get(0)).isPresent(), "the oldest login, just used: now the most recent");
        String newest = create("late").id();
        assertTrue(sessions.find(newest).isPresent());
        assertTrue(sessions.find(ids.get(0)).isPresent(), "kept: it was used");
        assertFalse(sessions.find(ids.get(1)).isPresent(), "the least recently used was pushed out");
        for (String id : ids.subList(2, ids.size())) {
            assertTrue(sessions.find(id).isPresent(), id);
        }
        String more = create("one more").id();
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

    /** A login of {@code user} as the web makes it: against the hash stored now (one is made when missing). */
    private Sessions.Session create(String user) {
        return sessions.create(user, users.computeIfAbsent(user, u -> "$argon2id$stand-in$" + u));
    }

    @Test
    void aReplacedPasswordOrADeletedUserEndsItsSessionsWithinTheRecheckTime() {
        String anna = create("anna").id();
        String annaOther = create("anna").id();
        String bob = create("bob").id();
        users.put("anna", "$argon2id$replaced");
        clock.advance(Sessions.RECHECK.minusMillis(1));
        assertTrue(sessions.find(anna).isPresent(), "not looked up again before the recheck time");
        clock.advance(Duration.ofMillis(1));
        assertFalse(sessions.find(anna).isPresent(), "the password was replaced");
        assertFalse(sessions.find(annaOther).isPresent(), "every session of that login");
        assertTrue(sessions.find(bob).isPresent(), "another user's session is untouched");
        String annaNew = sessions.create("anna", "$argon2id$replaced").id();
        users.remove("bob");
        clock.advance(Sessions.RECHECK);
        assertFalse(sessions.find(bob).isPresent(), "the user was deleted");
        assertTrue(sessions.find(annaNew).isPresent(), "a login with the new password stays");
    }

    @Test
    void aStoreThatCannotBeReadEndsTheSessionAtItsRecheck() {
        Sessions failing = new Sessions(clock, seeded(), name -> {
            throw new IllegalStateException("database is locked");
        });
        String id = failing.create("anna", "$argon2id$x").id();
        assertTrue(failing.find(id).isPresent(), "no lookup before the recheck time");
        clock.advance(Sessions.RECHECK);
        assertFalse(failing.find(id).isPresent(), "fails closed");
    }

    @Test
    void logoutEndsOnlyThatSession() {
        String a = create("anna").id();
        String b = create("anna").id();
        sessions.remove(a);
        sessions.remove(null);
        sessions.remove("unknown");
        assertFalse(sessions.find(a).isPresent());
        assertTrue(sessions.find(b).isPresent());
        assertFalse(sessions.find(null).isPresent());
    }
}
