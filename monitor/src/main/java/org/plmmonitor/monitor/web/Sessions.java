package org.plmmonitor.monitor.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The logged-in sessions, in memory (a restart logs everyone out, which is fine for one household's
 * monitor). A session ends {@link #IDLE} after its last request, {@link #MAX_AGE} after the login, at
 * logout, or when {@link #MAX_SESSIONS} newer ones push it out. Thread-safe.
 */
final class Sessions {
    /** A session unused this long ends. */
    static final Duration IDLE = Duration.ofHours(2);
    /** A session ends this long after its login, used or not. */
    static final Duration MAX_AGE = Duration.ofHours(12);
    /** At most this many sessions live at once; the least recently used goes first. */
    static final int MAX_SESSIONS = 32;

    /**
     * One logged-in browser.
     *
     * @param id       the cookie value: 32 random bytes, base64url
     * @param user     who logged in
     * @param csrf     the token every POST of this session must carry: 32 random bytes, base64url
     * @param created  when the login succeeded
     * @param lastSeen its latest request
     */
    record Session(String id, String user, String csrf, Instant created, Instant lastSeen) {
    }

    private final Clock clock;
    private final SecureRandom random;
    /** In access order: the eldest entry is the least recently used session. */
    private final LinkedHashMap<String, Session> live = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /**
     * @param clock  the wall clock (expiry)
     * @param random the source of session ids and tokens
     */
    Sessions(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @return 32 random bytes as base64url without padding (43 characters) */
    String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * @param user who logged in
     * @return a new session (a fresh id: an id seen before the login is never promoted)
     */
    synchronized Session create(String user) {
        Instant now = clock.instant();
        Session s = new Session(token(), user, token(), now, now);
        live.put(s.id(), s);
        return s;
    }

    /**
     * @param id a cookie value, or null
     * @return the live session with that id (its last use now), or empty when there is none or it expired
     */
    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = live.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.created().plus(MAX_AGE))) {
            live.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.user(), s.csrf(), s.created(), now);
        live.put(id, touched);
        return Optional.of(touched);
    }

    /** @param id the session to end (logout); unknown ids are ignored */
    synchronized void remove(String id) {
        if (id != null) {
            live.remove(id);
        }
    }
}
