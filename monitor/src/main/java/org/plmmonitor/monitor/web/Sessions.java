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
import java.util.function.Function;

/**
 * The logged-in sessions, in memory (a restart logs everyone out, which is fine for one household's
 * monitor). A session ends {@link #IDLE} after its last request, {@link #MAX_AGE} after the login, at
 * logout, within {@link #RECHECK} of its user's password being replaced or the user deleted, or when
 * {@link #MAX_SESSIONS} newer ones push it out. Thread-safe.
 */
final class Sessions {
    /** A session unused this long ends. */
    static final Duration IDLE = Duration.ofHours(2);
    /** A session ends this long after its login, used or not. */
    static final Duration MAX_AGE = Duration.ofHours(12);
    /** At most this many sessions live at once; the least recently used goes first. */
    static final int MAX_SESSIONS = 32;
    /** How often a session's login is compared with the store's user (a short read per session at most this often). */
    static final Duration RECHECK = Duration.ofMinutes(1);

    /**
     * One logged-in browser.
     *
     * @param id       the cookie value: 32 random bytes, base64url
     * @param user     who logged in
     * @param csrf     the token every POST of this session must carry: 32 random bytes, base64url
     * @param created    when the login succeeded
     * @param lastSeen   its latest request
     * @param credential the encoded password hash the login was checked against (never a password)
     * @param checked    when {@code credential} was last found unchanged in the store
     */
    record Session(String id, String user, String csrf, Instant created, Instant lastSeen, String credential,
                   Instant checked) {
        @Override
        public String toString() {
            return "Session[user=" + user + ", created=" + created + ", lastSeen=" + lastSeen + "]"; // no id, token or hash
        }
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Function<String, Optional<String>> credentials;
    /** In access order: the eldest entry is the least recently used session. */
    private final LinkedHashMap<String, Session> live = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /**
     * @param clock       the wall clock (expiry)
     * @param random      the source of session ids and tokens
     * @param credentials a user's encoded password hash as stored now, or empty when there is no such user
     *                    (the store's {@code WebUsers::hash}); an exception counts as "not confirmed"
     */
    Sessions(Clock clock, SecureRandom random, Function<String, Optional<String>> credentials) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** @return 32 random bytes as base64url without padding (43 characters) */
    String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * @param user       who logged in
     * @param credential the encoded password hash the login was checked against
     * @return a new session (a fresh id: an id seen before the login is never promoted)
     */
    synchronized Session create(String user, String credential) {
        Objects.requireNonNull(credential, "credential");
        Instant now = clock.instant();
        Session s = new Session(token(), user, token(), now, now, credential, now);
        live.put(s.id(), s);
        return s;
    }

    /**
     * @param id a cookie value, or null
     * @return the live session with that id (its last use now), or empty when there is none, it expired, or
     *         its user's password was replaced or the user deleted (looked up at most every {@link #RECHECK})
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
        Instant checked = s.checked();
        if (!now.isBefore(checked.plus(RECHECK))) {
            if (!stillValid(s)) {
                live.remove(id);
                return Optional.empty();
            }
            checked = now;
        }
        Session touched = new Session(s.id(), s.user(), s.csrf(), s.created(), now, s.credential(), checked);
        live.put(id, touched);
        return Optional.of(touched);
    }

    /** @return true when the store still holds the hash the session's login was checked against */
    private boolean stillValid(Session s) {
        try {
            return credentials.apply(s.user()).map(s.credential()::equals).orElse(false);
        } catch (RuntimeException unreadable) {
            // Fail closed: the login page reads the same store and says what is wrong there.
            return false;
        }
    }

    /** @param id the session to end (logout); unknown ids are ignored */
    synchronized void remove(String id) {
        if (id != null) {
            live.remove(id);
        }
    }
}
