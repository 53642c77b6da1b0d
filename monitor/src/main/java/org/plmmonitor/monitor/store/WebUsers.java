package org.plmmonitor.monitor.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web interface's users in the store's {@code web_users} table: a name and the encoded slow hash
 * of its password (the hashing itself is the web package's). Each call opens its own short connection,
 * so {@code plm user set} works beside a running daemon (SQLite's WAL and busy timeout serialise the
 * writes). Reads ({@link #hash}, {@link #count}: every login and session check) open a reading connection
 * that sets nothing up and writes nothing, so in WAL mode they never wait for the daemon's writer. {@link LocalStore#deleteAll()} leaves this table alone: deleting one's data keeps the login.
 */
public final class WebUsers {
    /** A user name: 1-32 letters, digits, '.', '_' or '-'. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final Path db;

    /** @param db the store file ({@code plm.db}); {@code plm-raw.db} beside it is attached as in the store */
    public WebUsers(Path db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Stores (or replaces) a user's password hash, creating the store when it does not exist yet.
     *
     * @param name  the user name, {@link #NAME}
     * @param hash  the encoded hash (never a password)
     * @param clock the wall clock, for {@code updated_ms}
     * @throws StoreException naming the file when it cannot be written
     */
    public void set(String name, String hash, Clock clock) {
        requireName(name);
        Objects.requireNonNull(hash, "hash");
        try {
            Path dir = db.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder of " + db + ": " + e.getMessage(), e);
        }
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO web_users (name, password_hash, updated_ms) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, updated_ms = excluded.updated_ms")) {
            p.setString(1, name);
            p.setString(2, hash);
            p.setLong(3, clock.millis());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store web user '" + name + "' in " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a user: its next login is refused (a running web reads the hash at each login).
     *
     * @param name the user name, {@link #NAME}
     * @return true when the user was there and is removed, false when there was no such user (or no store)
     * @throws StoreException naming the file when it cannot be written
     */
    public boolean delete(String name) {
        requireName(name);
        if (!Files.isRegularFile(db)) {
            return false;
        }
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("DELETE FROM web_users WHERE name = ?")) {
            p.setString(1, name);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot delete web user '" + name + "' from " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name a user name (any text: an unknown or malformed one is simply absent)
     * @return its encoded hash, or empty when there is no such user (or no store)
     * @throws StoreException naming the file when it cannot be read
     */
    public Optional<String> hash(String name) {
        if (name == null || !NAME.matcher(name).matches() || !Files.isRegularFile(db)) {
            return Optional.empty();
        }
        try (Connection c = read()) {
            if (!hasTable(c)) {
                return Optional.empty();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT password_hash FROM web_users WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the web users of " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return how many users there are (0 without a store)
     * @throws StoreException naming the file when it cannot be read
     */
    public int count() {
        if (!Files.isRegularFile(db)) {
            return 0;
        }
        try (Connection c = read()) {
            if (!hasTable(c)) {
                return 0;
            }
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM web_users")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the web users of " + db + ": " + e.getMessage(), e);
        }
    }

    /** @return the store file */
    public Path file() {
        return db;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try {
            Schema.configure(c, LocalStore.rawFile(db));
            Schema.create(c); // a store from before web_users gets the table; a newer schema is refused
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /**
     * A connection that only reads, configured as the store's reader is: no schema setup (its DDL and meta
     * insert are a write transaction, which would wait up to the busy timeout for the daemon's writer), and
     * {@code query_only} so that nothing on it can write.
     */
    private Connection read() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try {
            Schema.configure(c, LocalStore.rawFile(db));
            try (var s = c.createStatement()) {
                s.execute("PRAGMA query_only=1");
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** @return whether the store has the table (a store made before web users has none, and so no user) */
    private static boolean hasTable(Connection c) throws SQLException {
        try (var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'web_users'")) {
            return rs.next();
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' is not 1-32 letters, digits, '.', '_' or '-'");
        }
    }
}
