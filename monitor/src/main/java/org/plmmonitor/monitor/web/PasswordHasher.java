package org.plmmonitor.monitor.web;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=KiB,t=N,p=N$salt$hash},
 * base64 without padding), through BouncyCastle's lightweight API. The cost is stored in each string, so a
 * later change of {@link Cost#PI_ZERO} still verifies old hashes. One hash is computed at a time in the
 * process (its memory, {@link Cost#memoryKiB()}, is the largest allocation the web makes, and the daemon's
 * heap is 48 MB).
 */
public final class PasswordHasher {
    /** Salt length, bytes (RFC 9106 recommends 16). */
    static final int SALT_BYTES = 16;
    /** Tag length, bytes. */
    static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1, true);

    /**
     * Argon2id cost.
     *
     * @param memoryKiB   memory, KiB, 8*parallelism to 1048576
     * @param iterations  passes over the memory, 1-100
     * @param parallelism lanes, 1-16
     */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        /**
         * For a Raspberry Pi Zero 2 W (512 MB, daemon heap 48 MB): OWASP's m = 9 MiB, t = 4, p = 1 setting,
         * one of its equal-strength Argon2id choices, with the least memory that keeps a login under about
         * a second there (docs/web.md has the measured time).
         */
        public static final Cost PI_ZERO = new Cost(9216, 4, 1);

        public Cost {
            if (parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("Argon2 parallelism " + parallelism + " is not 1-16");
            }
            if (iterations < 1 || iterations > 100) {
                throw new IllegalArgumentException("Argon2 iterations " + iterations + " is not 1-100");
            }
            if (memoryKiB < 8 * parallelism || memoryKiB > 1 << 20) {
                throw new IllegalArgumentException("Argon2 memory " + memoryKiB + " KiB is not " + 8 * parallelism + "-1048576");
            }
        }
    }

    private final Cost cost;
    private final SecureRandom random;
    /** Verified against when a user does not exist, so that an unknown name takes as long as a wrong password. */
    private final String dummy;

    /**
     * @param cost   the cost of new hashes (verification uses the cost stored in the hash)
     * @param random the salt source (a {@link SecureRandom}: salts must not be predictable)
     */
    public PasswordHasher(Cost cost, SecureRandom random) {
        this.cost = Objects.requireNonNull(cost, "cost");
        this.random = Objects.requireNonNull(random, "random");
        this.dummy = hash("not a password of anyone".toCharArray());
    }

    /**
     * @param password the password; not kept (the caller should clear it)
     * @return its PHC-format Argon2id hash with a fresh random salt
     */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] tag = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    /**
     * @param password the password typed
     * @param encoded  the stored hash, or null for an unknown user (a dummy is verified instead, same time)
     * @return whether the password matches; false for a null or malformed {@code encoded}
     */
    public boolean verify(char[] password, String encoded) {
        Matcher m = PHC.matcher(encoded == null ? "" : encoded);
        boolean real = m.matches();
        if (!real) {
            m = PHC.matcher(dummy);
            m.matches();
        }
        Cost c;
        byte[] salt;
        byte[] expected;
        try {
            c = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            salt = Base64.getDecoder().decode(m.group(4));
            expected = Base64.getDecoder().decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false; // a damaged stored hash never matches
        }
        byte[] actual = derive(password, salt, c, expected.length);
        return MessageDigest.isEqual(actual, expected) && real;
    }

    /** @return whether {@code encoded} is a hash this class reads */
    public static boolean wellFormed(String encoded) {
        return encoded != null && PHC.matcher(encoded).matches();
    }

    private static byte[] derive(char[] password, byte[] salt, Cost c, int length) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(c.memoryKiB())
                .withIterations(c.iterations()).withParallelism(c.parallelism()).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] pw = toUtf8(password);
        byte[] out = new byte[length];
        ONE_AT_A_TIME.acquireUninterruptibly();
        try {
            g.generateBytes(pw, out);
        } finally {
            ONE_AT_A_TIME.release();
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        var buf = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        Arrays.fill(buf.array(), (byte) 0);
        return b;
    }
}
