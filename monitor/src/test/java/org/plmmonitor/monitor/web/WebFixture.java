package org.plmmonitor.monitor.web;

import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.daemon.SimulatedNights;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.MutableClock;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.WebUsers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A store with one night the real daemon recorded (simulated sensors), a web user, and a server over it. */
final class WebFixture implements AutoCloseable {
    static final Clock WALL = SimulatedNights.MORNING;
    static final String NIGHT = SimulatedNights.NIGHT;
    static final String USER = "anna";
    static final String PASSWORD = "correct horse battery";
    /** A cheap Argon2id for tests that log in many times (the cost is in the stored hash). */
    static final PasswordHasher FAST = new PasswordHasher(new PasswordHasher.Cost(64, 1, 1), new SecureRandom());

    final Path data;
    final LocalStore store;
    final DiaryStore diary;
    final WebServer server;
    final MutableClock clock;

    private WebFixture(Path data, LocalStore store, DiaryStore diary, WebServer server, MutableClock clock) {
        this.data = data;
        this.store = store;
        this.diary = diary;
        this.server = server;
        this.clock = clock;
    }

    /**
     * Runs the real daemon on a simulated 2-h two-ankle night into {@code dir/data}.
     *
     * @return the data directory
     */
    static Path recordNight(Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertEquals(NIGHT, SimulatedNights.record(data, 5).nightId());
        return data;
    }

    /** @return a copy of a data directory (for tests that delete), made while no connection is open */
    static Path copy(Path data, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(data.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    /** Adds the test user (cheap hash) to a data directory's store. */
    static void addUser(Path data) {
        new WebUsers(data.resolve("plm.db")).set(USER, FAST.hash(PASSWORD.toCharArray()), WALL);
    }

    /**
     * Serves a data directory on a free loopback port.
     *
     * @param settings  bind, https (the port is replaced by 0)
     * @param recording what the daemon records now
     */
    static WebFixture serve(Path data, WebConfig settings, Supplier<Optional<String>> recording) throws WebStartException {
        Path db = data.resolve("plm.db");
        MutableClock clock = new MutableClock(WALL.instant());
        LocalStore store = LocalStore.open(db, StoreConfig.builder().path(db).build(), clock);
        DiaryStore diary = DiaryStore.open(db, clock);
        try {
            WebSite site = new WebSite(store, diary, data, ZoneId.of("Europe/Berlin"), "p-0042", recording);
            WebServer server = WebServer.start(settings.at(settings.bind(), 0), site, new WebUsers(db), FAST, clock, "--dir " + data);
            return new WebFixture(data, store, diary, server, clock);
        } catch (WebStartException | RuntimeException e) {
            diary.close();
            store.close();
            throw e;
        }
    }

    static WebFixture serve(Path data) throws WebStartException {
        return serve(data, WebConfig.DEFAULT, Optional::empty);
    }

    @Override
    public void close() {
        server.close();
        diary.close();
        store.close();
    }
}
