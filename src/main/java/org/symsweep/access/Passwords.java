package org.symsweep.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with
 * OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about 50 ms per check on one core, slow enough
 * for guessing to be expensive. The parameters are stored with each hash, so they can be raised later and
 * old hashes still verify.
 */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    /** Verified against when a user name is unknown, so the answer takes as long as for a known one. */
    private static final String DUMMY = hash("an unknown account has no password");

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, LANES, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }

    /** True when the password matches the stored hash; false for a malformed hash too. */
    public static boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int memory = 0;
            int iterations = 0;
            int lanes = 0;
            for (String setting : parts[3].split(",")) {
                String[] kv = setting.split("=", 2);
                int value = Integer.parseInt(kv[1]);
                switch (kv[0]) {
                    case "m" -> memory = value;
                    case "t" -> iterations = value;
                    case "p" -> lanes = value;
                    default -> {
                        return false;
                    }
                }
            }
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(parts[4]);
            byte[] expected = b64.decode(parts[5]);
            byte[] actual = argon2(password, salt, memory, iterations, lanes, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the time of one verification, for unknown user names. */
    public static void verifyNothing(String password) {
        verify(password, DUMMY);
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    private static byte[] argon2(String password, byte[] salt, int memory, int iterations, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
