package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    private static final PasswordHasher PI = new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new SecureRandom());

    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        // Made by the Argon2 reference implementation (Debian's argon2 command), an independent implementation:
        //   echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e  (the reference's own test vector)
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(PI.verify("password".toCharArray(), reference));
        assertFalse(PI.verify("Password".toCharArray(), reference));
        //   echo -n "Pferd Batterie Heftklammer" | argon2 "16 bytes of salt" -id -t 4 -k 9216 -p 1 -l 32 -e  (our cost)
        String ours = "$argon2id$v=19$m=9216,t=4,p=1$MTYgYnl0ZXMgb2Ygc2FsdA$6XYuh59uoHvcKtlIM/EeVL93IKD5KQzfped5UIQF/do";
        assertTrue(PI.verify("Pferd Batterie Heftklammer".toCharArray(), ours));
        assertFalse(PI.verify("Pferd Batterie Heftklammer ".toCharArray(), ours));
    }

    @Test
    void newHashesCarryTheirCostAndAFreshSalt() {
        String a = PI.hash("a long enough secret".toCharArray());
        String b = PI.hash("a long enough secret".toCharArray());
        assertTrue(a.startsWith("$argon2id$v=19$m=9216,t=4,p=1$"), a);
        assertTrue(PasswordHasher.wellFormed(a), a);
        assertNotEquals(a, b, "two hashes of one password share no salt");
        assertTrue(PI.verify("a long enough secret".toCharArray(), a));
        assertTrue(PI.verify("a long enough secret".toCharArray(), b));
        assertFalse(PI.verify("a long enough secreT".toCharArray(), a));
    }

    @Test
    void anUnknownUserOrADamagedHashNeverMatches() {
        assertFalse(PI.verify("not a password of anyone".toCharArray(), null), "the dummy is never a match");
        assertFalse(PI.verify("x".toCharArray(), "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        assertFalse(PI.verify("password".toCharArray(), "plaintext password"));
        assertFalse(PasswordHasher.wellFormed("$argon2id$v=19$m=9216,t=4,p=1$$"));
    }

    @Test
    void costOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Cost(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Cost(9216, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Cost(9216, 1, 17));
    }
}
