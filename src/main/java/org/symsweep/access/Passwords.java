package org.symsweep.access;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with
 * OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about 50 ms per check on one core, slow enough
 * for guessing to be expensive. The parameters are stored with each hash, so they can be raised later and
 * old hashes still verify. Requests run these on {@link PasswordHashing}'s threads only.
 *
 * <p>A new password must have 10 to 200 characters, must not contain the user name, and must be hard to
 * guess by zxcvbn's estimate (score 3 of 4 or more: common passwords, names, words, dates, keyboard rows and
 * repeats are what it recognises).
 */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    public static final int MIN_SCORE = 3;
    /** zxcvbn's time grows faster than the length; a password strong in its first 100 characters is strong. */
    private static final int MEASURED_LENGTH = 100;
    private static final Zxcvbn STRENGTH = new Zxcvbn();
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

    /**
     * Verifies against the stored hash, or, for an unknown user name (null), against a dummy hash with the
     * same parameters, so both take the same time; false for the dummy.
     */
    public static boolean verifyOrDummy(String password, String storedOrNull) {
        if (storedOrNull == null) {
            verify(password, DUMMY);
            return false;
        }
        return verify(password, storedOrNull);
    }

    /** Why a new password for this user is refused, or null when it is acceptable. Never repeats the password. */
    public static String problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " characters";
        }
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (name.length() >= 3 && password.toLowerCase(Locale.ROOT).contains(name)) {
            return "must not contain the user name";
        }
        Strength strength;
        synchronized (STRENGTH) { // one matcher set, not documented as safe to share between threads
            strength = STRENGTH.measure(password.substring(0, Math.min(password.length(), MEASURED_LENGTH)),
                    name.isEmpty() ? List.of() : List.of(name));
        }
        if (strength.getScore() >= MIN_SCORE) {
            return null;
        }
        Feedback feedback = strength.getFeedback();
        StringBuilder why = new StringBuilder("is too easy to guess (strength ").append(strength.getScore()).append(" of 4, at least ")
                .append(MIN_SCORE).append(" needed)");
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) {
            why.append(": ").append(warning.strip());
        }
        List<String> suggestions = feedback.getSuggestions(Locale.ENGLISH);
        if (suggestions != null && !suggestions.isEmpty()) {
            why.append(warning != null && !warning.isBlank() ? " " : ": ").append(String.join(" ", suggestions));
        } else if (warning == null || warning.isBlank()) {
            why.append(": add another word or two; uncommon words are better");
        }
        return why.toString();
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
